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
    "aiFlaggedAt" DATETIME,
    "aiTopProbability" REAL,
    "aiScreenedSeries" INTEGER NOT NULL DEFAULT 0,
    "aiEligibleSeries" INTEGER NOT NULL DEFAULT 0,
    "worklistText" TEXT NOT NULL DEFAULT '',
    "worklistOrder" TEXT NOT NULL DEFAULT '',
    "keysVersion" INTEGER NOT NULL DEFAULT 0,
    "textRead" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Study" ("accessionNumber", "aiEligibleSeries", "aiFlagged", "aiFlaggedAt", "aiScreenedSeries", "aiStatus", "aiTopProbability", "createdAt", "id", "keysVersion", "patientBirthDate", "patientId", "patientName", "patientSex", "studyDate", "studyDescription", "studyInstanceUID", "studyTime", "worklistOrder", "worklistText") SELECT "accessionNumber", "aiEligibleSeries", "aiFlagged", "aiFlaggedAt", "aiScreenedSeries", "aiStatus", "aiTopProbability", "createdAt", "id", "keysVersion", "patientBirthDate", "patientId", "patientName", "patientSex", "studyDate", "studyDescription", "studyInstanceUID", "studyTime", "worklistOrder", "worklistText" FROM "Study";
DROP TABLE "Study";
ALTER TABLE "new_Study" RENAME TO "Study";
CREATE UNIQUE INDEX "Study_studyInstanceUID_key" ON "Study"("studyInstanceUID");
CREATE INDEX "Study_worklistOrder_idx" ON "Study"("worklistOrder");
CREATE INDEX "Study_aiStatus_idx" ON "Study"("aiStatus");
CREATE INDEX "Study_keysVersion_idx" ON "Study"("keysVersion");
CREATE INDEX "Study_textRead_idx" ON "Study"("textRead");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

