-- CreateTable
CREATE TABLE "PacsReviewReport" (
    "id" SERIAL NOT NULL,
    "reviewId" INTEGER NOT NULL,
    "studyInstanceUID" TEXT NOT NULL,
    "seriesInstanceUID" TEXT NOT NULL,
    "sopInstanceUID" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PacsReviewReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PacsReviewReport_reviewId_key" ON "PacsReviewReport"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "PacsReviewReport_sopInstanceUID_key" ON "PacsReviewReport"("sopInstanceUID");

-- CreateIndex
CREATE INDEX "PacsReviewReport_studyInstanceUID_idx" ON "PacsReviewReport"("studyInstanceUID");

-- AddForeignKey
ALTER TABLE "PacsReviewReport" ADD CONSTRAINT "PacsReviewReport_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

