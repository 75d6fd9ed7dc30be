-- On-site inspections (检查): the inspection, its team, findings (tickets), documents and measures;
-- tickets opened by an inspection point back to it.
-- CreateTable
CREATE TABLE "Inspection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "campaignId" TEXT,
    "channel" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "outsideExperts" INTEGER NOT NULL DEFAULT 0,
    "outsideStaff" INTEGER NOT NULL DEFAULT 0,
    "latitude" REAL,
    "longitude" REAL,
    "locationLabel" TEXT,
    "note" TEXT,
    CONSTRAINT "Inspection_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inspection_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionMember" (
    "inspectionId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("inspectionId", "personId"),
    CONSTRAINT "InspectionMember_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InspectionMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionFinding" (
    "inspectionId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "onSpot" BOOLEAN NOT NULL,
    "newTicket" BOOLEAN NOT NULL,

    PRIMARY KEY ("inspectionId", "ticketId"),
    CONSTRAINT "InspectionFinding_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InspectionFinding_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "inspectionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    CONSTRAINT "InspectionDocument_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionMeasure" (
    "inspectionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountFen" INTEGER,

    PRIMARY KEY ("inspectionId", "kind"),
    CONSTRAINT "InspectionMeasure_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AddColumn (written by hand: Prisma would redefine the table and drop the partial unique index
-- "Ticket_open_hazard_key" of the init migration, which schema.prisma cannot express)
ALTER TABLE "Ticket" ADD COLUMN "inspectionId" TEXT REFERENCES "Inspection" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_number_key" ON "Inspection"("number");

-- CreateIndex
CREATE INDEX "Inspection_submittedAt_idx" ON "Inspection"("submittedAt");

-- CreateIndex
CREATE INDEX "Inspection_enterpriseId_idx" ON "Inspection"("enterpriseId");

-- CreateIndex
CREATE INDEX "InspectionMember_personId_idx" ON "InspectionMember"("personId");

-- CreateIndex
CREATE INDEX "InspectionFinding_ticketId_idx" ON "InspectionFinding"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionDocument_number_key" ON "InspectionDocument"("number");

-- CreateIndex
CREATE INDEX "InspectionDocument_inspectionId_idx" ON "InspectionDocument"("inspectionId");
