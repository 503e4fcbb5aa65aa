-- CreateTable
CREATE TABLE "PacsSettledStudy" (
    "scope" TEXT NOT NULL,
    "studyInstanceUID" TEXT NOT NULL,
    "instances" INTEGER NOT NULL,
    "settledAt" DATETIME NOT NULL,

    PRIMARY KEY ("scope", "studyInstanceUID")
);

