-- AlterTable
ALTER TABLE "Review" ADD COLUMN "amendingId" INTEGER;

