/**
 * The work sweep: for every open campaign, derives its work items from the template, compares their
 * keys with the ScheduledWork rows written so far, applies the catch-up policy, and does or skips
 * what is due. Each item is done in one transaction that first writes its ScheduledWork row (the
 * claim), then the outbox rows: a crash leaves either all of it or none, and a second process racing
 * for the same item finds it claimed instead of sending twice.
 */

import { type CampaignContent, templateOf } from "../../content/campaign-content.ts";
import { isConflict } from "../../domain/app-error.ts";
import type { AreaNode } from "../../domain/area/area-tree.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import {
  type CatchUpPolicy,
  DEFAULT_CATCH_UP_POLICY,
  type SkipReason,
  triageDueWork,
} from "../../domain/campaign/catch-up.ts";
import type { CampaignTemplate } from "../../domain/campaign/template.ts";
import { campaignKeyPrefix, campaignWork, WORK_KINDS, type WorkItem } from "../../domain/campaign/work.ts";
import type { OutboxItem } from "../../domain/outbox-item.ts";
import type { AppDeps } from "../app-deps.ts";
import { forWork } from "./campaign-row.ts";
import { cardMessages, forEachReminderPage } from "./slot-messages.ts";
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

/** Does one piece of work in one transaction; null when another sweep claimed it first. */
async function doItem(
  deps: AppDeps,
  content: CampaignContent,
  campaign: Campaign,
  template: CampaignTemplate,
  item: WorkItem,
  areas: readonly AreaNode[],
  now: Date,
): Promise<WorkOutcome | null> {
  return deps.uow.run(async (s) => {
    const slot = { key: item.key, kind: WORK_KINDS[item.kind], dueAt: item.dueAt };
    if (!(await s.scheduledWork.claimSlot(slot, now))) return null;
    let sent = 0;
    let note: Record<string, number | string>;
    if (item.kind === "reminder") {
      // Page by page: a district's reminders are never all in memory at once.
      note = await forEachReminderPage(s, content, campaign, template, item, now, async (page) => {
        sent += await s.outbox.enqueueNew(page, now);
      });
    } else {
      const built = await cardMessages(s, content, campaign, template, item, areas, now);
      for (const m of built.items)
        await s.campaigns.recordCardSent(
          { cardKey: built.cardKey, campaignId: campaign.id, personId: m.personId },
          now,
        );
      const items: OutboxItem[] = built.items.map(({ chase: _chase, ...rest }) => rest);
      note = { leaders: items.length, followUps: built.items.filter((m) => m.chase).length };
      sent = await s.outbox.enqueueNew(items, now);
    }
    const outcome = sent > 0 ? "sent" : "skipped";
    await s.scheduledWork.settle(item.key, outcome, JSON.stringify(note));
    return {
      key: item.key,
      campaign: campaign.key,
      kind: item.kind,
      dueAt: item.dueAt,
      outcome,
      ...(outcome === "skipped" ? { reason: "nobody" as const } : {}),
      messages: sent,
    };
  });
}

async function recordSkips(
  deps: AppDeps,
  campaign: Campaign,
  skips: readonly { item: WorkItem; reason: SkipReason }[],
  now: Date,
): Promise<WorkOutcome[]> {
  if (skips.length === 0) return [];
  const recorded = await deps.uow.read((s) =>
    s.scheduledWork.recordSkipped(
      skips.map(({ item, reason }) => ({
        key: item.key,
        kind: WORK_KINDS[item.kind],
        dueAt: item.dueAt,
        reason,
      })),
      now,
    ),
  );
  if (!recorded) {
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
  onProgress?: (done: number, total: number) => void,
): Promise<WorkReport> {
  const report: WorkReport = { outcomes: [], deferred: 0, failed: [] };
  // Progress in work items: the total grows as each campaign's due work is known.
  const progress = { done: 0, total: 0 };
  const campaigns = await deps.uow.read((s) => s.campaigns.open());
  if (campaigns.length === 0) return report;
  const areas = await deps.uow.read((s) => s.enterprises.areas());
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
      (await deps.uow.read((s) => s.scheduledWork.doneUnder(campaignKeyPrefix(campaign.key)))).map(
        (w) => w.key,
      ),
    );
    const triage = triageDueWork(items, (k) => done.has(k), now, policy);
    report.deferred += triage.deferred.length;
    report.outcomes.push(...(await recordSkips(deps, campaign, triage.skip, now)));
    progress.total += triage.run.length;
    for (const item of triage.run) {
      onProgress?.(progress.done++, progress.total);
      try {
        const outcome = await doItem(deps, content, campaign, template, item, areas, now);
        if (!outcome) {
          log.info({ work: item.key }, "scheduled work already done by another sweep");
          continue;
        }
        log.info(
          { work: item.key, outcome: outcome.outcome, messages: outcome.messages },
          "scheduled work done",
        );
        report.outcomes.push(outcome);
      } catch (err) {
        // An outbox key taken anyway: the transaction, claim included, was rolled back.
        if (isConflict(err)) {
          log.info({ work: item.key }, "scheduled work already done by another sweep");
          continue;
        }
        log.error({ err, work: item.key }, "scheduled work failed; the next sweep tries again");
        report.failed.push(item.key);
      }
    }
  }
  onProgress?.(progress.done, progress.total);
  return report;
}
