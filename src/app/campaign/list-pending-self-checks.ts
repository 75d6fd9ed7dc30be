import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";

const LIST_LIMIT = 30;

/**
 * 未自查: for a grid worker, leader or admin, each open self-check campaign with how many of the
 * enterprises in their scope have submitted, and the ones still to chase.
 */
export async function listPendingSelfChecks(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const role = actor.person.role;
  if (role === "enterprise_head")
    return [
      { text: texts.t("ticket.refused.wrong_role", { role: texts.label("role", role) }), expects: "none" },
    ];
  const campaigns = await s.campaigns.openForSelfCheck();
  if (campaigns.length === 0) return [{ text: texts.t("pending.no_campaign"), expects: "none" }];
  const scope = await s.people.scopeOf(actor.person);
  const today = toShanghaiDate(deps.clock.now());
  const parts: string[] = [];
  for (const c of campaigns) {
    const targeted = await s.campaigns.targetedWithHeads(scope, c.target);
    if (targeted.length === 0) continue;
    const submitted = await s.campaigns.submittedEnterprises(c.id);
    const pending = targeted.filter((e) => !submitted.has(e.id));
    const done = targeted.length - pending.length;
    const lines = pending.slice(0, LIST_LIMIT).map((e, i) =>
      texts.t("pending.line", {
        index: i + 1,
        enterprise: e.name,
        class: e.supervisionClass ?? "—",
        head: e.heads.map((p) => `${p.name} ${p.phone}`).join("、") || "—",
      }),
    );
    const more =
      pending.length > LIST_LIMIT ? texts.t("pending.more", { count: pending.length - LIST_LIMIT }) : "";
    parts.push(
      texts.t(pending.length === 0 ? "pending.all_done" : "pending.campaign", {
        campaign: c.name,
        deadline: c.deadlineOn,
        overdue: c.deadlineOn < today ? texts.t("tickets.overdue_mark") : "",
        done,
        total: targeted.length,
        percent: Math.round((done / targeted.length) * 100),
        lines: [...lines, more].filter(Boolean).join("\n"),
      }),
    );
  }
  if (parts.length === 0) return [{ text: texts.t("pending.no_campaign"), expects: "none" }];
  return [{ text: parts.join("\n\n"), expects: "none" }];
}
