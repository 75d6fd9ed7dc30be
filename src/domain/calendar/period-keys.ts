// The supervision periods' keys apart from periods.ts (which needs the holidays): campaign templates
// name them, and the stores read templates' targets on every command.

/** The supervision periods, in the order they usually start within a year. */
export const PERIOD_KEYS = ["resumption", "lianghui", "safety_month", "flood_season", "winter_fire"] as const;
/** One of the supervision periods. */
export type PeriodKey = (typeof PERIOD_KEYS)[number];
