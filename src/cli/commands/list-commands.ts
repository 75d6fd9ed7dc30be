import type { Command } from "commander";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { validateCreditCode } from "../../domain/credit-code.ts";
import { OutboxStatuses } from "../../domain/outbox-item.ts";
import type { Texts } from "../../domain/texts.ts";
import { isTicketStatus, TicketStatuses } from "../../domain/ticket/ticket-status.ts";
import type { Stores } from "../../store/stores.ts";
import { shanghaiMinute } from "../../web/format.ts";
import { printJson, withApp } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";

/** An enterprise as `xunjian enterprises --json` prints it; area and grid by name. */
export type EnterpriseListItem = {
  id: string;
  creditCode: string;
  name: string;
  industry: string;
  supervisionClass: string | null;
  area: string;
  grid: string | null;
  address: string | null;
};

/** A person as `xunjian people --json` prints it; `bound` lists "channel:externalId" accounts. */
export type PersonListItem = {
  id: string;
  name: string;
  phone: string;
  role: string;
  enterprise: string | null;
  enterpriseCreditCode: string | null;
  grids: string[];
  areas: string[];
  bound: string[];
};

/** A ledger ticket as `xunjian tickets --json` prints it; dates as ISO strings, `rule` is the rule id. */
export type TicketListItem = {
  id: string;
  number: string;
  enterprise: string;
  grade: string;
  status: string;
  title: string;
  category: string;
  deadline: string;
  source: string;
  rule: string | null;
  created: string;
};

/** Names of areas and grids by id, for listings that show places by name. */
async function placeNames(s: Stores) {
  const [areas, grids] = await Promise.all([s.enterprises.areas(), s.enterprises.grids()]);
  return {
    area: new Map(areas.map((a) => [a.id, a.name])),
    grid: new Map(grids.map((g) => [g.id, g.name])),
  };
}

/** Credit codes are ASCII: compared by code unit, as the database orders them. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every enterprise, by credit code. */
export async function listEnterprises(s: Stores): Promise<EnterpriseListItem[]> {
  const rows = await s.enterprises.list({ kind: "all" });
  const names = await placeNames(s);
  return rows
    .sort((a, b) => byCode(a.creditCode, b.creditCode))
    .map((e) => ({
      id: e.id,
      creditCode: e.creditCode,
      name: e.name,
      industry: e.industry,
      supervisionClass: e.supervisionClass,
      area: names.area.get(e.areaId) ?? e.areaId,
      grid: e.gridId === null ? null : (names.grid.get(e.gridId) ?? e.gridId),
      address: e.address,
    }));
}

/** Every person, by role and phone, with their grids, areas and bound chat accounts. */
export async function listPeople(s: Stores): Promise<PersonListItem[]> {
  const rows = await s.people.all();
  const names = await placeNames(s);
  const bound = new Map<string, string[]>();
  for (const a of await s.identities.allAccounts())
    bound.set(a.personId, [...(bound.get(a.personId) ?? []), `${a.channel}:${a.externalId}`]);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    phone: p.phone,
    role: p.role,
    enterprise: p.enterprise?.name ?? null,
    enterpriseCreditCode: p.enterprise?.creditCode ?? null,
    grids: p.gridIds.map((id) => names.grid.get(id) ?? id),
    areas: p.areaIds.map((id) => names.area.get(id) ?? id),
    bound: bound.get(p.id) ?? [],
  }));
}

/** Ledger tickets by number, optionally of one status or one enterprise (by credit code). */
export async function listTickets(
  s: Stores,
  filter: { status?: string; enterprise?: string } = {},
): Promise<TicketListItem[]> {
  const { status, enterprise } = filter;
  if (status !== undefined && !isTicketStatus(status))
    throw new CliError("invalid_status", { option: "--status", value: status, choices: TicketStatuses });
  let enterpriseId: string | undefined;
  if (enterprise !== undefined) {
    const code = validateCreditCode(enterprise);
    const found = code.ok ? await s.enterprises.byCreditCode(code.code) : null;
    if (!found) throw new CliError("enterprise_not_found", { value: enterprise });
    enterpriseId = found.id;
  }
  const rows = await s.tickets.listByNumber({
    ...(status === undefined ? {} : { status }),
    ...(enterpriseId === undefined ? {} : { enterpriseId }),
  });
  return rows.map((t) => ({
    id: t.id,
    number: t.number,
    enterprise: t.enterprise.name,
    grade: t.grade,
    status: t.status,
    title: t.title,
    category: t.category,
    deadline: t.deadline.toISOString(),
    source: t.source,
    rule: t.ruleId,
    created: t.createdAt.toISOString(),
  }));
}

/** `xunjian enterprises`, `xunjian people`, `xunjian tickets`: what is in the database, as a table or JSON. */
export function registerLists(program: Command): void {
  program
    .command("enterprises")
    .description("list enterprises (area and grid by name)")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      await withApp(async ({ deps }) => {
        const rows = await deps.uow.read(listEnterprises);
        if (opts.json) return printJson(rows);
        const t = deps.content.texts;
        printTable(
          ["credit code", "name", "industry", "class", "area", "grid", "address"],
          rows.map((e) => [
            e.creditCode,
            e.name,
            t.label("industry", e.industry),
            e.supervisionClass,
            e.area,
            e.grid,
            e.address,
          ]),
        );
      });
    });
  program
    .command("people")
    .description("list people with their enterprise, grids, areas and bound chat accounts")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      await withApp(async ({ deps }) => {
        const rows = await deps.uow.read(listPeople);
        if (opts.json) return printJson(rows);
        const t: Texts = deps.content.texts;
        printTable(
          ["phone", "name", "role", "enterprise", "grids", "areas", "bound"],
          rows.map((p) => [
            p.phone,
            p.name,
            t.label("role", p.role),
            p.enterprise,
            p.grids.join("、") || null,
            p.areas.join("、") || null,
            p.bound.join(" ") || null,
          ]),
        );
      });
    });
  program
    .command("tickets")
    .description("list hazard tickets in the ledger, by number")
    .option("--status <status>", `only this status: ${TicketStatuses.join(", ")}`)
    .option("--enterprise <creditCode>", "only this enterprise")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean; status?: string; enterprise?: string }) => {
      await withApp(async ({ deps }) => {
        const rows = await deps.uow.read((s) => listTickets(s, opts));
        if (opts.json) return printJson(rows);
        const t = deps.content.texts;
        printTable(
          ["number", "status", "grade", "enterprise", "title", "deadline", "rule"],
          rows.map((r) => [
            r.number,
            r.status,
            t.label("grade", r.grade),
            r.enterprise,
            r.title,
            toShanghaiDate(new Date(r.deadline)),
            r.rule,
          ]),
        );
      });
    });
  registerOutbox(program);
}

/** `xunjian outbox`: what did not go out (unconfirmed and dead by default), the latest first. */
function registerOutbox(program: Command): void {
  program
    .command("outbox")
    .description("list outgoing messages that did not go out: unconfirmed (in doubt) and dead, latest first")
    .option(
      "--status <statuses>",
      `comma-separated, of: ${OutboxStatuses.join(", ")} (default: unconfirmed,dead)`,
    )
    .option("--limit <n>", "at most this many (default 200)")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean; status?: string; limit?: string }) => {
      const limit = opts.limit === undefined ? 200 : Number(opts.limit);
      if (!(Number.isInteger(limit) && limit > 0))
        throw new CliError("invalid_number", { option: "--limit", value: opts.limit ?? "" });
      const { listOutbox, parseStatuses, UNDELIVERED } = await import("../../app/outbox/list-outbox.ts");
      const parsed =
        opts.status === undefined
          ? { ok: true as const, statuses: [...UNDELIVERED] }
          : parseStatuses(opts.status);
      if (!parsed.ok)
        throw new CliError("invalid_status", {
          option: "--status",
          value: opts.status ?? "",
          choices: OutboxStatuses,
        });
      await withApp(async ({ deps }) => {
        const rows = await deps.uow.read((s) => listOutbox(s, parsed.statuses, limit));
        if (opts.json) return printJson(rows);
        printTable(
          ["at", "status", "channel", "recipient", "person", "attempts", "text", "error"],
          rows.map((r) => [
            shanghaiMinute(new Date(r.at)),
            r.status,
            r.channel,
            r.recipient,
            r.person,
            String(r.attempts),
            r.excerpt,
            r.lastError,
          ]),
        );
      });
    });
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function printTable(header: string[], rows: (string | null)[][]): void {
  const cells = [header, ...rows.map((r) => r.map((c) => c ?? "-"))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ""))));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + " ".repeat((widths[i] ?? 0) - width(c)))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${cells.map(line).join("\n")}\n${rows.length} row(s).\n`);
}
