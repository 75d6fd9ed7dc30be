import { type Client, inChunks } from "./client.ts";

/** What a photo is evidence of on a ticket: the hazard as found, or the site once fixed. */
export type TicketPhotoPurpose = "hazard" | "rectification";

/** Where photos are hung on a ticket: the ticket itself, and the event they came with if any. */
export type TicketPhotoLink = { ticketId: string; ticketEventId?: string; purpose: TicketPhotoPurpose };

/** Stored files' rows: which photo belongs to which answer, ticket or event. */
export class AttachmentStore {
  constructor(private readonly db: Client) {}

  /** The content hashes of a ticket's own "before" photos. */
  async hazardPhotoHashes(ticketId: string): Promise<Set<string>> {
    const rows = await this.db.attachment.findMany({
      where: { ticketId, purpose: "hazard" },
      select: { sha256: true },
    });
    return new Set(rows.map((r) => r.sha256));
  }

  /** The content hash of each of the photos given (unknown ids are left out). */
  async hashes(ids: readonly string[]): Promise<{ id: string; sha256: string }[]> {
    return inChunks(ids, (chunk) =>
      this.db.attachment.findMany({ where: { id: { in: chunk } }, select: { id: true, sha256: true } }),
    );
  }

  /** Hangs photos on a ticket (and on the event they came with). */
  async hangOnTicket(ids: readonly string[], link: TicketPhotoLink): Promise<void> {
    await inChunks(ids, async (chunk) => {
      await this.db.attachment.updateMany({
        where: { id: { in: chunk } },
        data: {
          purpose: link.purpose,
          ticketId: link.ticketId,
          ...(link.ticketEventId === undefined ? {} : { ticketEventId: link.ticketEventId }),
        },
      });
      return [];
    });
  }

  /**
   * Records photos a person just sent (already stored by content hash), tied to the self-check
   * question they answer when there is one; returns the new attachment ids in order.
   */
  async recordUploads(
    photos: readonly {
      sha256: string;
      mime: string;
      size: number;
      name: string | null;
      uploadedById: string;
    }[],
    answering: { runId: string | null; questionId: string | null },
    at: Date,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const p of photos) {
      const row = await this.db.attachment.create({
        data: {
          sha256: p.sha256,
          mime: p.mime,
          size: p.size,
          originalName: p.name,
          uploadedById: p.uploadedById,
          runId: answering.runId,
          questionId: answering.questionId,
          purpose: "answer",
          createdAt: at,
        },
        select: { id: true },
      });
      ids.push(row.id);
    }
    return ids;
  }

  /** The photos of a ticket (hung on it or on one of its events), oldest first. */
  async onTicket(ticketId: string): Promise<TicketPhoto[]> {
    const rows = await this.db.attachment.findMany({
      where: {
        purpose: { in: ["hazard", "rectification"] },
        OR: [{ ticketId }, { ticketEvent: { ticketId } }],
      },
      select: { id: true, purpose: true, mime: true, ticketEventId: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map((r) => ({
      id: r.id,
      purpose: r.purpose === "hazard" ? "hazard" : "rectification",
      mime: r.mime,
      ticketEventId: r.ticketEventId,
      createdAt: r.createdAt,
    }));
  }

  /** A stored file with the enterprise whose ticket or self-check it belongs to (null when neither). */
  async withOwner(id: string): Promise<{ sha256: string; mime: string; enterpriseId: string | null } | null> {
    const row = await this.db.attachment.findUnique({
      where: { id },
      select: {
        sha256: true,
        mime: true,
        ticket: { select: { enterpriseId: true } },
        ticketEvent: { select: { ticket: { select: { enterpriseId: true } } } },
        run: { select: { enterpriseId: true } },
      },
    });
    if (!row) return null;
    const enterpriseId =
      row.ticket?.enterpriseId ?? row.ticketEvent?.ticket.enterpriseId ?? row.run?.enterpriseId ?? null;
    return { sha256: row.sha256, mime: row.mime, enterpriseId };
  }
}

/** A photo on a ticket: the hazard as found (before) or the site once fixed (after). */
export type TicketPhoto = {
  id: string;
  purpose: TicketPhotoPurpose;
  mime: string;
  ticketEventId: string | null;
  createdAt: Date;
};
