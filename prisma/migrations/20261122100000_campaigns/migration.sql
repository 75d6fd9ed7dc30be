-- Campaigns: anchor name, closing day, target, self-check flag, origin and cancellation; leader cards (安全生产提示卡).
ALTER TABLE "Campaign" ADD COLUMN "anchorName" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "closesOn" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "target" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Campaign" ADD COLUMN "selfCheck" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Campaign" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'scheduler';
ALTER TABLE "Campaign" ADD COLUMN "cancelledAt" DATETIME;

-- CreateTable
CREATE TABLE "LeaderCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cardKey" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "firstSentAt" DATETIME NOT NULL,
    "lastSentAt" DATETIME NOT NULL,
    "sends" INTEGER NOT NULL DEFAULT 1,
    "acknowledgedAt" DATETIME,
    CONSTRAINT "LeaderCard_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LeaderCard_campaignId_idx" ON "LeaderCard"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "LeaderCard_cardKey_personId_key" ON "LeaderCard"("cardKey", "personId");
