import type { Figures } from "../../../src/domain/statistics/report-figures.ts";
import type { TestApp } from "../../support/test-app.ts";

/** Demo enterprises the scenario uses, by credit code (prompts/demo/demo-park.yaml). */
export const E = {
  hc1: "91320505MA00000018", // 华宁精细化工有限公司, hazardous_chemicals, p1 / g3, head 王建国
  hc2: "91320505MA0000002B", // 东泰危险品仓储有限公司, hazardous_chemicals, p1 / g3
  it1: "91320505MA0000006P", // 鑫达机械制造有限公司, industry_trade, s1 / g1
  cp1: "91320505MA0000016Q", // 万达广场购物中心, crowded_places, s2 / g4
  sv1: "91320505MA0000024K", // 老张家川菜馆, small_venues, s2 / g4
} as const;

/** An instant written as Asia/Shanghai wall time, e.g. `at("2026-09-30 23:59")`. */
export const at = (wall: string): Date => new Date(`${wall.replace(" ", "T")}:00+08:00`);

type TicketSpec = {
  number: string;
  enterprise: string;
  source: "self_check" | "grid_report" | "inspection";
  grade: "general" | "major";
  status: string;
  foundAt: string;
  deadline: string;
  rectifiedAt?: string;
  closedAt?: string;
  title?: string;
  events?: { kind: string; at: string; note?: string }[];
  extra?: Record<string, unknown>;
};

/** Small factories writing rows straight into the test database. */
export function factories(app: TestApp) {
  const db = app.db;
  const enterpriseId = async (code: string) =>
    (await db.enterprise.findUniqueOrThrow({ where: { creditCode: code } })).id;
  const personId = async (phone: string) => (await db.person.findUniqueOrThrow({ where: { phone } })).id;
  return {
    enterpriseId,
    personId,
    async run(code: string, status: string, submittedAt: string | null) {
      const eid = await enterpriseId(code);
      const head = await db.person.findFirstOrThrow({ where: { enterpriseId: eid } });
      return db.selfCheckRun.create({
        data: {
          enterpriseId: eid,
          personId: head.id,
          checklistId: "demo",
          checklistVersion: 1,
          status,
          startedAt: at(submittedAt ?? "2026-09-15 08:00"),
          submittedAt: submittedAt === null ? null : at(submittedAt),
        },
      });
    },
    async ticket(spec: TicketSpec) {
      const eid = await enterpriseId(spec.enterprise);
      const head = await db.person.findFirstOrThrow({ where: { enterpriseId: eid } });
      const ticket = await db.ticket.create({
        data: {
          number: spec.number,
          enterpriseId: eid,
          hazardKey: `test.${spec.number}`,
          source: spec.source,
          title: spec.title ?? `隐患 ${spec.number}`,
          category: "消防安全",
          grade: spec.grade,
          supervised: spec.grade === "major",
          status: spec.status,
          responsibleId: head.id,
          foundAt: at(spec.foundAt),
          deadline: at(spec.deadline),
          rectifiedAt: spec.rectifiedAt ? at(spec.rectifiedAt) : null,
          closedAt: spec.closedAt ? at(spec.closedAt) : null,
          ...spec.extra,
        },
      });
      for (const e of spec.events ?? [])
        await db.ticketEvent.create({
          data: { ticketId: ticket.id, kind: e.kind, at: at(e.at), note: e.note ?? null },
        });
      return ticket;
    },
  };
}

/**
 * The hand-built ledger the report tests count. Period 2026-09-01 … 2026-09-30:
 *
 * | ticket | enterprise | source | grade | found | deadline | closed | notes |
 * |---|---|---|---|---|---|---|---|
 * | T1 | hc1 | self_check | major | 09-20 10:00 | 09-25 | 09-24 10:00 (4 d) | returned 09-22 |
 * | T2 | hc1 | self_check | general | 09-20 10:00 | 10-20 | — | |
 * | T3 | hc2 | inspection | general | 09-05 09:00 | 09-10 | — | overdue |
 * | T4 | hc2 | inspection | general | 09-05 15:00 | 09-10 | 09-07 15:00 (2 d) | same visit as T3 |
 * | T5 | it1 | grid_report | major | 09-30 23:59 | 10-30 | — | last minute: in |
 * | T6 | it1 | grid_report | general | 10-01 00:00 | 10-30 | — | first minute after: out |
 * | T7 | it1 | grid_report | general | 08-31 23:59 | 09-10 | 09-02 | before: out |
 * | T8 | cp1 | grid_report | general | 09-10 10:00 | 09-15 | 10-02 (after) | returned 10-01 (after) |
 * | T9 | sv1 | inspection | major | 09-12 09:00 | 09-20 | passed 09-14, reopened 09-16 | overdue |
 * | T10 | sv1 | grid_report | general | 09-12 20:00 | 09-20 | 09-13 08:00 (0.5 d) | same day as T9 |
 *
 * Runs: hc1 09-20 and 09-28, hc2 09-21 (in); it1 08-31 23:59, cp1 10-01 00:00, cp1 in progress (out).
 */
export async function seedScenario(app: TestApp) {
  const f = factories(app);
  await f.run(E.hc1, "submitted", "2026-09-20 10:00");
  await f.run(E.hc1, "submitted", "2026-09-28 16:00");
  await f.run(E.hc2, "submitted", "2026-09-21 10:00");
  await f.run(E.it1, "submitted", "2026-08-31 23:59");
  await f.run(E.cp1, "submitted", "2026-10-01 00:00");
  await f.run(E.cp1, "in_progress", null);
  const t1 = await f.ticket({
    number: "YH-2026-000001",
    enterprise: E.hc1,
    source: "self_check",
    grade: "major",
    status: "closed",
    foundAt: "2026-09-20 10:00",
    deadline: "2026-09-25 23:59",
    rectifiedAt: "2026-09-23 18:00",
    closedAt: "2026-09-24 10:00",
    title: "储罐区可燃气体报警器失效",
    events: [
      { kind: "opened", at: "2026-09-20 10:00" },
      { kind: "submitted", at: "2026-09-21 10:00" },
      { kind: "returned", at: "2026-09-22 10:00", note: "照片不清楚" },
      { kind: "submitted", at: "2026-09-23 18:00" },
      { kind: "passed", at: "2026-09-24 10:00" },
    ],
    extra: {
      location: "储罐区",
      description: "储罐区 2 号可燃气体报警器不报警",
      basis: "化工和危险化学品生产经营单位重大生产安全事故隐患判定标准 第十条",
      treatmentPlan: JSON.stringify({
        goal: "恢复报警功能",
        methods: "更换探头并联调",
        funds: "2 万元",
        organisation: "设备部",
        timeLimit: "5 天",
        safety: "停用储罐并设专人监护",
      }),
    },
  });
  await f.ticket({
    number: "YH-2026-000002",
    enterprise: E.hc1,
    source: "self_check",
    grade: "general",
    status: "open",
    foundAt: "2026-09-20 10:00",
    deadline: "2026-10-20 23:59",
  });
  await f.ticket({
    number: "YH-2026-000003",
    enterprise: E.hc2,
    source: "inspection",
    grade: "general",
    status: "rectifying",
    foundAt: "2026-09-05 09:00",
    deadline: "2026-09-10 23:59",
  });
  await f.ticket({
    number: "YH-2026-000004",
    enterprise: E.hc2,
    source: "inspection",
    grade: "general",
    status: "closed",
    foundAt: "2026-09-05 15:00",
    deadline: "2026-09-10 23:59",
    closedAt: "2026-09-07 15:00",
  });
  await f.ticket({
    number: "YH-2026-000005",
    enterprise: E.it1,
    source: "grid_report",
    grade: "major",
    status: "open",
    foundAt: "2026-09-30 23:59",
    deadline: "2026-10-30 23:59",
    title: "铝粉尘除尘器未接地",
  });
  await f.ticket({
    number: "YH-2026-000006",
    enterprise: E.it1,
    source: "grid_report",
    grade: "general",
    status: "open",
    foundAt: "2026-10-01 00:00",
    deadline: "2026-10-30 23:59",
  });
  await f.ticket({
    number: "YH-2026-000007",
    enterprise: E.it1,
    source: "grid_report",
    grade: "general",
    status: "closed",
    foundAt: "2026-08-31 23:59",
    deadline: "2026-09-10 23:59",
    closedAt: "2026-09-02 10:00",
  });
  await f.ticket({
    number: "YH-2026-000008",
    enterprise: E.cp1,
    source: "grid_report",
    grade: "general",
    status: "closed",
    foundAt: "2026-09-10 10:00",
    deadline: "2026-09-15 23:59",
    closedAt: "2026-10-02 10:00",
    events: [{ kind: "returned", at: "2026-10-01 09:00", note: "未整改到位" }],
  });
  await f.ticket({
    number: "YH-2026-000009",
    enterprise: E.sv1,
    source: "inspection",
    grade: "major",
    status: "reopened",
    foundAt: "2026-09-12 09:00",
    deadline: "2026-09-20 23:59",
    title: "后厨液化气瓶与灶具间距不足",
    // As the review use case leaves it: closedAt cleared by the reopen.
    events: [
      { kind: "passed", at: "2026-09-14 09:00" },
      { kind: "reopened", at: "2026-09-16 09:00", note: "复查发现仍未整改" },
    ],
  });
  await f.ticket({
    number: "YH-2026-000010",
    enterprise: E.sv1,
    source: "grid_report",
    grade: "general",
    status: "closed",
    foundAt: "2026-09-12 20:00",
    deadline: "2026-09-20 23:59",
    closedAt: "2026-09-13 08:00",
  });
  return { f, t1 };
}

/** An A-class urban gas enterprise of the demo park (s2). */
export const UG1 = "91320505MA0000021A";

/**
 * Campaigns on top of the scenario, for the campaign figures (counted by hand in the tests):
 *
 * | campaign | days | self-check | target | in September's report |
 * |---|---|---|---|---|
 * | 2026-mid_autumn 中秋 | 09-15 … 09-28 | yes | class A: hc1–hc5 (p1), 3 urban gas (s2) | yes, 09-15 … 09-28 |
 * | 2026-flood_end 汛末 | 09-28 … 10-08 | no (cards only) | construction (4, s1) | yes, 09-28 … 09-30 |
 * | 2026-cancelled | 09-10 … 09-20 | yes | all | no: cancelled |
 * | 2026-skipped | 09-05 … 09-12 | yes | all | no: skipped (created after its deadline) |
 * | 2026-national_day 国庆 | 10-05 … 10-12 | yes | all | no: after the period |
 *
 * Runs for 中秋: hc1's runs of 09-20 and 09-28 and hc2's of 09-21 (the scenario's), and an urban gas
 * run submitted on 10-05 (after the report moment). 提示卡 for 中秋: opening to 钱主任 (d1, acknowledged
 * 09-15) and to 孙书记 (p1, 3 sends, not acknowledged), deadline to 钱主任 (2 sends, acknowledged
 * 10-02, after the moment), summary to 孙书记 first sent 10-01 (after the moment). For 汛末: one card
 * to 钱主任 on 09-28.
 */
export async function seedCampaigns(app: TestApp) {
  const db = app.db;
  const f = factories(app);
  const campaign = (
    key: string,
    name: string,
    days: { opens: string; closes: string },
    more: { selfCheck?: boolean; status?: string; target?: object } = {},
  ) =>
    db.campaign.create({
      data: {
        key,
        templateId: key.slice(5),
        name,
        opensOn: days.opens,
        deadlineOn: days.opens,
        startsOn: days.opens,
        endsOn: days.closes,
        closesOn: days.closes,
        status: more.status ?? "closed",
        selfCheck: more.selfCheck ?? true,
        target: JSON.stringify(more.target ?? {}),
      },
    });
  const midAutumn = await campaign(
    "2026-mid_autumn",
    "2026年中秋节",
    { opens: "2026-09-15", closes: "2026-09-28" },
    { target: { classes: ["A"] } },
  );
  const flood = await campaign(
    "2026-flood_end",
    "2026年汛末",
    { opens: "2026-09-28", closes: "2026-10-08" },
    { selfCheck: false, status: "open", target: { industries: ["construction"] } },
  );
  await campaign(
    "2026-cancelled",
    "取消的活动",
    { opens: "2026-09-10", closes: "2026-09-20" },
    { status: "cancelled" },
  );
  await campaign(
    "2026-skipped",
    "跳过的活动",
    { opens: "2026-09-05", closes: "2026-09-12" },
    { status: "skipped" },
  );
  await campaign(
    "2026-national_day",
    "2026年国庆节",
    { opens: "2026-10-05", closes: "2026-10-12" },
    { status: "open" },
  );

  const hc1 = await f.enterpriseId(E.hc1);
  const hc2 = await f.enterpriseId(E.hc2);
  await db.selfCheckRun.updateMany({
    where: { enterpriseId: { in: [hc1, hc2] }, status: "submitted" },
    data: { campaignId: midAutumn.id },
  });
  const late = await f.run(UG1, "submitted", "2026-10-05 09:00");
  await db.selfCheckRun.update({ where: { id: late.id }, data: { campaignId: midAutumn.id } });

  const district = await f.personId(DEMO_LEADERS.district);
  const park = await f.personId(DEMO_LEADERS.park);
  const card = (
    campaignId: string,
    cardKey: string,
    personId: string,
    sent: string,
    sends: number,
    acknowledged: string | null,
  ) =>
    db.leaderCard.create({
      data: {
        cardKey,
        campaignId,
        personId,
        firstSentAt: at(sent),
        lastSentAt: at(sent),
        sends,
        acknowledgedAt: acknowledged === null ? null : at(acknowledged),
      },
    });
  await card(midAutumn.id, "2026-mid_autumn:opening", district, "2026-09-15 09:17", 1, "2026-09-15 10:00");
  await card(midAutumn.id, "2026-mid_autumn:opening", park, "2026-09-15 09:17", 3, null);
  await card(midAutumn.id, "2026-mid_autumn:deadline", district, "2026-09-24 09:17", 2, "2026-10-02 08:00");
  await card(midAutumn.id, "2026-mid_autumn:summary", park, "2026-10-01 09:17", 1, null);
  await card(flood.id, "2026-flood_end:opening", district, "2026-09-28 09:17", 1, null);
}

/** The demo park's leaders: 钱主任 of the district d1, 孙书记 of the park p1. */
const DEMO_LEADERS = { district: "13700000001", park: "13700000002" } as const;

/** The figures of a period, area or industry where nothing happened. */
export const NO_FIGURES: Figures = {
  enterprisesChecked: 0,
  selfCheckEnterpriseDays: 0,
  inspectionEnterpriseDays: 0,
  selfChecksSubmitted: 0,
  selfCheckEnterprises: 0,
  hazardsFound: 0,
  major: 0,
  general: 0,
  rectified: 0,
  rectificationRate: null,
  overdue: 0,
  returned: 0,
  averageDaysToRectify: null,
  majorRectified: 0,
  majorRectificationRate: null,
  unrectified: 0,
  bySource: {
    self_check: { found: 0, rectified: 0, rectificationRate: null },
    grid_report: { found: 0, rectified: 0, rectificationRate: null },
    inspection: { found: 0, rectified: 0, rectificationRate: null },
  },
};
