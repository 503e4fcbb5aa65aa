-- AlterTable
ALTER TABLE "PacsResult" ADD COLUMN "reportSeriesInstanceUID" TEXT;
ALTER TABLE "PacsResult" ADD COLUMN "reportSopInstanceUID" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "PacsResult_reportSopInstanceUID_key" ON "PacsResult"("reportSopInstanceUID");

