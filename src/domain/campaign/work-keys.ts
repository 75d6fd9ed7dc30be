// What the stores need of a campaign's scheduled work, apart from work.ts (which needs the templates
// and the calendar): the stores are loaded by every command.

/** Prefix of every work key (and outbox key) of a campaign. */
export function campaignKeyPrefix(campaignKey: string): string {
  return `campaign:${campaignKey}:`;
}

/** How a piece of scheduled work ended: its messages went to the outbox, or it was skipped. */
export const WORK_RESULTS = ["sent", "skipped"] as const;
/** How a piece of scheduled work ended. */
export type WorkResult = (typeof WORK_RESULTS)[number];

/** True when `v` is a work result. */
export function isWorkResult(v: string): v is WorkResult {
  return (WORK_RESULTS as readonly string[]).includes(v);
}
