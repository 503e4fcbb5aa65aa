-- Worklist keys on Study and discordance on Review: columns added in place (no table rebuild,
-- so no row or foreign key is touched).
ALTER TABLE "Study" ADD COLUMN "aiStatus" TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE "Study" ADD COLUMN "aiFlagged" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Study" ADD COLUMN "aiTopProbability" REAL;
ALTER TABLE "Study" ADD COLUMN "aiScreenedSeries" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Study" ADD COLUMN "aiEligibleSeries" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Study" ADD COLUMN "worklistText" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Study" ADD COLUMN "worklistOrder" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Study" ADD COLUMN "keysVersion" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "Study_worklistOrder_idx" ON "Study"("worklistOrder");
CREATE INDEX "Study_aiStatus_idx" ON "Study"("aiStatus");
CREATE INDEX "Study_keysVersion_idx" ON "Study"("keysVersion");
ALTER TABLE "Review" ADD COLUMN "discordant" BOOLEAN NOT NULL DEFAULT false;

-- Reviews written before this column: decisions is JSON.stringify's text of
-- [{finding, decision}], so a disagree decision reads exactly '"decision":"disagree"' (a quote
-- inside a finding's name is escaped and cannot form it). Study keys are computed by the code
-- when the store opens (keysVersion 0).
UPDATE "Review" SET "discordant" = ("decisions" LIKE '%"decision":"disagree"%');
