/** Campaigns by hand: create from a template (optionally with other dates), list, cancel. */
import { AppError } from "../../domain/app-error.ts";
import { compareDates, isLocalDate, type LocalDate } from "../../domain/calendar/local-date.ts";
import { type CampaignPlan, closingDay, planYear, resolveCards } from "../../domain/campaign/plan.ts";
import { campaignKeyPrefix, keyRange } from "../../domain/campaign/work.ts";
import type { Campaign } from "../../generated/prisma/client.ts";
import type { AppDeps } from "../app-deps.ts";
import type { CampaignContent } from "./campaign-content.ts";
import { insertCampaign } from "./campaign-row.ts";

/** Dates an admin may set instead of the template's. */
export type DateOverrides = Partial<Record<"opensOn" | "deadlineOn" | "startsOn" | "endsOn", LocalDate>>;

/** The plans of a year, with the template problems of that year as errors. */
export function planFor(
  content: CampaignContent,
  year: number,
): { plans: CampaignPlan[]; problems: string[] } {
  const { plans, problems } = planYear(year, content.templates, content.planCalendar(year));
  return { plans, problems: problems.map((p) => `${p.templateId}: ${p.message}`) };
}

/**
 * Creates the campaign of `templateId` for `year` by hand, with the template's dates or the given ones
 * (for a local schedule, or a template whose holiday was absorbed that year). Refused when the
 * key exists: cancel first, or pass another key.
 */
export async function createCampaign(
  deps: AppDeps,
  content: CampaignContent,
  input: { templateId: string; year: number; key?: string; dates?: DateOverrides; name?: string },
): Promise<Campaign> {
  const template = content.templates.find((t) => t.id === input.templateId);
  if (!template)
    throw new AppError(
      "not_found",
      `No template "${input.templateId}". Templates: ${content.templates.map((t) => t.id).join(", ")}`,
    );
  const key = input.key ?? `${input.year}-${template.id}`;
  const existing = await deps.db.campaign.findUnique({ where: { key } });
  if (existing)
    throw new AppError("conflict", `Campaign ${key} exists (${existing.status}); cancel it or give --key`);
  for (const [k, v] of Object.entries(input.dates ?? {}))
    if (v !== undefined && !isLocalDate(v))
      throw new AppError("invalid_input", `${k} must be a date YYYY-MM-DD, got ${v}`);
  const planned = planFor(content, input.year).plans.find((p) => p.templateId === template.id);
  const base = planned ?? (input.dates?.startsOn && input.dates.endsOn ? undefined : null);
  if (base === null)
    throw new AppError(
      "invalid_input",
      `${template.id} has no campaign of its own in ${input.year}; give --starts and --ends (and --opens, --deadline)`,
    );
  const dates = {
    opensOn: input.dates?.opensOn ?? base?.opensOn,
    deadlineOn: input.dates?.deadlineOn ?? base?.deadlineOn,
    startsOn: input.dates?.startsOn ?? base?.startsOn,
    endsOn: input.dates?.endsOn ?? base?.endsOn,
  };
  if (!dates.opensOn || !dates.deadlineOn || !dates.startsOn || !dates.endsOn)
    throw new AppError("invalid_input", "give --opens and --deadline together with --starts and --ends");
  const full = {
    opensOn: dates.opensOn,
    deadlineOn: dates.deadlineOn,
    startsOn: dates.startsOn,
    endsOn: dates.endsOn,
  };
  if (compareDates(full.deadlineOn, full.opensOn) < 0 || compareDates(full.endsOn, full.startsOn) < 0)
    throw new AppError(
      "invalid_input",
      "the deadline must not be before the opening, nor the end before the start",
    );
  const plan: CampaignPlan = {
    key,
    templateId: template.id,
    year: input.year,
    name: input.name ?? base?.name ?? `${input.year} ${template.id}`,
    anchorName: base?.anchorName ?? input.name ?? template.id,
    ...full,
    closesOn: closingDay(template, full, content.isWorkday),
    provisional: base?.provisional ?? false,
    selfCheck: template.reminders !== undefined,
    target: template.target,
    cards: resolveCards(template, full, content.isWorkday),
  };
  const now = deps.clock.now();
  return deps.db.$transaction((tx) => insertCampaign(tx, plan, "manual", now));
}

/** Campaigns, newest opening first. */
export function listCampaigns(deps: AppDeps, status?: string): Promise<Campaign[]> {
  return deps.db.campaign.findMany({
    where: status ? { status } : {},
    orderBy: [{ opensOn: "desc" }, { key: "asc" }],
  });
}

/**
 * Cancels a campaign: its remaining work is never done and its messages not yet sent are withdrawn.
 * The row stays (with status cancelled), so the scheduler does not create it again.
 */
export async function cancelCampaign(
  deps: AppDeps,
  key: string,
  reason?: string,
): Promise<{ campaign: Campaign; withdrawn: number }> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    // The write comes first, so the transaction holds SQLite's write lock before it reads anything.
    const taken = await tx.campaign.updateMany({
      where: { key, status: { not: "cancelled" } },
      data: { status: "cancelled", cancelledAt: now },
    });
    const updated = await tx.campaign.findUnique({ where: { key } });
    if (!updated) throw new AppError("not_found", `No campaign ${key}`);
    if (taken.count === 0) throw new AppError("conflict", `Campaign ${key} is already cancelled`);
    const withdrawn = await tx.outboxMessage.deleteMany({
      where: { status: "pending", key: keyRange(campaignKeyPrefix(key)) },
    });
    await tx.auditLog.create({
      data: {
        at: now,
        action: "campaign.cancelled",
        subjectType: "campaign",
        subjectId: updated.id,
        detail: JSON.stringify({ key, reason: reason ?? null, withdrawn: withdrawn.count }),
      },
    });
    return { campaign: updated, withdrawn: withdrawn.count };
  });
}
