-- Added in place (Prisma's diff rebuilds the table; a new column with a default needs no rebuild).
ALTER TABLE "Review" ADD COLUMN "measurements" TEXT NOT NULL DEFAULT '[]';
