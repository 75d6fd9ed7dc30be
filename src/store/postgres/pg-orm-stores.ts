import type { AreaNode } from "../../domain/area/area-tree.ts";
import type { Enterprise } from "../../domain/enterprise.ts";
import type { Person } from "../../domain/people/person.ts";
import { type AuditEntry, AuditStore } from "../audit-store.ts";
import type { Client } from "../client.ts";
import { DirectoryStore } from "../directory-store.ts";
import { EnterpriseStore } from "../enterprise-store.ts";
import { PeopleStore } from "../people-store.ts";
import { toEnterprise, toPerson } from "../rows.ts";
import { NO_SQLITE } from "../sql.ts";
import { type LoginLink, WebSessionStore } from "../web-session-store.ts";

/*
 * Methods that SQLite runs as prepared statements so that an idle `xunjian start` need not load
 * the ORM; on PostgreSQL every statement goes through the client anyway, so they are the ORM
 * calls they were before.
 */

export class PgAuditStore extends AuditStore {
  constructor(db: Client) {
    super(db, NO_SQLITE);
  }

  override async record(entry: AuditEntry): Promise<void> {
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

export class PgDirectoryStore extends DirectoryStore {
  constructor(private readonly pgDb: Client) {
    super(pgDb, NO_SQLITE);
  }

  override async boundOn(channel: string): Promise<(Person & { enterprise: Enterprise | null })[]> {
    const rows = await this.pgDb.person.findMany({
      where: { identities: { some: { channel } } },
      include: { enterprise: true },
      orderBy: [{ role: "asc" }, { phone: "asc" }],
    });
    return rows.map((p) => ({
      ...toPerson(p),
      enterprise: p.enterprise ? toEnterprise(p.enterprise) : null,
    }));
  }
}

export class PgEnterpriseStore extends EnterpriseStore {
  constructor(private readonly pgDb: Client) {
    super(pgDb, NO_SQLITE);
  }

  override async areas(): Promise<AreaNode[]> {
    return this.pgDb.area.findMany({
      select: { id: true, name: true, parentId: true },
      orderBy: { id: "asc" },
    });
  }

  override async count(): Promise<number> {
    return this.pgDb.enterprise.count();
  }
}

export class PgPeopleStore extends PeopleStore {
  constructor(private readonly pgDb: Client) {
    super(pgDb, NO_SQLITE);
  }

  override async byPhone(phone: string): Promise<Person | null> {
    const row = await this.pgDb.person.findUnique({ where: { phone } });
    return row ? toPerson(row) : null;
  }
}

export class PgWebSessionStore extends WebSessionStore {
  constructor(private readonly pgDb: Client) {
    super(pgDb, NO_SQLITE);
  }

  override async createLink(link: Omit<LoginLink, "usedAt">): Promise<void> {
    await this.pgDb.webLoginLink.create({ data: link });
  }
}
