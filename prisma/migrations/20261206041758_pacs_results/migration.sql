-- CreateTable
CREATE TABLE "PacsResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inferenceId" INTEGER NOT NULL,
    "studyInstanceUID" TEXT NOT NULL,
    "seriesInstanceUID" TEXT NOT NULL,
    "sopInstanceUID" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    CONSTRAINT "PacsResult_inferenceId_fkey" FOREIGN KEY ("inferenceId") REFERENCES "Inference" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PacsResult_inferenceId_key" ON "PacsResult"("inferenceId");

-- CreateIndex
CREATE UNIQUE INDEX "PacsResult_sopInstanceUID_key" ON "PacsResult"("sopInstanceUID");

-- CreateIndex
CREATE INDEX "PacsResult_studyInstanceUID_idx" ON "PacsResult"("studyInstanceUID");

