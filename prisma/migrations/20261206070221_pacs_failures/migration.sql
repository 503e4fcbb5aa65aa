-- CreateTable
CREATE TABLE "PacsFailure" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failedAt" DATETIME NOT NULL,
    "retryAt" DATETIME NOT NULL,

    PRIMARY KEY ("kind", "key")
);

-- CreateIndex
CREATE INDEX "PacsFailure_kind_retryAt_idx" ON "PacsFailure"("kind", "retryAt");

