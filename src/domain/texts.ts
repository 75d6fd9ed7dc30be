import { z } from "zod";
import { Grades } from "./checklist/grade.ts";
import { Industries } from "./industry.ts";
import { Roles } from "./people/role.ts";
import { TicketEventKinds, TicketStatuses } from "./ticket/ticket-status.ts";
import { PlanParts } from "./ticket/treatment-plan.ts";

/** Every user-facing sentence the code uses, by key. The words live in prompts/messages.yaml. */
export const MessageKeys = [
  "bind.help",
  "bind.usage",
  "bind.ok",
  "bind.wrong",
  "bind.used",
  "bind.expired",
  "bind.rate_limited",
  "help.enterprise_head",
  "help.grid_worker",
  "help.leader",
  "help.admin",
  "unknown",
  "unknown_empty",
  "photo.stray",
  "photo.stray_head",
  "inactive",
  "system.busy",
  "selfcheck.not_head",
  "selfcheck.no_checklist",
  "selfcheck.start",
  "selfcheck.resume",
  "selfcheck.question",
  "selfcheck.question_follow_up",
  "selfcheck.optional_mark",
  "selfcheck.controls",
  "selfcheck.controls_skip",
  "selfcheck.multi_hint",
  "selfcheck.number_hint",
  "selfcheck.number_integer",
  "selfcheck.number_decimal",
  "selfcheck.number_between",
  "selfcheck.number_at_least",
  "selfcheck.number_at_most",
  "selfcheck.number_unit",
  "selfcheck.photo_hint",
  "selfcheck.text_hint",
  "selfcheck.invalid_choice",
  "selfcheck.invalid_multi",
  "selfcheck.invalid_number",
  "selfcheck.invalid_text",
  "selfcheck.photo_expected",
  "selfcheck.photo_received",
  "selfcheck.photo_not_expected",
  "selfcheck.required",
  "selfcheck.no_previous",
  "selfcheck.paused",
  "selfcheck.summary",
  "selfcheck.summary_line",
  "selfcheck.summary_follow_up_line",
  "selfcheck.confirm_expected",
  "selfcheck.submitted_clean",
  "selfcheck.submitted_tickets",
  "selfcheck.ticket_line",
  "selfcheck.ticket_line_existing",
  "selfcheck.already_submitted",
  "answer.skipped",
  "answer.photos",
  "photo.rejected",
  "photo.problem.type",
  "photo.problem.size",
  "photo.problem.empty",
  "photo.problem.fetch",
  "photo.problem.decode",
  "photo.problem.pixels",
  "notify.ticket_opened",
  "notify.major_hazard",
  "notify.immediate_hazard",
  "notify.immediate_action",
  "notify.found",
  "notify.found_description",
  "notify.found_location",
  "notify.found_photos",
  "notify.source.self_check",
  "notify.source.grid_report",
  "notify.source.inspection",
  "notify.hazard_photo",
  "notify.review_waiting_major",
  "notify.plan_recorded",
  "rectify.submitted_major",
  "rectify.time_limit_unreadable",
  "rectify.plan_saved_as_is",
  "ticket.refused.major_needs_leader",
  "tickets.none",
  "tickets.list",
  "tickets.line",
  "tickets.overdue_mark",
  "tickets.review_none",
  "tickets.review_list",
  "tickets.usage",
  "tickets.not_found",
  "ticket.detail",
  "ticket.location_line",
  "ticket.history_line",
  "ticket.supervised_mark",
  "ticket.refused.wrong_status",
  "ticket.refused.wrong_role",
  "ticket.refused.out_of_scope",
  "ticket.refused.own_work",
  "ticket.refused.plan_missing",
  "ticket.refused.photos_missing",
  "ticket.refused.reason_missing",
  "rectify.plan_intro",
  "rectify.plan_part",
  "rectify.plan_saved",
  "rectify.ask_description",
  "rectify.ask_photos",
  "rectify.photo_received",
  "rectify.photo_same_as_before",
  "rectify.photos_needed",
  "rectify.confirm",
  "rectify.submitted",
  "rectify.cancelled",
  "rectify.text_expected",
  "review.passed",
  "review.returned",
  "review.reopened",
  "notify.review_waiting",
  "notify.review_passed",
  "notify.review_returned",
  "notify.reopened",
  "notify.report_opened",
  "notify.deadline_soon",
  "notify.overdue",
  "notify.overdue_escalated",
  "report.start",
  "report.photo_received",
  "report.description_saved",
  "report.need_photo",
  "report.need_description",
  "report.choose_enterprise",
  "report.enterprise_line",
  "report.no_enterprises",
  "report.no_match",
  "report.ask_location",
  "report.confirm",
  "report.submitted",
  "report.existing",
  "report.cancelled",
  "report.not_grid_worker",
  "flow.resume_hint",
  "pending.no_campaign",
  "pending.campaign",
  "pending.all_done",
  "pending.line",
  "pending.more",
  "example.show",
  "example.rectify",
  "example.pass",
  "example.return",
  "example.reopen",
  "help.inspector",
  "help.expert",
  "inspection.not_allowed",
  "inspection.start",
  "inspection.start_for",
  "inspection.resume",
  "inspection.in_progress",
  "inspection.choose_kind",
  "inspection.option_line",
  "inspection.selected_mark",
  "inspection.kind_not_allowed",
  "inspection.choose_enterprise",
  "inspection.no_enterprises",
  "inspection.no_match",
  "inspection.out_of_scope",
  "inspection.code_unknown",
  "inspection.choose_team",
  "inspection.member",
  "inspection.no_person",
  "inspection.bad_index",
  "inspection.ask_outside_experts",
  "inspection.ask_outside_staff",
  "inspection.count_invalid",
  "inspection.location_saved",
  "inspection.photos_kept",
  "inspection.ask_finding",
  "inspection.finding_draft",
  "inspection.on_spot_label",
  "inspection.deadline_label",
  "inspection.finding_empty",
  "inspection.finding_choose_first",
  "inspection.classified",
  "inspection.ask_after_photo",
  "inspection.ask_deadline",
  "inspection.limit_days",
  "inspection.limit_hours",
  "inspection.deadline_invalid",
  "inspection.finding_saved_on_spot",
  "inspection.finding_saved_deadline",
  "inspection.choose_documents",
  "inspection.choose_measures",
  "inspection.ask_fine",
  "inspection.fine_invalid",
  "inspection.measure_fine",
  "inspection.ask_note",
  "inspection.confirm",
  "inspection.me",
  "inspection.team_summary",
  "inspection.findings_summary",
  "inspection.none",
  "inspection.cancelled",
  "inspection.submitted",
  "inspection.result_line",
  "inspection.result_on_spot",
  "inspection.result_deadline",
  "inspection.result_existing",
  "inspection.notice",
  "inspection.notice_line",
  "inspection.notice_line_on_spot",
  "inspection.notice_all_fixed",
  "inspection.notice_clean",
  "inspection.notice_documents",
  "inspection.notice_measures",
  "inspection.copy",
  "inspection.mine_none",
  "inspection.mine_list",
  "inspection.mine_line",
  "inspection.not_found",
  "inspection.record",
  "inspection.record_line",
  "inspection.lead_mark",
  "inspection.other_hazard",
  "inspection.on_spot_note",
] as const;
export type MessageKey = (typeof MessageKeys)[number];

/** Words a person may type for a command or a control inside a flow. */
export const CommandKeys = [
  "bind",
  "selfcheck",
  "selfcheck_again",
  "help",
  "back",
  "skip",
  "pause",
  "submit",
  "done",
  "cancel",
  "my_tickets",
  "ticket",
  "rectify",
  "review_queue",
  "pass",
  "return",
  "reopen",
  "report",
  "pending_self_checks",
  "login",
  "inspect",
  "my_inspections",
] as const;
export type CommandKey = (typeof CommandKeys)[number];

const words = z.array(z.string().min(1)).min(1);
const labelsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, z.string().min(1)])) as Record<T[number], z.ZodString>)
    .strict();

export const TextsFileSchema = z
  .object({
    commands: z
      .object(Object.fromEntries(CommandKeys.map((k) => [k, words])) as Record<CommandKey, typeof words>)
      .strict(),
    answers: z.object({ yes: words, no: words, not_applicable: words }).strict(),
    labels: z
      .object({
        industry: labelsOf(Industries),
        role: labelsOf(Roles),
        grade: labelsOf(Grades),
        status: labelsOf(TicketStatuses),
        event: labelsOf(TicketEventKinds),
        plan: labelsOf(PlanParts),
      })
      .strict(),
    messages: z
      .object(
        Object.fromEntries(MessageKeys.map((k) => [k, z.string().min(1)])) as Record<MessageKey, z.ZodString>,
      )
      .strict(),
  })
  .strict();
export type TextsFile = z.infer<typeof TextsFileSchema>;

export type Params = Record<string, string | number>;
export type LabelKind = "industry" | "role" | "grade" | "status" | "event" | "plan";

/** Rendered wording: `t(key, params)` fills `{name}` placeholders. */
export class Texts {
  constructor(readonly file: TextsFile) {}

  t(key: MessageKey, params: Params = {}): string {
    return this.file.messages[key].replace(/\{(\w+)\}/g, (m, name: string) =>
      name in params ? String(params[name]) : m,
    );
  }

  /** Which command a text is, matching the first word against the configured words. */
  command(text: string): { key: CommandKey; rest: string } | null {
    const trimmed = text.trim();
    const [first = "", ...rest] = trimmed.split(/\s+/);
    const words = CommandKeys.flatMap((key) => this.file.commands[key].map((w) => ({ key, w })));
    const exact = words.find(({ w }) => w.toLowerCase() === first.toLowerCase());
    if (exact) return { key: exact.key, rest: rest.join(" ") };
    // Chinese users often type the command and its argument without a space: "绑定K7M2Q9XA".
    // The longest word wins, so 自查进度 is not read as 自查 followed by 进度.
    const glued = words
      .filter(({ w }) => !/^[ -~]*$/.test(w) && trimmed.startsWith(w) && trimmed.length > w.length)
      .sort((a, b) => b.w.length - a.w.length)[0];
    return glued ? { key: glued.key, rest: trimmed.slice(glued.w.length).trim() } : null;
  }

  /** The first configured word of a command, for hints. */
  word(key: CommandKey): string {
    return this.file.commands[key][0] ?? key;
  }

  label(kind: LabelKind, code: string): string {
    const table = this.file.labels[kind] as Record<string, string>;
    return table[code] ?? code;
  }

  /** Reverse lookup of a label (for imports): code for a Chinese or English name. */
  codeOf(kind: LabelKind, nameOrCode: string): string | null {
    const table = this.file.labels[kind] as Record<string, string>;
    const v = nameOrCode.trim();
    if (v in table) return v;
    return Object.entries(table).find(([, label]) => label === v)?.[0] ?? null;
  }
}
