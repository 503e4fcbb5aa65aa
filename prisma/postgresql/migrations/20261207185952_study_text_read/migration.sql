-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "textRead" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Study_textRead_idx" ON "Study"("textRead");

