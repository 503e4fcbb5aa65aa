-- CreateTable
CREATE TABLE "PacsResult" (
    "id" SERIAL NOT NULL,
    "inferenceId" INTEGER NOT NULL,
    "studyInstanceUID" TEXT NOT NULL,
    "seriesInstanceUID" TEXT NOT NULL,
    "sopInstanceUID" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PacsResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PacsResult_inferenceId_key" ON "PacsResult"("inferenceId");

-- CreateIndex
CREATE UNIQUE INDEX "PacsResult_sopInstanceUID_key" ON "PacsResult"("sopInstanceUID");

-- CreateIndex
CREATE INDEX "PacsResult_studyInstanceUID_idx" ON "PacsResult"("studyInstanceUID");

-- AddForeignKey
ALTER TABLE "PacsResult" ADD CONSTRAINT "PacsResult_inferenceId_fkey" FOREIGN KEY ("inferenceId") REFERENCES "Inference"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

