import { checklistFor } from "../../content/load-content.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import {
  beginSelfCheck,
  currentPrompt,
  type SelfCheckState,
} from "../../domain/self-check/self-check-flow.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { openCampaignFor } from "../campaign/open-campaign-for.ts";
import type { ConversationState } from "../conversation-state.ts";

/**
 * 自查: resumes the run this chat has in progress, or starts the checklist of the head's
 * enterprise. Returns the new state (unchanged when refused) and what to say.
 */
export async function startSelfCheck(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: ConversationState,
): Promise<{ state: ConversationState; replies: OutboundMessage[] }> {
  const { texts } = deps.content;
  const { person } = actor;
  const enterprise = person.enterprise;
  if (person.role !== "enterprise_head" || !enterprise)
    return {
      state,
      replies: [
        { text: texts.t("selfcheck.not_head", { role: texts.label("role", person.role) }), expects: "none" },
      ],
    };
  const checklist = checklistFor(deps.content, enterprise.industry);
  if (!checklist)
    return {
      state,
      replies: [
        {
          text: texts.t("selfcheck.no_checklist", { industry: texts.label("industry", enterprise.industry) }),
          expects: "none",
        },
      ],
    };

  if (state.flow === "self_check" && state.checklistId === checklist.id) {
    const resumed: SelfCheckState = { ...state, paused: false };
    await s.selfChecks.setStatus(state.runId, "in_progress");
    const ctx = { checklist, texts };
    const answered = Object.keys(state.answers).length;
    const intro = {
      text: texts.t("selfcheck.resume", { title: checklist.title, answered }),
      expects: "none" as const,
    };
    return { state: resumed, replies: [intro, currentPrompt(ctx, resumed)] };
  }

  const now = deps.clock.now();
  // A run left behind in another chat or an older checklist version is abandoned, not resumed.
  await s.selfChecks.abandonOpen(person.id, enterprise.id);
  const campaign = await openCampaignFor(s, enterprise, now);
  const runId = await s.selfChecks.start({
    enterpriseId: enterprise.id,
    personId: person.id,
    campaignId: campaign?.id ?? null,
    checklistId: checklist.id,
    checklistVersion: checklist.version,
    startedAt: now,
  });
  const ctx = { checklist, texts };
  const fresh = beginSelfCheck(ctx, runId);
  const total = checklist.questions.length;
  const intro = texts.t("selfcheck.start", {
    title: checklist.title,
    enterprise: enterprise.name,
    total,
    intro: checklist.intro ?? "",
  });
  return { state: fresh, replies: [{ text: intro.trim(), expects: "none" }, currentPrompt(ctx, fresh)] };
}
