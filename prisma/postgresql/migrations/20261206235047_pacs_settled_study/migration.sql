-- CreateTable
CREATE TABLE "PacsSettledStudy" (
    "scope" TEXT NOT NULL,
    "studyInstanceUID" TEXT NOT NULL,
    "instances" INTEGER NOT NULL,
    "settledAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PacsSettledStudy_pkey" PRIMARY KEY ("scope","studyInstanceUID")
);

