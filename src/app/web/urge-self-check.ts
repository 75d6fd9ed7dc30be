import { fill } from "../../content/report-texts.ts";
import { AppError } from "../../domain/app-error.ts";
import {
  addDays,
  type LocalDate,
  shanghaiDateTime,
  toShanghaiDate,
} from "../../domain/calendar/local-date.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import { inQuietHours } from "../../domain/campaign/catch-up.ts";
import { START_SELF_CHECK_CHOICE } from "../../domain/campaign/reminder-message.ts";
import { campaignKeyPrefix } from "../../domain/campaign/work.ts";
import type { OutboxItem } from "../../domain/outbox-item.ts";
import type { Recipient } from "../../store/people-store.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { mayUse } from "./console-access.ts";
import type { Viewer } from "./viewer.ts";

/** What a 催办 did: enterprises reminded (and messages), those reminded already today, those nobody can reach. */
export type UrgeResult = {
  sent: number;
  messages: number;
  already: number;
  unreachable: number;
  /** When quiet hours hold the messages back, the moment they go out. */
  notBefore: Date | null;
};

/** The work key of one enterprise's 催办 on one day: one a day, withdrawn with the campaign if it is cancelled. */
export function urgeKey(campaignKey: string, day: LocalDate, enterpriseId: string): string {
  return `${campaignKeyPrefix(campaignKey)}urge:${day}:${enterpriseId}`;
}

/** The enterprises of a campaign already chased on a day (their 催办 slots). */
export async function urgedOn(s: Stores, campaignKey: string, day: LocalDate): Promise<Set<string>> {
  const prefix = `${campaignKeyPrefix(campaignKey)}urge:${day}:`;
  return new Set((await s.scheduledWork.doneUnder(prefix)).map((w) => w.key.slice(prefix.length)));
}

/** The end of the quiet hours `now` falls in, or null when it is not quiet. */
function quietUntil(deps: AppDeps, now: Date): Date | null {
  const quiet = deps.config.scheduler.quietHours;
  if (!quiet || !inQuietHours(now, quiet)) return null;
  const today = toShanghaiDate(now);
  const end = shanghaiDateTime(today, quiet.to);
  return end.getTime() > now.getTime() ? end : shanghaiDateTime(addDays(today, 1), quiet.to);
}

type Target = { id: string; name: string; recipients: Recipient[] };

/**
 * 「催办」: reminds the heads of enterprises that have not submitted an open campaign's self-check,
 * through the outbox (so the platforms' rate limits hold), at most once per enterprise per day
 * (a ScheduledWork slot per enterprise and day), held until quiet hours end, audited. Only
 * enterprises in the viewer's scope that still owe the self-check are reminded, whatever was asked.
 */
export async function urgeSelfCheck(
  deps: AppDeps,
  viewer: Viewer,
  campaignKey: string,
  enterpriseIds: readonly string[] | "all",
): Promise<UrgeResult> {
  const t = deps.content.web;
  if (!mayUse(viewer.person.role, "urge")) throw new AppError("forbidden", t.campaigns.urge_role);
  const now = deps.clock.now();
  const today = toShanghaiDate(now);
  // Reads first, in their own unit of work; the writing one then starts with the slot claims.
  const { campaign, targets } = await deps.uow.read(async (s) => {
    const campaign = await s.campaigns.byKey(campaignKey);
    if (!campaign?.selfCheck) throw new AppError("not_found", t.errors.unknown_campaign);
    if (campaign.status !== "open") throw new AppError("conflict", t.campaigns.urge_not_open);
    const submitted = await s.campaigns.submittedEnterprises(campaign.id);
    const wanted = enterpriseIds === "all" ? null : new Set(enterpriseIds);
    const pending = (await s.campaigns.targetedWithHeads(viewer.scope, campaign.target)).filter(
      (e) => !submitted.has(e.id) && (wanted === null || wanted.has(e.id)),
    );
    const targets: Target[] = [];
    for (const e of pending) {
      const heads = await s.people.responsibleFor(e, "enterprise_head");
      targets.push({ id: e.id, name: e.name, recipients: await s.people.recipientsOf(heads) });
    }
    return { campaign, targets };
  });
  const notBefore = quietUntil(deps, now);
  const result: UrgeResult = { sent: 0, messages: 0, already: 0, unreachable: 0, notBefore };
  await deps.uow.run(async (s) => {
    for (const target of targets) {
      if (target.recipients.length === 0) {
        result.unreachable++;
        continue;
      }
      const key = urgeKey(campaign.key, today, target.id);
      if (!(await s.scheduledWork.claimSlot({ key, kind: "urge", dueAt: now }, now))) {
        result.already++;
        continue;
      }
      const items = target.recipients.map((r) =>
        urgeMessage(deps, viewer, campaign, target.name, key, r, notBefore),
      );
      await s.outbox.enqueue(items, now);
      await s.scheduledWork.settle(key, "sent", `messages=${items.length}`);
      await s.audit.record({
        at: now,
        actorId: viewer.person.id,
        action: "campaign.urged",
        subjectType: "enterprise",
        subjectId: target.id,
        detail: { campaign: campaign.key, recipients: items.length },
      });
      result.sent++;
      result.messages += items.length;
    }
  });
  deps.log.info(
    { campaign: campaign.key, by: viewer.person.id, ...result },
    "self-check urged from the console",
  );
  return result;
}

function urgeMessage(
  deps: AppDeps,
  viewer: Viewer,
  campaign: Campaign,
  enterprise: string,
  key: string,
  r: Recipient,
  notBefore: Date | null,
): OutboxItem {
  const by = `${deps.content.texts.label("role", viewer.person.role)} ${viewer.person.name}`;
  return {
    key: `${key}:${r.personId}`,
    channel: r.channel,
    recipient: r.externalId,
    personId: r.personId,
    message: {
      text: fill(deps.content.web.urge.message, {
        enterprise,
        campaign: campaign.name,
        deadline: campaign.deadlineOn,
        by,
      }),
      choices: [{ id: START_SELF_CHECK_CHOICE, label: deps.content.campaigns.messages.reminder.start }],
      expects: "choice",
    },
    ...(notBefore ? { notBefore } : {}),
  };
}
