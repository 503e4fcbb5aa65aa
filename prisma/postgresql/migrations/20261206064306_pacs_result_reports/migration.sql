-- AlterTable
ALTER TABLE "PacsResult" ADD COLUMN     "reportSeriesInstanceUID" TEXT,
ADD COLUMN     "reportSopInstanceUID" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "PacsResult_reportSopInstanceUID_key" ON "PacsResult"("reportSopInstanceUID");

