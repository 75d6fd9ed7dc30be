import type { Client } from "./client.ts";

/** A stored line of a simulator chat: its order, who wrote it, what it said (JSON), and when. */
export type SimulatorLineRow = { id: number; fromMe: boolean; payload: string; at: Date };

/** The browser simulator's chat lines, per phone, in the order they appeared. */
export class SimulatorLogStore {
  constructor(private readonly db: Client) {}

  /** Appends a line; false when it is a bot line whose outbox row was shown already (a redelivery). */
  async append(line: {
    phone: string;
    fromMe: boolean;
    payload: string;
    outboxId?: string;
    at: Date;
  }): Promise<boolean> {
    if (line.outboxId) {
      const shown = await this.db.simulatorLine.findUnique({
        where: { outboxId: line.outboxId },
        select: { id: true },
      });
      if (shown) return false;
    }
    await this.db.simulatorLine.create({ data: line });
    return true;
  }

  /** The last `limit` lines of a chat after line `after`, oldest first. */
  async after(phone: string, after: number, limit: number): Promise<SimulatorLineRow[]> {
    const rows = await this.db.simulatorLine.findMany({
      where: { phone, id: { gt: after } },
      orderBy: { id: "desc" },
      take: limit,
      select: { id: true, fromMe: true, payload: true, at: true },
    });
    return rows.reverse();
  }
}
