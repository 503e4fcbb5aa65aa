-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "aiEligibleSeries" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "aiFlagged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "aiScreenedSeries" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "aiStatus" TEXT NOT NULL DEFAULT 'pending',
ADD COLUMN     "aiTopProbability" DOUBLE PRECISION,
ADD COLUMN     "keysVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "worklistOrder" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "worklistText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "discordant" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Study_worklistOrder_idx" ON "Study"("worklistOrder");

-- CreateIndex
CREATE INDEX "Study_aiStatus_idx" ON "Study"("aiStatus");

-- CreateIndex
CREATE INDEX "Study_keysVersion_idx" ON "Study"("keysVersion");


-- Reviews written before this column: decisions is JSON.stringify's text of
-- [{finding, decision}], so a disagree decision reads exactly '"decision":"disagree"' (a quote
-- inside a finding's name is escaped and cannot form it). Study keys are computed by the code
-- when the store opens (keysVersion 0).
UPDATE "Review" SET "discordant" = ("decisions" LIKE '%"decision":"disagree"%');
