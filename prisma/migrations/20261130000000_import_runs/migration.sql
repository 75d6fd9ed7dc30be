-- Imports written in short batches, each its own transaction, with what undoes them: a failure in a
-- late batch, or a process that died, leaves nothing of the import (see src/import/import-run.ts).
-- CreateTable
CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ImportUndo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "entry" TEXT NOT NULL,
    CONSTRAINT "ImportUndo_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ImportUndo_runId_id_idx" ON "ImportUndo"("runId", "id");
