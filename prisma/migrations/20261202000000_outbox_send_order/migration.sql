-- The dispatcher reads a channel's pending rows in send order (createdAt, id): through this index
-- it stops after one batch instead of sorting every pending row of the channel.
CREATE INDEX "OutboxMessage_channel_status_createdAt_id_idx" ON "OutboxMessage"("channel", "status", "createdAt", "id");
