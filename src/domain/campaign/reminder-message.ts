/** The reminder an enterprise head gets while their enterprise has not submitted the campaign's self-check. */
import type { LocalDate } from "../calendar/local-date.ts";
import type { ChecklistOccasion } from "../checklist/checklist.ts";
import type { OutboundMessage } from "../messages.ts";
import { type CampaignMessages, fill, formatDay } from "./campaign-messages.ts";
import { daysLeft, type ReminderStage } from "./work.ts";

/**
 * Choice id of the button on a reminder. The router treats it like the 自查 command, so pressing it
 * starts (or resumes) the self-check at once.
 */
export const START_SELF_CHECK_CHOICE = "selfcheck";

/** What a reminder is about. */
export type ReminderFacts = {
  campaign: string;
  anchor: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  deadlineOn: LocalDate;
  enterprise: string;
  person: string;
  /** The day it is sent. */
  today: LocalDate;
};

/** Builds the reminder for one enterprise head, in the wording of the campaign's occasion. */
export function buildReminder(
  messages: CampaignMessages,
  stage: ReminderStage,
  facts: ReminderFacts,
  occasion: ChecklistOccasion = "holiday",
): OutboundMessage {
  return reminderBuilder(messages, stage, facts, occasion)(facts);
}

/**
 * The reminders of one slot: what every head's reminder shares (wording, days, days left) is
 * worked out once, so a slot of thousands of heads fills only their names per message.
 */
export function reminderBuilder(
  messages: CampaignMessages,
  stage: ReminderStage,
  facts: Omit<ReminderFacts, "enterprise" | "person">,
  occasion: ChecklistOccasion = "holiday",
): (head: { enterprise: string; person: string }) => OutboundMessage {
  const own = occasion === "holiday" ? undefined : messages.reminder.byOccasion[occasion]?.[stage];
  const wording = own ?? messages.reminder[stage];
  const shared = {
    campaign: facts.campaign,
    anchor: facts.anchor,
    starts: formatDay(messages, facts.startsOn),
    ends: formatDay(messages, facts.endsOn),
    deadline: formatDay(messages, facts.deadlineOn, true),
    daysLeft: daysLeft(facts.today, facts.deadlineOn),
  };
  const label = messages.reminder.start;
  return (head) => ({
    text: fill(wording, { ...shared, enterprise: head.enterprise, person: head.person }),
    choices: [{ id: START_SELF_CHECK_CHOICE, label }],
    expects: "choice",
  });
}
