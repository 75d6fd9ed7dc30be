/**
 * Who a campaign's messages go to, read in a few set-based queries (a district has thousands of
 * enterprises): enterprise heads still to be reminded, and leaders with live figures for their areas.
 */

import { subtreeIds } from "../../domain/area/area-tree.ts";
import { shanghaiDateTime } from "../../domain/calendar/local-date.ts";
import type { LeaderFigures } from "../../domain/campaign/leader-card.ts";
import {
  type CampaignTemplate,
  classVariants,
  DEFAULT_VARIANT,
  type Target,
} from "../../domain/campaign/template.ts";
import type { Grade } from "../../domain/checklist/checklist.ts";
import type { TicketStatus } from "../../domain/ticket/ticket-status.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../../store/database.ts";
import { type Recipient, recipientsOf } from "../recipients.ts";

/** An area row: enough to walk the tree. */
export type AreaRow = { id: string; parentId: string | null };

/** Every area (a small table), for subtree lookups. */
export function loadAreas(tx: Tx): Promise<AreaRow[]> {
  return tx.area.findMany({ select: { id: true, parentId: true } });
}

/** The enterprises a target selects, as a Prisma filter. */
export function enterpriseWhere(target: Target, areas: readonly AreaRow[]): Prisma.EnterpriseWhereInput {
  return {
    ...(target.industries ? { industry: { in: [...target.industries] } } : {}),
    ...(target.classes ? { supervisionClass: { in: [...target.classes] } } : {}),
    ...(target.areas ? { areaId: { in: [...subtreeIds(areas, target.areas)] } } : {}),
  };
}

/** The enterprises whose class uses `variant`'s cadence. */
export function variantWhere(template: CampaignTemplate, variant: string): Prisma.EnterpriseWhereInput {
  if (variant !== DEFAULT_VARIANT) return { supervisionClass: variant };
  const own = classVariants(template);
  return own.length === 0 ? {} : { OR: [{ supervisionClass: null }, { supervisionClass: { notIn: own } }] };
}

/** Enterprises that submitted the campaign's self-check. */
export async function submittedEnterprises(tx: Tx, campaignId: string | null): Promise<Set<string>> {
  if (campaignId === null) return new Set();
  const runs = await tx.selfCheckRun.findMany({
    where: { campaignId, status: "submitted" },
    select: { enterpriseId: true },
    distinct: ["enterpriseId"],
  });
  return new Set(runs.map((r) => r.enterpriseId));
}

/** An enterprise head to remind, and where. */
export type HeadRecipient = Recipient & { personName: string; enterpriseId: string; enterpriseName: string };

/** Who gets one reminder slot. */
export type ReminderAudience = {
  recipients: HeadRecipient[];
  /** Enterprises of the variant in the target. */
  enterprises: number;
  /** Of those, how many submitted already. */
  submitted: number;
  /** Not submitted and no head reachable in chat. */
  unreachable: number;
};

/**
 * Heads of the targeted enterprises of `variant` that have not submitted, with their chat accounts.
 * Joins through relation filters rather than lists of ids: SQLite through Prisma takes at most 999
 * bound parameters, and a district has thousands of enterprises.
 */
export async function reminderAudience(
  tx: Tx,
  campaign: { id: string | null; target: Target },
  template: CampaignTemplate,
  variant: string,
  areas: readonly AreaRow[],
): Promise<ReminderAudience> {
  const where: Prisma.EnterpriseWhereInput = {
    AND: [enterpriseWhere(campaign.target, areas), variantWhere(template, variant)],
  };
  const enterprises = await tx.enterprise.findMany({ where, select: { id: true, name: true } });
  const submitted = await submittedEnterprises(tx, campaign.id);
  const pending = new Map(enterprises.filter((e) => !submitted.has(e.id)).map((e) => [e.id, e.name]));
  // Every chat account of every active head, newest binding first: a person is reached on the latest.
  const accounts = await tx.channelIdentity.findMany({
    where: { person: { role: "enterprise_head", active: true, enterprise: { is: where } } },
    select: {
      personId: true,
      channel: true,
      externalId: true,
      person: { select: { name: true, phone: true, enterpriseId: true } },
    },
    orderBy: [{ boundAt: "desc" }, { id: "asc" }],
  });
  const byPerson = new Map<string, HeadRecipient & { phone: string }>();
  for (const a of accounts) {
    const enterpriseId = a.person.enterpriseId;
    if (enterpriseId === null || !pending.has(enterpriseId) || byPerson.has(a.personId)) continue;
    byPerson.set(a.personId, {
      personId: a.personId,
      channel: a.channel,
      externalId: a.externalId,
      personName: a.person.name,
      phone: a.person.phone,
      enterpriseId,
      enterpriseName: pending.get(enterpriseId) ?? "",
    });
  }
  const recipients = [...byPerson.values()]
    .sort((a, b) => a.phone.localeCompare(b.phone))
    .map(({ phone: _phone, ...r }) => r);
  const reached = new Set(recipients.map((r) => r.enterpriseId));
  return {
    recipients,
    enterprises: enterprises.length,
    submitted: enterprises.length - pending.size,
    unreachable: pending.size - reached.size,
  };
}

/** Where to reach each person ({@link recipientsOf}), in chunks that stay under SQLite's parameter limit. */
export async function recipientsOfMany(tx: Tx, personIds: readonly string[]): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (let i = 0; i < personIds.length; i += 500)
    out.push(...(await recipientsOf(tx, personIds.slice(i, i + 500))));
  return out;
}

/** A leader with the figures of their areas. */
export type LeaderWithFigures = { personId: string; name: string; figures: LeaderFigures };

const CLOSED: TicketStatus = "closed";
const MAJOR: Grade = "major";

/**
 * Every active leader whose areas hold at least one targeted enterprise, with live figures for those
 * enterprises: completion, hazards found since the campaign opened (rectified, overdue), and every
 * major hazard not yet closed.
 */
export async function leaderAudience(
  tx: Tx,
  campaign: { id: string | null; target: Target; opensOn: string },
  areas: readonly AreaRow[],
  now: Date,
): Promise<LeaderWithFigures[]> {
  const where = enterpriseWhere(campaign.target, areas);
  const leaders = await tx.person.findMany({
    where: { role: "leader", active: true, areas: { some: {} } },
    select: { id: true, name: true, areas: { select: { areaId: true } } },
    orderBy: { phone: "asc" },
  });
  if (leaders.length === 0) return [];
  const enterprises = await tx.enterprise.findMany({ where, select: { id: true, name: true, areaId: true } });
  const submitted = await submittedEnterprises(tx, campaign.id);
  const openedAt = shanghaiDateTime(campaign.opensOn, "00:00");
  const tickets = await tx.ticket.findMany({
    where: {
      enterprise: { is: where },
      OR: [{ foundAt: { gte: openedAt } }, { grade: MAJOR, status: { not: CLOSED } }],
    },
    select: { enterpriseId: true, status: true, grade: true, deadline: true, foundAt: true, title: true },
    orderBy: { foundAt: "asc" },
  });
  const names = new Map(enterprises.map((e) => [e.id, e.name]));
  const out: LeaderWithFigures[] = [];
  for (const leader of leaders) {
    const scope = subtreeIds(
      areas,
      leader.areas.map((a) => a.areaId),
    );
    const mine = new Set(enterprises.filter((e) => scope.has(e.areaId)).map((e) => e.id));
    if (mine.size === 0) continue;
    const ours = tickets.filter((t) => mine.has(t.enterpriseId));
    const found = ours.filter((t) => t.foundAt.getTime() >= openedAt.getTime());
    out.push({
      personId: leader.id,
      name: leader.name,
      figures: {
        enterprises: mine.size,
        submitted: [...mine].filter((id) => submitted.has(id)).length,
        found: found.length,
        foundMajor: found.filter((t) => t.grade === MAJOR).length,
        rectified: found.filter((t) => t.status === CLOSED).length,
        overdue: found.filter((t) => t.status !== CLOSED && t.deadline.getTime() < now.getTime()).length,
        majorOpen: ours
          .filter((t) => t.grade === MAJOR && t.status !== CLOSED)
          .map((t) => ({ enterprise: names.get(t.enterpriseId) ?? "", title: t.title })),
      },
    });
  }
  return out;
}
