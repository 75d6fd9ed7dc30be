/**
 * The work sweep: for every open campaign, derives its work items from the template, compares their
 * keys with the ScheduledWork rows written so far, applies the catch-up policy, and does or skips
 * what is due. Each item is done in one transaction that first writes its ScheduledWork row (the
 * claim), then the outbox rows: a crash leaves either all of it or none, and a second process racing
 * for the same item fails on the claim's primary key instead of sending twice.
 */

import {
  type CatchUpPolicy,
  DEFAULT_CATCH_UP_POLICY,
  type SkipReason,
  triageDueWork,
} from "../../domain/campaign/catch-up.ts";
import type { CampaignTemplate } from "../../domain/campaign/template.ts";
import {
  campaignKeyPrefix,
  campaignWork,
  keyRange,
  WORK_KINDS,
  type WorkItem,
} from "../../domain/campaign/work.ts";
import type { Campaign } from "../../generated/prisma/client.ts";
import { enqueueNew } from "../../outbox/enqueue-new.ts";
import type { OutboxItem } from "../../outbox/outbox.ts";
import { isUniqueViolation } from "../../store/database.ts";
import type { AppDeps } from "../app-deps.ts";
import { type AreaRow, loadAreas } from "./audience.ts";
import { type CampaignContent, templateOf } from "./campaign-content.ts";
import { forWork } from "./campaign-row.ts";
import { cardMessages, reminderMessages } from "./slot-messages.ts";

/** One piece of work done or skipped by a sweep. */
export type WorkOutcome = {
  key: string;
  campaign: string;
  kind: WorkItem["kind"];
  dueAt: Date;
  outcome: "sent" | "skipped";
  /** Why it was skipped: the catch-up policy's reason, or `nobody` when no one was left to message. */
  reason?: SkipReason | "nobody";
  messages: number;
};

/** What one work sweep did. */
export type WorkReport = { outcomes: WorkOutcome[]; deferred: number; failed: string[] };

async function doItem(
  deps: AppDeps,
  content: CampaignContent,
  campaign: Campaign,
  template: CampaignTemplate,
  item: WorkItem,
  areas: readonly AreaRow[],
  now: Date,
): Promise<WorkOutcome> {
  return deps.db.$transaction(
    async (tx) => {
      // Written first: it takes SQLite's write lock and makes a racing second sweep fail here.
      await tx.scheduledWork.create({
        data: { key: item.key, kind: WORK_KINDS[item.kind], dueAt: item.dueAt, doneAt: now, outcome: "sent" },
      });
      let items: OutboxItem[];
      let note: Record<string, number | string>;
      if (item.kind === "reminder") {
        ({ items, note } = await reminderMessages(tx, content, campaign, template, item, areas, now));
      } else {
        const built = await cardMessages(tx, content, campaign, template, item, areas, now);
        for (const m of built.items) {
          await tx.leaderCard.upsert({
            where: { cardKey_personId: { cardKey: built.cardKey, personId: m.personId } },
            create: {
              cardKey: built.cardKey,
              campaignId: campaign.id,
              personId: m.personId,
              firstSentAt: now,
              lastSentAt: now,
            },
            update: { lastSentAt: now, sends: { increment: 1 } },
          });
        }
        items = built.items.map(({ chase: _chase, ...rest }) => rest);
        note = { leaders: items.length, followUps: built.items.filter((m) => m.chase).length };
      }
      await enqueueNew(tx, items, now);
      const outcome = items.length > 0 ? "sent" : "skipped";
      await tx.scheduledWork.update({
        where: { key: item.key },
        data: { outcome, note: JSON.stringify(note) },
      });
      return {
        key: item.key,
        campaign: campaign.key,
        kind: item.kind,
        dueAt: item.dueAt,
        outcome,
        ...(outcome === "skipped" ? { reason: "nobody" as const } : {}),
        messages: items.length,
      };
    },
    { timeout: 300_000 },
  );
}

async function recordSkips(
  deps: AppDeps,
  campaign: Campaign,
  skips: readonly { item: WorkItem; reason: SkipReason }[],
  now: Date,
): Promise<WorkOutcome[]> {
  if (skips.length === 0) return [];
  try {
    // One multi-row insert: a single write statement, so it queues for SQLite's write lock instead of
    // reading first and failing to upgrade when another process writes meanwhile.
    await deps.db.scheduledWork.createMany({
      data: skips.map(({ item, reason }) => ({
        key: item.key,
        kind: WORK_KINDS[item.kind],
        dueAt: item.dueAt,
        doneAt: now,
        outcome: "skipped",
        note: reason,
      })),
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    deps.log.info({ campaign: campaign.key }, "skips already recorded by another sweep");
    return [];
  }
  for (const { item, reason } of skips)
    deps.log.info(
      { campaign: campaign.key, work: item.key, dueAt: item.dueAt, reason },
      "scheduled work skipped",
    );
  return skips.map(({ item, reason }) => ({
    key: item.key,
    campaign: campaign.key,
    kind: item.kind,
    dueAt: item.dueAt,
    outcome: "skipped" as const,
    reason,
    messages: 0,
  }));
}

/** Does or skips every due piece of work of the open campaigns, as of `now`. */
export async function runCampaignWork(
  deps: AppDeps,
  content: CampaignContent,
  now: Date,
  policy: CatchUpPolicy = DEFAULT_CATCH_UP_POLICY,
): Promise<WorkReport> {
  const report: WorkReport = { outcomes: [], deferred: 0, failed: [] };
  const campaigns = await deps.db.campaign.findMany({
    where: { status: "open" },
    orderBy: { opensOn: "asc" },
  });
  if (campaigns.length === 0) return report;
  const areas = await loadAreas(deps.db);
  for (const campaign of campaigns) {
    const log = deps.log.child({ campaign: campaign.key });
    const template = templateOf(content, campaign.templateId);
    if (!template) {
      log.error({ templateId: campaign.templateId }, "campaign template not found; its work is on hold");
      report.failed.push(campaign.key);
      continue;
    }
    const items = campaignWork(forWork(campaign), template, content.isWorkday);
    const done = new Set(
      (
        await deps.db.scheduledWork.findMany({
          where: { key: keyRange(campaignKeyPrefix(campaign.key)) },
          select: { key: true },
        })
      ).map((w) => w.key),
    );
    const triage = triageDueWork(items, (k) => done.has(k), now, policy);
    report.deferred += triage.deferred.length;
    report.outcomes.push(...(await recordSkips(deps, campaign, triage.skip, now)));
    for (const item of triage.run) {
      try {
        const outcome = await doItem(deps, content, campaign, template, item, areas, now);
        log.info(
          { work: item.key, outcome: outcome.outcome, messages: outcome.messages },
          "scheduled work done",
        );
        report.outcomes.push(outcome);
      } catch (err) {
        if (isUniqueViolation(err)) {
          log.info({ work: item.key }, "scheduled work already done by another sweep");
          continue;
        }
        log.error({ err, work: item.key }, "scheduled work failed; the next sweep tries again");
        report.failed.push(item.key);
      }
    }
  }
  return report;
}
