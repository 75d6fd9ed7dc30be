import type { Client } from "../client.ts";
import { NO_SQLITE, type PgDriver, PgSql } from "../sql.ts";
import { bindStores, type Stores } from "../stores.ts";
import { PgConversationStore, PgInboundStore } from "./pg-chat-stores.ts";
import { PgCampaignStore, PgScheduledWorkStore } from "./pg-claims.ts";
import { PgImportJournalStore } from "./pg-import-journal-store.ts";
import { PgInspectionStore } from "./pg-inspection-store.ts";
import {
  PgAuditStore,
  PgDirectoryStore,
  PgEnterpriseStore,
  PgPeopleStore,
  PgWebSessionStore,
} from "./pg-orm-stores.ts";
import { PgOutboxStore } from "./pg-outbox-store.ts";
import { PgReportStore } from "./pg-report-store.ts";

/**
 * The stores bound to a PostgreSQL client (the pool, or one interactive transaction) and the
 * driver of their raw statements (the pool, or that transaction's connection): the ORM-only stores
 * are the same classes as on SQLite; those with raw statements or writes a unique key may refuse
 * have a PostgreSQL subclass.
 */
export function bindPgStores(db: Client, driver: PgDriver, inTransaction: boolean): Stores {
  const pg = new PgSql(driver, inTransaction);
  return {
    ...bindStores(db, NO_SQLITE),
    audit: new PgAuditStore(db),
    campaigns: new PgCampaignStore(db, pg),
    conversations: new PgConversationStore(db, pg),
    directory: new PgDirectoryStore(db),
    enterprises: new PgEnterpriseStore(db),
    importJournal: new PgImportJournalStore(pg),
    inbound: new PgInboundStore(db, pg),
    inspections: new PgInspectionStore(db),
    outbox: new PgOutboxStore(db, pg),
    people: new PgPeopleStore(db),
    reports: new PgReportStore(db, pg),
    scheduledWork: new PgScheduledWorkStore(db),
    webSessions: new PgWebSessionStore(db),
  };
}
