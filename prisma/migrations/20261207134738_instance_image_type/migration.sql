-- AlterTable
ALTER TABLE "Instance" ADD COLUMN "imageType" TEXT;

