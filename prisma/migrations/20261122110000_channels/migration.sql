-- Chat channels: mark accounts the platform says cannot be reached.
ALTER TABLE "ChannelIdentity" ADD COLUMN "blockedAt" DATETIME;
ALTER TABLE "ChannelIdentity" ADD COLUMN "blockedReason" TEXT;
