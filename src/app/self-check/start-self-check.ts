import { templateOf } from "../../content/campaign-content.ts";
import { checklistFor } from "../../content/load-content.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import { occasionOf } from "../../domain/campaign/template.ts";
import type { Checklist } from "../../domain/checklist/checklist.ts";
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

/** Choice id of the 重新自查 button offered when the campaign's self-check was submitted already. */
export const SELF_CHECK_AGAIN_CHOICE = "selfcheck_again";

/**
 * The checklist a head answers now: the one of the open campaign's occasion (汛期, 冬季防火 and
 * 节后复工复产 ask their own questions), else the holiday one of the enterprise's industry.
 */
function checklistNow(deps: AppDeps, industry: string, campaign: Campaign | null): Checklist | undefined {
  const template = campaign ? templateOf(deps.content.campaigns, campaign.templateId) : undefined;
  const occasion = occasionOf(template);
  return checklistFor(deps.content, industry, occasion) ?? checklistFor(deps.content, industry);
}

/**
 * 自查: resumes the run this chat has in progress, or starts the checklist of the head's
 * enterprise for the open campaign. When the enterprise already submitted that campaign's
 * self-check it says so (who, when) and offers 重新自查 instead of silently starting over;
 * `again` (重新自查) starts a fresh run anyway. Returns the new state (unchanged when refused)
 * and what to say.
 */
export async function startSelfCheck(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: ConversationState,
  again = false,
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
  const now = deps.clock.now();
  const campaign = await openCampaignFor(s, enterprise, now);
  const checklist = checklistNow(deps, enterprise.industry, campaign);
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

  const submitted = campaign && !again ? await s.campaigns.lastSubmission(campaign.id, enterprise.id) : null;
  if (campaign && submitted)
    return {
      state,
      replies: [
        {
          text: texts.t("selfcheck.already_submitted", {
            campaign: campaign.name,
            enterprise: enterprise.name,
            person: submitted.personName,
            date: toShanghaiDate(submitted.submittedAt),
            again: texts.word("selfcheck_again"),
          }),
          expects: "choice",
          choices: [{ id: SELF_CHECK_AGAIN_CHOICE, label: texts.word("selfcheck_again") }],
        },
      ],
    };

  // A run left behind in another chat or an older checklist version is abandoned, not resumed.
  await s.selfChecks.abandonOpen(person.id, enterprise.id);
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
  const intro = texts.t("selfcheck.start", {
    title: checklist.title,
    enterprise: enterprise.name,
    total: checklist.questions.length,
    intro: checklist.intro ?? "",
  });
  return { state: fresh, replies: [{ text: intro.trim(), expects: "none" }, currentPrompt(ctx, fresh)] };
}
