import type { Grade } from "../checklist/checklist.ts";
import type { Role } from "../people/role.ts";

/**
 * Enforcement measures (执法措施) an inspection may end with. A closed set: each feeds one of the
 * report's figures (立案起数, 罚款元, 责令停产停业家, 临时查封家, 移交, 约谈面谈家); labels are content.
 */
export const MeasureKinds = ["case_filed", "fine", "suspension", "sealing", "referral", "interview"] as const;
export type MeasureKind = (typeof MeasureKinds)[number];

export function isMeasureKind(v: string): v is MeasureKind {
  return (MeasureKinds as readonly string[]).includes(v);
}

/** The roles that inspect (检查): an enterprise head does not inspect; they self-check. */
export const InspectingRoles = ["grid_worker", "leader", "inspector", "expert", "admin"] as const;

export function inspects(role: Role): boolean {
  return (InspectingRoles as readonly Role[]).includes(role);
}

/** How the rules classified a finding: the hazard it is, how grave, on what basis, by when. */
export type FindingClass = {
  hazard: string;
  title: string;
  category: string;
  grade: Grade;
  basis: string;
  deadlineDays: number;
  /** Imminent danger: hours from the finding rather than days. */
  deadlineHours: number | null;
  immediate: boolean;
  ruleIds: string[];
};

/** An inspection's human number, e.g. JC-2026-000012. */
export function inspectionNumber(year: number, sequence: number): string {
  return `JC-${year}-${String(sequence).padStart(6, "0")}`;
}

/** A document's number in its own series, e.g. ZL-2026-000031 (prefix from content). */
export function documentNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, "0")}`;
}

/** Whether a typed text looks like an inspection number (any case). */
export function isInspectionNumber(text: string): boolean {
  return /^JC-\d{4}-\d{6}$/i.test(text.trim());
}

/** A shared location (Telegram/WeChat/WeCom location message), kept as on-site evidence. */
export type SiteLocation = { latitude: number; longitude: number; label: string | null };

/** One person of an inspection team with an account, as recorded at submission. */
export type TeamMember = { personId: string; name: string; role: Role; lead: boolean };

/** An inspection as `我的检查` lists it. */
export type InspectionSummary = {
  id: string;
  number: string;
  kind: string;
  enterpriseName: string;
  submittedAt: Date;
  findings: number;
};

/** One finding of a recorded inspection, with the ticket it opened (or was merged into). */
export type RecordedFinding = {
  ticketNumber: string;
  title: string;
  grade: Grade;
  status: string;
  deadline: Date;
  onSpot: boolean;
};

/** An inspection's full record, as one inspection's view shows it. */
export type InspectionRecord = InspectionSummary & {
  enterpriseId: string;
  team: TeamMember[];
  outsideExperts: number;
  outsideStaff: number;
  location: SiteLocation | null;
  note: string | null;
  findingList: RecordedFinding[];
  documents: { type: string; number: string }[];
  measures: { kind: MeasureKind; amountFen: number | null }[];
};
