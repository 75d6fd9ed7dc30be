import path from "node:path";
import type { ConsoleSession } from "../../../src/channels/console/console-session.ts";
import { computeInspectionReport } from "../../../src/domain/statistics/inspection-figures.ts";
import { periodBounds } from "../../../src/domain/statistics/report-period.ts";
import { FIXTURES, type TestApp, texts } from "../../support/test-app.ts";

/** Demo people of the inspection tests, beside test-app's DEMO. */
export const INSPECTORS = {
  /** 严执法, 执法检查人员 of the chemical park (p1). */
  inspectorPark: "13500000001",
  /** 方专家, 专家 of the whole district (d1). */
  expertDistrict: "13500000002",
} as const;

/** Photo files of the fixtures. */
export const PHOTO_FILE = {
  before: path.join(FIXTURES, "exit-blocked.png"),
  other: path.join(FIXTURES, "duty-room.png"),
  after: path.join(FIXTURES, "after-fix.png"),
};

/** The console lines that send them. */
export const PHOTO = {
  before: `/photo ${PHOTO_FILE.before}`,
  other: `/photo ${PHOTO_FILE.other}`,
  after: `/photo ${PHOTO_FILE.after}`,
};

/** 华宁精细化工有限公司 (hazardous chemicals, park p1, grid g3). */
export const HUANING = "91320505MA00000018";

/** Sends each line in order and returns the replies' texts of the last one. */
export async function sayAll(chat: ConsoleSession, lines: readonly string[]): Promise<string> {
  let last = "";
  for (const line of lines) last = texts(await chat.say(line));
  return last;
}

/**
 * A short inspection of 华宁 of the given kind (its position in prompts/inspections.yaml), one
 * finding with a deadline and nothing issued, up to the summary (提交 not sent).
 */
export function shortInspection(kindIndex: number, enterprise = "华宁"): string[] {
  return [
    "检查",
    String(kindIndex),
    enterprise,
    "跳过",
    "0",
    "0",
    PHOTO.before,
    "配电室电线私拉乱接",
    "限期整改",
    "跳过",
    "完成",
    "跳过",
    "跳过",
    "跳过",
  ];
}

/** The inspection figures of a period as the report will read them (store rows, pure function). */
export async function inspectionFigures(app: TestApp, from: string, to: string) {
  const period = { from, to };
  return app.deps.uow.read(async (s) =>
    computeInspectionReport({
      period,
      filters: { area: null, industry: null },
      areas: await s.enterprises.areas(),
      enterprises: await s.enterprises.list({ kind: "all" }),
      inspections: await s.inspections.figureRows(periodBounds(period)),
      kindOrder: app.deps.content.inspections.kinds.map((k) => k.id),
      now: app.clock.now(),
    }),
  );
}

/**
 * The figures of one 督导检查 of 华宁 by the district leader as supervision-inspection.test.ts
 * and inspection-cli.test.ts run it: the leader with a grid worker and two outside experts (4
 * 人次), two findings (one fixed on the spot), a rectification order, a case filed and a fine of
 * 25,000 yuan.
 */
export const ONE_SUPERVISION = {
  inspections: 1,
  personTimes: 4,
  leaderPersonTimes: 1,
  expertPersonTimes: 2,
  enterprisesInspected: 1,
  hazardsFound: 2,
  rectified: 1,
  rectifiedOnSpot: 1,
  casesFiled: 1,
  fineYuan: 25000,
  documentsIssued: 1,
  documentsByType: { rectification_order: 1 },
};
