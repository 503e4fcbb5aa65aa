-- AlterTable
ALTER TABLE "Instance" ADD COLUMN "frameGeometry" TEXT;

