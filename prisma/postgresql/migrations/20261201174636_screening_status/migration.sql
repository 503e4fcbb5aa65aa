-- AlterTable
ALTER TABLE "Inference" ADD COLUMN     "outOfScope" TEXT NOT NULL DEFAULT '[]',
ALTER COLUMN "provider" DROP NOT NULL,
ALTER COLUMN "probabilities" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ScreeningFailure" (
    "id" SERIAL NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "modelVersionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failedAt" TIMESTAMP(3) NOT NULL,
    "retryAt" TIMESTAMP(3),

    CONSTRAINT "ScreeningFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningFailure_seriesId_modelVersionId_key" ON "ScreeningFailure"("seriesId", "modelVersionId");

-- AddForeignKey
ALTER TABLE "ScreeningFailure" ADD CONSTRAINT "ScreeningFailure_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningFailure" ADD CONSTRAINT "ScreeningFailure_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Data: the intended-use reasons move from saliency.outOfScope to their own column, and a
-- series recorded as out of scope (provider "none (out of scope)", empty scores) gets null
-- probabilities and provider: no model ran on it.
UPDATE "Inference" SET "outOfScope" = ("saliency"::json -> 'outOfScope')::text
  WHERE "saliency" IS NOT NULL AND json_typeof("saliency"::json -> 'outOfScope') = 'array';
UPDATE "Inference" SET "probabilities" = NULL, "provider" = NULL
  WHERE "provider" = 'none (out of scope)';
