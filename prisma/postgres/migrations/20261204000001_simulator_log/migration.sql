-- The browser simulator's chat lines, kept in the database so a chat's log survives a restart.
-- CreateTable
CREATE TABLE "SimulatorLine" (
    "id" SERIAL NOT NULL,
    "phone" TEXT NOT NULL,
    "fromMe" BOOLEAN NOT NULL,
    "payload" TEXT NOT NULL,
    "outboxId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SimulatorLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SimulatorLine_outboxId_key" ON "SimulatorLine"("outboxId");

-- CreateIndex
CREATE INDEX "SimulatorLine_phone_id_idx" ON "SimulatorLine"("phone", "id");
