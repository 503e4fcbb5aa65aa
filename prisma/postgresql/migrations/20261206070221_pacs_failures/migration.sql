-- CreateTable
CREATE TABLE "PacsFailure" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failedAt" TIMESTAMP(3) NOT NULL,
    "retryAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PacsFailure_pkey" PRIMARY KEY ("kind","key")
);

-- CreateIndex
CREATE INDEX "PacsFailure_kind_retryAt_idx" ON "PacsFailure"("kind", "retryAt");

