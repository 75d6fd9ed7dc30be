-- A campaign whose deadline had passed when it was first created is kept as skipped, with the reason.
ALTER TABLE "Campaign" ADD COLUMN "skipReason" TEXT;
