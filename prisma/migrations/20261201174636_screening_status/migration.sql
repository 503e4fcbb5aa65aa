-- CreateTable
CREATE TABLE "ScreeningFailure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seriesId" INTEGER NOT NULL,
    "modelVersionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failedAt" DATETIME NOT NULL,
    "retryAt" DATETIME,
    CONSTRAINT "ScreeningFailure_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ScreeningFailure_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Inference" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seriesId" INTEGER NOT NULL,
    "modelVersionId" INTEGER NOT NULL,
    "provider" TEXT,
    "inputSha256" TEXT NOT NULL,
    "probabilities" TEXT,
    "findings" TEXT NOT NULL,
    "timings" TEXT NOT NULL,
    "outOfScope" TEXT NOT NULL DEFAULT '[]',
    "saliency" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Inference_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inference_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Inference" ("createdAt", "findings", "finishedAt", "id", "inputSha256", "modelVersionId", "probabilities", "provider", "saliency", "seriesId", "startedAt", "timings") SELECT "createdAt", "findings", "finishedAt", "id", "inputSha256", "modelVersionId", "probabilities", "provider", "saliency", "seriesId", "startedAt", "timings" FROM "Inference";
DROP TABLE "Inference";
ALTER TABLE "new_Inference" RENAME TO "Inference";
CREATE INDEX "Inference_seriesId_idx" ON "Inference"("seriesId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningFailure_seriesId_modelVersionId_key" ON "ScreeningFailure"("seriesId", "modelVersionId");


-- Data: the intended-use reasons move from saliency.outOfScope to their own column, and a
-- series recorded as out of scope (provider "none (out of scope)", empty scores) gets null
-- probabilities and provider: no model ran on it.
UPDATE "Inference" SET "outOfScope" = json_extract("saliency", '$.outOfScope')
  WHERE json_valid("saliency") AND json_type("saliency", '$.outOfScope') = 'array';
UPDATE "Inference" SET "probabilities" = NULL, "provider" = NULL
  WHERE "provider" = 'none (out of scope)';
