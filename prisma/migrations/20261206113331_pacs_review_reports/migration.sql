-- CreateTable
CREATE TABLE "PacsReviewReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reviewId" INTEGER NOT NULL,
    "studyInstanceUID" TEXT NOT NULL,
    "seriesInstanceUID" TEXT NOT NULL,
    "sopInstanceUID" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    CONSTRAINT "PacsReviewReport_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PacsReviewReport_reviewId_key" ON "PacsReviewReport"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "PacsReviewReport_sopInstanceUID_key" ON "PacsReviewReport"("sopInstanceUID");

-- CreateIndex
CREATE INDEX "PacsReviewReport_studyInstanceUID_idx" ON "PacsReviewReport"("studyInstanceUID");

