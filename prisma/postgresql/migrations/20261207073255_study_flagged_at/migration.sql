-- When a study's flag was raised (the worklist's desktop alert): added in place; the code fills it
-- for the studies flagged before it when the store opens (worklist keys version 2).
ALTER TABLE "Study" ADD COLUMN     "aiFlaggedAt" TIMESTAMP(3);

