import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import type { Actor } from "../app/actor.ts";
import type { AppDeps } from "../app/app-deps.ts";
import { classifyFinding } from "../app/inspections/classify-finding.ts";
import { recordInspection } from "../app/inspections/submit-inspection.ts";
import { CONSOLE_CHANNEL } from "../channels/console/console-session.ts";
import { describeProblems, zodProblems } from "../content/content-problem.ts";
import { AppError } from "../domain/app-error.ts";
import { addDays, shanghaiDateTime, toShanghaiDate } from "../domain/calendar/local-date.ts";
import { FixedClock } from "../domain/clock.ts";
import { MeasureKinds } from "../domain/inspection/inspection.ts";
import {
  emptyInspection,
  type Finding,
  type InspectionState,
} from "../domain/inspection/inspection-state.ts";
import type { Stores } from "../store/stores.ts";

const DemoInspectionsSchema = z.object({
  inspections: z.array(
    z
      .object({
        kind: z.string(),
        daysAgo: z.number().int().min(1),
        enterprise: z.string(),
        lead: z.string(),
        members: z.array(z.string()).default([]),
        outsideExperts: z.number().int().min(0).default(0),
        outsideStaff: z.number().int().min(0).default(0),
        findings: z.array(
          z
            .object({
              description: z.string().min(1),
              onSpot: z.boolean().default(false),
              fixedAfterDays: z.number().int().min(1).optional(),
            })
            .strict(),
        ),
        documents: z.array(z.string()).default([]),
        measures: z
          .object({
            case_filed: z.boolean().optional(),
            fine: z.number().positive().optional(),
            suspension: z.boolean().optional(),
            sealing: z.boolean().optional(),
            referral: z.boolean().optional(),
            interview: z.boolean().optional(),
          })
          .strict()
          .default({}),
        note: z.string().optional(),
      })
      .strict(),
  ),
});
type Planned = z.infer<typeof DemoInspectionsSchema>["inspections"][number];

const DAY_MS = 24 * 3_600_000;

/**
 * Seeds the demo park's inspections of the last months (prompts/demo/demo-inspections.yaml): each
 * is recorded the way the chat records one, at its own date, and the findings planned as fixed
 * later are rectified and passed on review that many days after. Nothing is sent for them.
 */
export async function seedDemoInspections(deps: AppDeps): Promise<number> {
  const file = path.join(deps.config.promptsDir, "demo", "demo-inspections.yaml");
  const parsed = DemoInspectionsSchema.safeParse(YAML.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new AppError("invalid_content", describeProblems(zodProblems(file, parsed.error)));
  const now = deps.clock.now();
  const today = toShanghaiDate(now);
  const planned = [...parsed.data.inspections].sort((a, b) => b.daysAgo - a.daysAgo);
  await deps.uow.run(async (s) => {
    for (const plan of planned) {
      const at = shanghaiDateTime(addDays(today, -plan.daysAgo), "10:00");
      await seedOne(s, { ...deps, clock: new FixedClock(at) }, plan, now);
    }
  });
  deps.log.info({ inspections: planned.length }, "demo inspections seeded");
  return planned.length;
}

async function seedOne(s: Stores, deps: AppDeps, plan: Planned, now: Date): Promise<void> {
  const at = deps.clock.now();
  const enterprise = await s.enterprises.byCreditCode(plan.enterprise);
  const lead = await s.people.byPhone(plan.lead);
  if (!enterprise || !lead)
    throw new AppError(
      "invalid_content",
      `demo inspection of ${plan.enterprise} by ${plan.lead}: unknown enterprise or person`,
    );
  const members = (await Promise.all(plan.members.map((phone) => s.people.byPhone(phone)))).flatMap((p) =>
    p ? [p] : [],
  );
  const findings: Finding[] = [];
  for (const f of plan.findings) {
    const draft = { photoIds: [], description: f.description };
    const classification = await classifyFinding(deps, draft, enterprise, null);
    findings.push({ ...draft, classification, onSpot: f.onSpot, afterPhotoIds: [], deadlineDays: null });
  }
  const measures = MeasureKinds.filter((k) => plan.measures[k] !== undefined && plan.measures[k] !== false);
  const state: InspectionState = {
    ...emptyInspection(new Date(at.getTime() - 2 * 3_600_000)),
    stage: "confirm",
    kind: plan.kind,
    enterprise: { id: enterprise.id, name: enterprise.name },
    memberIds: members.map((m) => m.id),
    outsideExperts: plan.outsideExperts,
    outsideStaff: plan.outsideStaff,
    findings,
    documents: plan.documents,
    measures,
    fineFen: plan.measures.fine !== undefined ? Math.round(plan.measures.fine * 100) : null,
    note: plan.note ?? null,
  };
  const actor: Actor = {
    person: { ...lead, enterprise: null },
    channel: CONSOLE_CHANNEL,
    externalId: lead.phone,
  };
  const { inspection, heads } = await recordInspection(s, deps, actor, state);
  for (const { finding, ticket } of inspection.findings) {
    const days = plan.findings.find((f) => f.description === finding.description)?.fixedAfterDays;
    const fixedAt = days === undefined ? null : new Date(at.getTime() + days * DAY_MS);
    if (fixedAt && fixedAt < now && ticket.isNew)
      await rectifyLater(s, ticket.id, heads[0] ?? lead.id, lead.id, fixedAt);
  }
}

/** The head's rectification, passed on review an hour later by the inspection's lead. */
async function rectifyLater(
  s: Stores,
  ticketId: string,
  headId: string,
  reviewerId: string,
  at: Date,
): Promise<void> {
  const passedAt = new Date(at.getTime() + 3_600_000);
  await s.tickets.addEvent({
    ticketId,
    kind: "rectification_started",
    fromStatus: "open",
    toStatus: "rectifying",
    actorId: headId,
    channel: CONSOLE_CHANNEL,
    at,
  });
  await s.tickets.addEvent({
    ticketId,
    kind: "submitted",
    fromStatus: "rectifying",
    toStatus: "submitted",
    actorId: headId,
    channel: CONSOLE_CHANNEL,
    at,
  });
  await s.tickets.addEvent({
    ticketId,
    kind: "passed",
    fromStatus: "submitted",
    toStatus: "closed",
    actorId: reviewerId,
    channel: CONSOLE_CHANNEL,
    at: passedAt,
  });
  await s.tickets.moveTo(ticketId, "closed", { rectifiedAt: at, closedAt: passedAt });
}
