import type { CampaignContent } from "../../content/campaign-content.ts";
import type { CampaignPlan } from "../../domain/campaign/plan.ts";
import { describeTarget } from "../../domain/campaign/target.ts";
import { campaignWork, type ReminderWork } from "../../domain/campaign/work.ts";

// `campaign plan`'s text, in a file of its own: campaign-command.ts is imported by every command
// (to register it), and the campaign work it computes pulls in the calendar (and lunar-typescript).

function reminderLines(content: CampaignContent, plan: CampaignPlan): string[] {
  const template = content.templates.find((t) => t.id === plan.templateId);
  if (!template?.reminders) return ["  reminders  none (leader cards only)"];
  const work = campaignWork(plan, template, content.isWorkday).filter(
    (w): w is ReminderWork => w.kind === "reminder",
  );
  const variants = [...new Set(work.map((w) => w.variant))];
  return variants.map((v) => {
    const mine = work.filter((w) => w.variant === v);
    const days = [...new Set(mine.map((w) => w.day))];
    const slots = days.map(
      (d) =>
        `${d.slice(5)} ${mine
          .filter((w) => w.day === d)
          .map((w) => w.time)
          .join("/")}`,
    );
    return `  reminders  ${v === "default" ? "other classes" : `class ${v}`}: ${mine.length} sends on ${days.length} days: ${slots.join(", ")}`;
  });
}

export function planText(content: CampaignContent, plan: CampaignPlan): string {
  return [
    `${plan.key}${plan.provisional ? "  (provisional: computed holiday dates)" : ""}`,
    `  name       ${plan.name}`,
    `  anchor     ${plan.anchorName} ${plan.startsOn} .. ${plan.endsOn}`,
    `  opens      ${plan.opensOn}   self-check deadline ${plan.selfCheck ? plan.deadlineOn : "- (no self-check)"}   closes after ${plan.closesOn}`,
    `  target     ${describeTarget(plan.target)}`,
    ...reminderLines(content, plan),
    ...plan.cards.map((c) => `  card       ${c.on} ${c.at}  ${c.id} (${c.label})`),
  ].join("\n");
}
