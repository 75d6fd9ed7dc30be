import type { Client } from "./client.ts";

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

/** The audit log: who changed what. */
export class AuditStore {
  constructor(private readonly db: Client) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditLog.create({
      data: {
        at: entry.at,
        actorId: entry.actorId ?? null,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        ...(entry.detail === undefined ? {} : { detail: JSON.stringify(entry.detail) }),
      },
    });
  }
}
