-- What the PostgreSQL migrations add by hand beyond schema.prisma (which cannot express it). The
-- drift test (test/store/pg-schema-drift.test.ts) checks that the migrations give exactly the
-- schema of schema.prisma plus this file: add a statement here with the migration that adds it.

-- One open ticket per hazard of an enterprise, so a resubmitted or duplicated answer cannot open a
-- second one, even under a race between instances. Closed tickets leave the index.
CREATE UNIQUE INDEX "Ticket_open_hazard_key" ON "Ticket"("enterpriseId", "hazardKey") WHERE "status" <> 'closed';
