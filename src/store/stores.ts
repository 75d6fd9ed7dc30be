import { AttachmentStore } from "./attachment-store.ts";
import { AuditStore } from "./audit-store.ts";
import { CampaignStore } from "./campaign-store.ts";
import type { Client } from "./client.ts";
import { ConversationStore } from "./conversation-store.ts";
import { DirectoryStore } from "./directory-store.ts";
import { EnterpriseStore } from "./enterprise-store.ts";
import { IdentityStore } from "./identity-store.ts";
import { ImportJournalStore } from "./import-journal-store.ts";
import { InboundStore } from "./inbound-store.ts";
import { InspectionStore } from "./inspection-store.ts";
import { OutboxStore } from "./outbox-store.ts";
import { PeopleStore } from "./people-store.ts";
import { ReportStore } from "./report-store.ts";
import { ScheduledWorkStore } from "./scheduled-work-store.ts";
import { SelfCheckStore } from "./self-check-store.ts";
import { SimulatorLogStore } from "./simulator-log-store.ts";
import type { Sql } from "./sql.ts";
import { TicketStore } from "./ticket-store.ts";
import { WebSessionStore } from "./web-session-store.ts";

/** The stores of one unit of work, all bound to the same connection or transaction. */
export type Stores = {
  attachments: AttachmentStore;
  audit: AuditStore;
  campaigns: CampaignStore;
  conversations: ConversationStore;
  directory: DirectoryStore;
  enterprises: EnterpriseStore;
  identities: IdentityStore;
  importJournal: ImportJournalStore;
  inbound: InboundStore;
  inspections: InspectionStore;
  outbox: OutboxStore;
  people: PeopleStore;
  reports: ReportStore;
  scheduledWork: ScheduledWorkStore;
  selfChecks: SelfCheckStore;
  simulatorLog: SimulatorLogStore;
  tickets: TicketStore;
  webSessions: WebSessionStore;
};

/** Binds every store to one client (the connection, or one transaction) and the prepared statements. */
export function bindStores(db: Client, sql: Sql): Stores {
  return {
    attachments: new AttachmentStore(db),
    audit: new AuditStore(db, sql),
    campaigns: new CampaignStore(db, sql),
    conversations: new ConversationStore(db, sql),
    directory: new DirectoryStore(db, sql),
    enterprises: new EnterpriseStore(db, sql),
    identities: new IdentityStore(db, sql),
    importJournal: new ImportJournalStore(sql),
    inbound: new InboundStore(db, sql),
    inspections: new InspectionStore(db, sql),
    outbox: new OutboxStore(db, sql),
    people: new PeopleStore(db, sql),
    reports: new ReportStore(db, sql),
    scheduledWork: new ScheduledWorkStore(db),
    selfChecks: new SelfCheckStore(db),
    simulatorLog: new SimulatorLogStore(db),
    tickets: new TicketStore(db),
    webSessions: new WebSessionStore(db, sql),
  };
}
