import type { Client } from "./client.ts";
import { dbInstant, type Sql } from "./sql.ts";

/** A single-use sign-in link of the office console, by the sha256 of its token. */
export type LoginLink = {
  tokenHash: string;
  personId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** Where it was asked for: `chat:<channel>`, `cli`, `start`. */
  origin: string;
};

/** A signed-in browser, by the sha256 of its cookie's token. */
export type WebSession = {
  tokenHash: string;
  personId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

/** The office console's sign-in: links, sessions, and the attempts that throttle guessing. */
export class WebSessionStore {
  constructor(
    private readonly db: Client,
    private readonly sql: Sql,
  ) {}

  /** A prepared insert: `xunjian start` makes a link at every start, without loading the ORM. */
  async createLink(link: Omit<LoginLink, "usedAt">): Promise<void> {
    this.sql
      .statement(
        "INSERT INTO WebLoginLink (tokenHash, personId, createdAt, expiresAt, origin) VALUES (?, ?, ?, ?, ?)",
      )
      .run(link.tokenHash, link.personId, dbInstant(link.createdAt), dbInstant(link.expiresAt), link.origin);
  }

  async link(tokenHash: string): Promise<LoginLink | null> {
    return this.db.webLoginLink.findUnique({ where: { tokenHash } });
  }

  /**
   * Uses a link if it is still unused and unexpired at `at`; false otherwise. One conditional
   * update, so two browsers racing with the same link cannot both sign in.
   */
  async useLink(tokenHash: string, at: Date): Promise<boolean> {
    const taken = await this.db.webLoginLink.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at },
    });
    return taken.count > 0;
  }

  async recordAttempt(client: string, ok: boolean, at: Date): Promise<void> {
    await this.db.webLoginAttempt.create({ data: { client, ok, at } });
  }

  /** Failed link attempts from one client address since a moment. */
  async failedAttemptsSince(client: string, since: Date): Promise<number> {
    return this.db.webLoginAttempt.count({ where: { client, ok: false, at: { gte: since } } });
  }

  /** Failed link attempts from every address since a moment (guessing spread over many addresses). */
  async allFailedAttemptsSince(since: Date): Promise<number> {
    return this.db.webLoginAttempt.count({ where: { ok: false, at: { gte: since } } });
  }

  async createSession(session: Omit<WebSession, "revokedAt">): Promise<void> {
    await this.db.webSession.create({ data: session });
  }

  async session(tokenHash: string): Promise<WebSession | null> {
    return this.db.webSession.findUnique({ where: { tokenHash } });
  }

  /** Ends a session (sign-out); false when it had ended already. */
  async revoke(tokenHash: string, at: Date): Promise<boolean> {
    const n = await this.db.webSession.updateMany({
      where: { tokenHash, revokedAt: null },
      data: { revokedAt: at },
    });
    return n.count > 0;
  }
}
