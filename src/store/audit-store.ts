import { randomUUID } from "node:crypto";
import type { Client } from "./client.ts";
import { dbInstant, type Sql } from "./sql.ts";

/** One entry of the audit log. */
export type AuditEntry = {
  at: Date;
  actorId?: string | null;
  /** What happened, e.g. `identity.bound`, `ticket.passed`. */
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: unknown;
};

const RECORD = `INSERT INTO AuditLog (id, at, actorId, action, subjectType, subjectId, detail)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

/** The audit log: who changed what. */
export class AuditStore {
  constructor(
    /** Kept for cold reads to come; every write is the prepared insert below. */
    protected readonly db: Client,
    private readonly sql: Sql,
  ) {}

  /** One prepared insert: audited work on an idle path (the sign-in link at start) needs no ORM. */
  async record(entry: AuditEntry): Promise<void> {
    this.sql
      .statement(RECORD)
      .run(
        randomUUID(),
        dbInstant(entry.at),
        entry.actorId ?? null,
        entry.action,
        entry.subjectType,
        entry.subjectId,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      );
  }
}
