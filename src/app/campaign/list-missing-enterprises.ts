import { fill } from "../../domain/campaign/campaign-messages.ts";
import { byClassAndName } from "../../domain/campaign/leader-card.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";

/** Lines per message: a district's list is split so no platform cuts it off. */
const LINES_PER_MESSAGE = 50;

/**
 * 查看全部 on a leader card (choice id `missing:<campaign key>`): every enterprise of the sender's
 * areas that the campaign targets and that has not submitted its self-check, with its heads, in the
 * card's order (supervision class, then name). Leaders, grid workers and admins may ask; a
 * campaign no longer known says so.
 */
export async function listMissingEnterprises(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  campaignKey: string,
): Promise<OutboundMessage[]> {
  const m = deps.content.campaigns.messages.missingList;
  const notice = (text: string): OutboundMessage[] => [{ text, expects: "none" }];
  if (actor.person.role === "enterprise_head") return notice(m.notLeader);
  const campaign = await s.campaigns.byKey(campaignKey);
  if (!campaign?.selfCheck) return notice(m.unknown);
  const scope = await s.people.scopeOf(actor.person);
  const submitted = await s.campaigns.submittedEnterprises(campaign.id);
  const missing = (await s.campaigns.targetedWithHeads(scope, campaign.target))
    .filter((e) => !submitted.has(e.id))
    .sort(byClassAndName);
  if (missing.length === 0) return notice(fill(m.none, { campaign: campaign.name }));
  const lines = missing.map((e, i) =>
    fill(m.line, {
      index: i + 1,
      enterprise: e.name,
      class: e.supervisionClass ?? m.noClass,
      heads: e.heads.map((h) => fill(m.head, h)).join("、") || m.noHead,
    }),
  );
  const title = fill(m.title, { campaign: campaign.name, count: missing.length });
  const out: OutboundMessage[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_MESSAGE)
    out.push({
      text: [...(i === 0 ? [title] : []), ...lines.slice(i, i + LINES_PER_MESSAGE)].join("\n"),
      expects: "none",
    });
  return out;
}
