-- AlterTable
ALTER TABLE "Inference" ADD COLUMN     "frame" INTEGER,
ADD COLUMN     "instanceId" INTEGER;

-- AddForeignKey
ALTER TABLE "Inference" ADD CONSTRAINT "Inference_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE SET NULL ON UPDATE CASCADE;


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
      OR ("Inference"."saliency" IS NOT NULL
        AND json_typeof("Inference"."saliency"::json -> 'instanceId') = 'number')));
