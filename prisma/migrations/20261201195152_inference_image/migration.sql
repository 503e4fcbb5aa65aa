-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Inference" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seriesId" INTEGER NOT NULL,
    "modelVersionId" INTEGER NOT NULL,
    "provider" TEXT,
    "inputSha256" TEXT NOT NULL,
    "instanceId" INTEGER,
    "frame" INTEGER,
    "probabilities" TEXT,
    "findings" TEXT NOT NULL,
    "timings" TEXT NOT NULL,
    "outOfScope" TEXT NOT NULL DEFAULT '[]',
    "saliency" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Inference_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inference_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inference_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Inference" ("createdAt", "findings", "finishedAt", "id", "inputSha256", "modelVersionId", "outOfScope", "probabilities", "provider", "saliency", "seriesId", "startedAt", "timings") SELECT "createdAt", "findings", "finishedAt", "id", "inputSha256", "modelVersionId", "outOfScope", "probabilities", "provider", "saliency", "seriesId", "startedAt", "timings" FROM "Inference";
DROP TABLE "Inference";
ALTER TABLE "new_Inference" RENAME TO "Inference";
CREATE INDEX "Inference_seriesId_idx" ON "Inference"("seriesId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Data: a row written before these columns existed names its image only by inputSha256, so it
-- is traced to the instance of its series with those bytes. The screening queue (whose rows
-- carry saliency.instanceId) always screened frame 1; any other row is traced only when that
-- instance has a single frame, and stays null (unknown) otherwise.
UPDATE "Inference" SET
  "instanceId" = (SELECT MIN(i."id") FROM "Instance" i
    WHERE i."seriesId" = "Inference"."seriesId" AND i."sha256" = "Inference"."inputSha256"),
  "frame" = 1
WHERE EXISTS (SELECT 1 FROM "Instance" i
  WHERE i."seriesId" = "Inference"."seriesId" AND i."sha256" = "Inference"."inputSha256"
    AND (COALESCE(i."numberOfFrames", 1) <= 1
      OR (json_valid("Inference"."saliency")
        AND json_type("Inference"."saliency", '$.instanceId') = 'integer')));
