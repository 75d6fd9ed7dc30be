/** Industries the checklists and rules distinguish. Chinese labels live in prompts/labels.yaml. */
export const Industries = [
  "hazardous_chemicals",
  "industry_trade",
  "construction",
  "crowded_places",
  "urban_gas",
  "small_venues",
] as const;
export type Industry = (typeof Industries)[number];

export function isIndustry(v: string): v is Industry {
  return (Industries as readonly string[]).includes(v);
}
