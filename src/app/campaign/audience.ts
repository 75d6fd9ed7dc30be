/**
 * Who a campaign's messages go to, read in a few set-based queries (a district has thousands of
 * enterprises): enterprise heads still to be reminded, and leaders with live figures for their areas.
 */

import { type AreaNode, subtreeIds } from "../../domain/area/area-tree.ts";
import { daysBetween, shanghaiDateTime, toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { byClassAndName, type LeaderFigures, type LeaderTasks } from "../../domain/campaign/leader-card.ts";
import { type CampaignTemplate, classesOfVariant, type Target } from "../../domain/campaign/template.ts";
import type { Grade } from "../../domain/checklist/checklist.ts";
import type { TicketStatus } from "../../domain/ticket/ticket-status.ts";
import type { LeaderTaskTicket } from "../../store/campaign-store.ts";
import type { Recipient } from "../../store/people-store.ts";
import type { Stores } from "../../store/stores.ts";

/** Enterprises that submitted the campaign's self-check (none for a campaign not created yet). */
export async function submittedEnterprises(s: Stores, campaignId: string | null): Promise<Set<string>> {
  return campaignId === null ? new Set() : s.campaigns.submittedEnterprises(campaignId);
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

/** Heads per page of a reminder slot: a sweep holds one page of a district at a time. */
export const REMINDER_PAGE_SIZE = 500;

/**
 * Heads of the targeted enterprises of `variant` that have not submitted, with their newest chat
 * account, by phone, one page at a time.
 */
export async function* reminderPages(
  s: Stores,
  campaign: { id: string | null; target: Target },
  template: CampaignTemplate,
  variant: string,
  pageSize = REMINDER_PAGE_SIZE,
): AsyncGenerator<HeadRecipient[]> {
  const query = await s.campaigns.reminderQuery(
    campaign.target,
    classesOfVariant(template, variant),
    campaign.id,
  );
  let after: string | null = null;
  for (;;) {
    const heads = await query.page(after, pageSize);
    if (heads.length === 0) return;
    after = heads[heads.length - 1]?.phone ?? null;
    yield heads.map(({ phone: _phone, name, ...r }) => ({ ...r, personName: name }));
    if (heads.length < pageSize) return;
  }
}

/** How a reminder slot's enterprises stand: selected, submitted, and not reachable in chat. */
export async function reminderCounts(
  s: Stores,
  campaign: { id: string | null; target: Target },
  template: CampaignTemplate,
  variant: string,
): Promise<Omit<ReminderAudience, "recipients">> {
  const query = await s.campaigns.reminderQuery(
    campaign.target,
    classesOfVariant(template, variant),
    campaign.id,
  );
  return query.counts();
}

/** Everyone one reminder slot goes to, at once (the schedule preview; a sweep reads it in pages). */
export async function reminderAudience(
  s: Stores,
  campaign: { id: string | null; target: Target },
  template: CampaignTemplate,
  variant: string,
): Promise<ReminderAudience> {
  const recipients: HeadRecipient[] = [];
  for await (const page of reminderPages(s, campaign, template, variant)) recipients.push(...page);
  return { recipients, ...(await reminderCounts(s, campaign, template, variant)) };
}

/** A leader with the figures of their areas. */
export type LeaderWithFigures = { personId: string; name: string; figures: LeaderFigures };

const CLOSED: TicketStatus = "closed";
const MAJOR: Grade = "major";

/** Active leaders who hold at least one area, by phone. */
async function leadersWithAreas(s: Stores) {
  const leaders = await s.people.ofRole("leader");
  return leaders
    .filter((l) => l.areaIds.length > 0)
    .sort((a, b) => (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0));
}

/**
 * Every active leader whose areas hold at least one targeted enterprise, with live figures for those
 * enterprises: completion, hazards found since the campaign opened (rectified, overdue), and every
 * major hazard not yet closed.
 */
export async function leaderAudience(
  s: Stores,
  campaign: { id: string | null; target: Target; opensOn: string },
  areas: readonly AreaNode[],
  now: Date,
): Promise<LeaderWithFigures[]> {
  const leaders = await leadersWithAreas(s);
  if (leaders.length === 0) return [];
  const enterprises = await s.campaigns.targeted(campaign.target);
  const submitted = await submittedEnterprises(s, campaign.id);
  const openedAt = shanghaiDateTime(campaign.opensOn, "00:00");
  const tickets = await s.campaigns.figureTickets(campaign.target, openedAt);
  const taskTickets = await s.campaigns.leaderTaskTickets(now);
  const names = new Map(enterprises.map((e) => [e.id, e.name]));
  const out: LeaderWithFigures[] = [];
  for (const leader of leaders) {
    const scope = subtreeIds(areas, leader.areaIds);
    const inScope = enterprises.filter((e) => scope.has(e.areaId));
    const mine = new Set(inScope.map((e) => e.id));
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
        missing: inScope
          .filter((e) => !submitted.has(e.id))
          .sort(byClassAndName)
          .map((e) => e.name),
        tasks: tasksOf(
          taskTickets.filter((t) => scope.has(t.areaId)),
          now,
        ),
      },
    });
  }
  return out;
}

/** A leader's tasks among the task tickets of their areas: majors to sign off, overdue ones by lateness. */
function tasksOf(tickets: readonly LeaderTaskTicket[], now: Date): LeaderTasks {
  const today = toShanghaiDate(now);
  const task = (t: LeaderTaskTicket) => ({ number: t.number, enterprise: t.enterprise, title: t.title });
  return {
    signOff: tickets.filter((t) => t.grade === MAJOR && t.status === "submitted").map(task),
    overdue: tickets
      .filter((t) => t.status !== "submitted" && t.deadline.getTime() < now.getTime())
      .map((t) => ({ ...task(t), days: Math.max(1, daysBetween(toShanghaiDate(t.deadline), today)) })),
  };
}
