import type { Enterprise } from "../domain/enterprise.ts";
import type { Person } from "../domain/people/person.ts";
import type { Client } from "./client.ts";
import { toEnterprise, toPerson } from "./rows.ts";
import type { Sql } from "./sql.ts";

/** A chat account (channel + platform id) and the person it is bound to. */
export type BoundAccount = {
  channel: string;
  externalId: string;
  personId: string;
  blockedAt: Date | null;
  blockedReason: string | null;
  person: Person & { enterprise: Enterprise | null };
};

/** A single-use binding code. */
export type Invite = {
  code: string;
  personId: string;
  expiresAt: Date;
  usedAt: Date | null;
  person: Person & { enterprise: Enterprise | null };
};

/** Chat accounts bound to people, and the invites and attempts that bind them. */
export class IdentityStore {
  constructor(
    private readonly db: Client,
    protected readonly sql: Sql,
  ) {}

  /** The account with its person and their enterprise, read in one go (every message needs it). */
  async find(channel: string, externalId: string): Promise<BoundAccount | null> {
    const row = await this.db.channelIdentity.findUnique({
      where: { channel_externalId: { channel, externalId } },
      include: { person: { include: { enterprise: true } } },
    });
    if (!row) return null;
    return {
      channel: row.channel,
      externalId: row.externalId,
      personId: row.personId,
      blockedAt: row.blockedAt,
      blockedReason: row.blockedReason,
      person: {
        ...toPerson(row.person),
        enterprise: row.person.enterprise ? toEnterprise(row.person.enterprise) : null,
      },
    };
  }

  /** Binds (or re-binds) an account to a person. */
  async bind(
    account: { channel: string; externalId: string; displayName?: string },
    personId: string,
    at: Date,
  ): Promise<void> {
    await this.db.channelIdentity.upsert({
      where: { channel_externalId: { channel: account.channel, externalId: account.externalId } },
      create: { ...account, personId, boundAt: at },
      update: { personId, boundAt: at, displayName: account.displayName ?? null },
    });
  }

  /** Marks an account unreachable; false when it is not a bound account. */
  async markBlocked(channel: string, externalId: string, reason: string, at: Date): Promise<boolean> {
    const n = await this.db.channelIdentity.updateMany({
      where: { channel, externalId },
      data: { blockedAt: at, blockedReason: reason.slice(0, 200) },
    });
    return n.count > 0;
  }

  /** Clears the unreachable mark; true when there was one. */
  async clearBlocked(channel: string, externalId: string): Promise<boolean> {
    const n = await this.db.channelIdentity.updateMany({
      where: { channel, externalId, blockedAt: { not: null } },
      data: { blockedAt: null, blockedReason: null },
    });
    return n.count > 0;
  }

  /** Accounts of a channel, for adapters that map platform ids (WeChat after a re-login). */
  async accountsOf(
    channel: string,
  ): Promise<{ externalId: string; personId: string; displayName: string | null }[]> {
    return this.db.channelIdentity.findMany({
      where: { channel },
      select: { externalId: true, personId: true, displayName: true },
    });
  }

  async invite(code: string): Promise<Invite | null> {
    const row = await this.db.inviteCode.findUnique({
      where: { code },
      include: { person: { include: { enterprise: true } } },
    });
    if (!row) return null;
    return {
      code: row.code,
      personId: row.personId,
      expiresAt: row.expiresAt,
      usedAt: row.usedAt,
      person: {
        ...toPerson(row.person),
        enterprise: row.person.enterprise ? toEnterprise(row.person.enterprise) : null,
      },
    };
  }

  async createInvite(invite: {
    code: string;
    personId: string;
    expiresAt: Date;
    createdAt: Date;
  }): Promise<void> {
    await this.db.inviteCode.create({ data: invite });
  }

  async useInvite(code: string, usedBy: string, at: Date): Promise<void> {
    await this.db.inviteCode.update({ where: { code }, data: { usedAt: at, usedBy } });
  }

  /** Failed bind attempts of an account since a moment. */
  async failedBindsSince(channel: string, externalId: string, since: Date): Promise<number> {
    return this.db.bindAttempt.count({ where: { channel, externalId, ok: false, at: { gte: since } } });
  }

  /** Failed bind attempts of every account since a moment (guessing spread over many accounts). */
  async allFailedBindsSince(since: Date): Promise<number> {
    return this.db.bindAttempt.count({ where: { ok: false, at: { gte: since } } });
  }

  async recordBindAttempt(channel: string, externalId: string, ok: boolean, at: Date): Promise<void> {
    await this.db.bindAttempt.create({ data: { channel, externalId, ok, at } });
  }

  /** Every bound account, oldest binding first, for operator listings. */
  async allAccounts(): Promise<{ personId: string; channel: string; externalId: string }[]> {
    return this.db.channelIdentity.findMany({
      select: { personId: true, channel: true, externalId: true },
      orderBy: { boundAt: "asc" },
    });
  }

  /** The bound accounts of a channel not marked unreachable (WeChat checks them after each login). */
  async reachableAccountsOf(channel: string): Promise<string[]> {
    const rows = await this.db.channelIdentity.findMany({
      where: { channel, blockedAt: null },
      select: { externalId: true },
    });
    return rows.map((r) => r.externalId);
  }

  /** A person's most recently bound account on any channel but `exceptChannel`, or null. */
  async latestAccountElsewhere(
    personId: string,
    exceptChannel: string,
  ): Promise<{ personId: string; channel: string; externalId: string } | null> {
    return this.db.channelIdentity.findFirst({
      where: { personId, channel: { not: exceptChannel } },
      orderBy: { boundAt: "desc" },
      select: { personId: true, channel: true, externalId: true },
    });
  }
}
