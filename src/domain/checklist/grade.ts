// Hazard grades apart from checklist.ts (the checklist schemas): tickets, reports and the CLI's
// option lists need the grades alone.

/** A hazard's grade: 一般隐患 or 重大隐患. */
export const Grades = ["general", "major"] as const;
export type Grade = (typeof Grades)[number];
