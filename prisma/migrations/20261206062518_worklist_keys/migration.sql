-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Study" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "studyInstanceUID" TEXT NOT NULL,
    "patientName" TEXT,
    "patientId" TEXT,
    "patientBirthDate" TEXT,
    "patientSex" TEXT,
    "studyDate" TEXT,
    "studyTime" TEXT,
    "studyDescription" TEXT,
    "accessionNumber" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "aiStatus" TEXT NOT NULL DEFAULT 'pending',
    "aiFlagged" BOOLEAN NOT NULL DEFAULT false,
    "aiTopProbability" REAL,
    "aiScreenedSeries" INTEGER NOT NULL DEFAULT 0,
    "aiEligibleSeries" INTEGER NOT NULL DEFAULT 0,
    "worklistText" TEXT NOT NULL DEFAULT '',
    "worklistOrder" TEXT NOT NULL DEFAULT '',
    "keysVersion" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Study" ("accessionNumber", "createdAt", "id", "patientBirthDate", "patientId", "patientName", "patientSex", "studyDate", "studyDescription", "studyInstanceUID", "studyTime") SELECT "accessionNumber", "createdAt", "id", "patientBirthDate", "patientId", "patientName", "patientSex", "studyDate", "studyDescription", "studyInstanceUID", "studyTime" FROM "Study";
DROP TABLE "Study";
ALTER TABLE "new_Study" RENAME TO "Study";
CREATE UNIQUE INDEX "Study_studyInstanceUID_key" ON "Study"("studyInstanceUID");
CREATE INDEX "Study_worklistOrder_idx" ON "Study"("worklistOrder");
CREATE INDEX "Study_aiStatus_idx" ON "Study"("aiStatus");
CREATE INDEX "Study_keysVersion_idx" ON "Study"("keysVersion");
CREATE TABLE "new_Review" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "studyId" INTEGER NOT NULL,
    "readerId" INTEGER NOT NULL,
    "inferenceId" INTEGER,
    "decisions" TEXT NOT NULL,
    "discordant" BOOLEAN NOT NULL DEFAULT false,
    "confounders" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "signedAt" DATETIME,
    "amendsId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Review_readerId_fkey" FOREIGN KEY ("readerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Review_amendsId_fkey" FOREIGN KEY ("amendsId") REFERENCES "Review" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Review" ("amendsId", "confounders", "createdAt", "decisions", "id", "inferenceId", "readerId", "signedAt", "startedAt", "studyId", "text") SELECT "amendsId", "confounders", "createdAt", "decisions", "id", "inferenceId", "readerId", "signedAt", "startedAt", "studyId", "text" FROM "Review";
DROP TABLE "Review";
ALTER TABLE "new_Review" RENAME TO "Review";
CREATE UNIQUE INDEX "Review_amendsId_key" ON "Review"("amendsId");
CREATE INDEX "Review_studyId_idx" ON "Review"("studyId");
CREATE INDEX "Review_readerId_idx" ON "Review"("readerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Reviews written before this column: decisions is JSON.stringify's text of
-- [{finding, decision}], so a disagree decision reads exactly '"decision":"disagree"' (a quote
-- inside a finding's name is escaped and cannot form it). Study keys are computed by the code
-- when the store opens (keysVersion 0).
UPDATE "Review" SET "discordant" = ("decisions" LIKE '%"decision":"disagree"%');
