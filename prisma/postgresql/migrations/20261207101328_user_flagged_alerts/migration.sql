-- AlterTable
ALTER TABLE "User" ADD COLUMN     "flaggedAlerts" BOOLEAN NOT NULL DEFAULT false;

