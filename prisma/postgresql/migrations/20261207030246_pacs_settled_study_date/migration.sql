-- AlterTable
ALTER TABLE "PacsSettledStudy" ADD COLUMN     "studyDate" TEXT;

-- CreateIndex
CREATE INDEX "PacsSettledStudy_studyDate_idx" ON "PacsSettledStudy"("studyDate");

