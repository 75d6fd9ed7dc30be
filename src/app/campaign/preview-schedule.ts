/**
 * `xunjian schedule preview`: every message campaigns would send between two days, to whom and when.
 * Work already done shows what went into the outbox; work still ahead is computed from the database
 * as it is now (who has submitted, who has acknowledged), so the preview shrinks as people respond.
 * Campaigns not created yet are previewed from the templates' plan.
 */

import { type CampaignContent, templateOf } from "../../content/campaign-content.ts";
import { compareDates, type LocalDate, toShanghaiDate, yearOf } from "../../domain/calendar/local-date.ts";
import { statusAtCreation } from "../../domain/campaign/campaign-status.ts";
import { campaignKeyPrefix, campaignWork, type WorkItem } from "../../domain/campaign/work.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { type CampaignLike, forWork, planAsCampaign } from "./campaign-row.ts";
import { planFor } from "./manage-campaigns.ts";
import { cardMessages, reminderMessages } from "./slot-messages.ts";

/** One message of a slot. */
export type PreviewMessage = {
  personId: string | null;
  name: string;
  channel: string;
  recipient: string;
  message: OutboundMessage;
};

/** One slot of scheduled work and its messages. */
export type PreviewSlot = {
  at: Date;
  key: string;
  campaign: { key: string; name: string; created: boolean };
  work: WorkItem;
  /** `done` and `skipped` come from ScheduledWork; `ahead` is not done yet. */
  status: "ahead" | "done" | "skipped";
  note: string | null;
  messages: PreviewMessage[];
};

/** Names of people by id. */
async function namesOf(s: Stores, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await s.people.byIds(ids)).map((p) => [p.id, p.name]));
}

type Candidate = { campaign: CampaignLike; created: boolean };

/**
 * The campaigns whose days meet `from`..`to`: those created (not cancelled or skipped), and the
 * plans not created yet that the scheduler would run (one whose deadline is over by `today` would
 * be created skipped, sending nothing).
 */
async function candidates(
  s: Stores,
  content: CampaignContent,
  from: LocalDate,
  to: LocalDate,
  today: LocalDate,
): Promise<Candidate[]> {
  const rows = await s.campaigns.all();
  const overlaps = (c: { opensOn: string; closesOn: string | null; endsOn: string }) =>
    c.opensOn <= to && (c.closesOn ?? c.endsOn) >= from;
  const known = new Set(rows.map((r) => r.key));
  const out: Candidate[] = rows
    .filter((r) => r.status !== "cancelled" && r.status !== "skipped" && overlaps(r))
    .map((campaign) => ({ campaign, created: true }));
  for (let y = yearOf(from) - 1; y <= yearOf(to) + 1; y++)
    for (const plan of planFor(content, y).plans)
      if (!known.has(plan.key) && overlaps(plan) && statusAtCreation(today, plan).status !== "skipped")
        out.push({ campaign: planAsCampaign(plan), created: false });
  return out.sort((a, b) => compareDates(a.campaign.opensOn, b.campaign.opensOn));
}

/** Every slot from `from` to `to` (both included, Asia/Shanghai days) with its messages. */
export async function previewSchedule(
  deps: AppDeps,
  content: CampaignContent,
  from: LocalDate,
  to: LocalDate,
): Promise<PreviewSlot[]> {
  return deps.uow.read((s) => previewWith(s, deps, content, from, to));
}

async function previewWith(
  s: Stores,
  deps: AppDeps,
  content: CampaignContent,
  from: LocalDate,
  to: LocalDate,
): Promise<PreviewSlot[]> {
  const areas = await s.enterprises.areas();
  const slots: PreviewSlot[] = [];
  const today = toShanghaiDate(deps.clock.now());
  for (const { campaign, created } of await candidates(s, content, from, to, today)) {
    const template = templateOf(content, campaign.templateId);
    if (!template) continue;
    const done = new Map(
      (await s.scheduledWork.doneUnder(campaignKeyPrefix(campaign.key))).map((w) => [w.key, w]),
    );
    const items = campaignWork(forWork(campaign), template, content.isWorkday).filter(
      (w) => w.day >= from && w.day <= to,
    );
    for (const work of items) {
      const row = done.get(work.key);
      let messages: PreviewMessage[] = [];
      if (row?.result === "sent") {
        const sent = await s.scheduledWork.messagesOf(work.key);
        const people = await namesOf(
          s,
          sent.flatMap((m) => (m.personId ? [m.personId] : [])),
        );
        messages = sent.map((m) => ({
          personId: m.personId,
          name: (m.personId && people.get(m.personId)) || "",
          channel: m.channel,
          recipient: m.recipient,
          message: m.message,
        }));
      } else if (!row) {
        const built =
          work.kind === "reminder"
            ? (await reminderMessages(s, content, campaign, template, work, work.dueAt)).items
            : (await cardMessages(s, content, campaign, template, work, areas, deps.clock.now())).items;
        const people = await namesOf(
          s,
          built.flatMap((m) => (m.personId ? [m.personId] : [])),
        );
        messages = built.map((m) => ({
          personId: m.personId ?? null,
          name: (m.personId && people.get(m.personId)) || "",
          channel: m.channel,
          recipient: m.recipient,
          message: m.message,
        }));
      }
      slots.push({
        at: work.dueAt,
        key: work.key,
        campaign: { key: campaign.key, name: campaign.name, created },
        work,
        status: row ? (row.result === "sent" ? "done" : "skipped") : "ahead",
        note: row?.note ?? null,
        messages,
      });
    }
  }
  return slots.sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}
