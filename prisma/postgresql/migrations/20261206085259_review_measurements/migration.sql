-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "measurements" TEXT NOT NULL DEFAULT '[]';

