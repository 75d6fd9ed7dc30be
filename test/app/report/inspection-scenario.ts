import { DEMO, type TestApp, texts } from "../../support/test-app.ts";
import { INSPECTORS, PHOTO, sayAll } from "../inspections/inspection-fixtures.ts";

/** September 2026, the period the scenario's figures are read for. */
export const SEPTEMBER = { from: "2026-09-01", to: "2026-09-30" } as const;

/**
 * Three inspections recorded through the chat (the test clock starts 2026-09-24 09:00 Shanghai),
 * whose figures the report tests work out by hand:
 *
 * | # | day | by | kind | enterprise (industry, area) | team | findings | issued | measures |
 * |---|---|---|---|---|---|---|---|---|
 * | JC-1 | 09-24 | 钱主任 (leader) | 督导检查 | 华宁 (危险化学品, 化工园区) | + 吴网格, 2 outside experts: 4 | YH-1 fixed on the spot, YH-2 within 3 days | 责令限期整改指令书 ZL-1 | 立案, 罚款 25000 |
 * | JC-2 | 09-24 | 严执法 (inspector) | 执法检查 | 东泰 (危险化学品, 化工园区) | + 方专家 (expert), 1 outside person: 3 | YH-3 within 3 days | 现场处理措施决定书 XC-1, 行政处罚决定书 CF-1 | 罚款 2.318万, 三停, 查封 |
 * | JC-3 | 09-25 | 钱主任 (leader) | 暗查暗访 | 万达 (人员密集场所, 城南街道) | alone: 1 | YH-4 fixed on the spot | — | 移交, 约谈; a note |
 *
 * Returns the replies to each 提交.
 */
export async function recordInspections(app: TestApp): Promise<string[]> {
  const leader = app.chat(DEMO.leaderDistrict);
  const inspector = app.chat(INSPECTORS.inspectorPark);
  const submit = async (chat: typeof leader, lines: string[]) => {
    await sayAll(chat, lines);
    return texts(await chat.say("提交"));
  };
  const submitted = [
    await submit(leader, [
      "检查",
      "4", // 督导检查
      "华宁",
      "1", // 吴网格
      "完成",
      "2",
      "0",
      PHOTO.before,
      "罐区动火作业未审批",
      "立即整改",
      PHOTO.after,
      "配电室电线私拉乱接",
      PHOTO.other,
      "限期整改",
      "跳过",
      "完成",
      "1", // 责令限期整改指令书
      "完成",
      "1 2", // 立案, 罚款
      "完成",
      "25000",
      "跳过",
    ]),
    await submit(inspector, [
      "检查",
      "7", // 执法检查
      "东泰",
      "4", // 方专家
      "完成",
      "0",
      "1",
      "配电室电线私拉乱接",
      PHOTO.other,
      "限期整改",
      "跳过",
      "完成",
      "3 4", // 现场处理措施决定书, 行政处罚决定书
      "完成",
      "2 3 4", // 罚款, 三停, 临时查封
      "完成",
      "2.318万",
      "跳过",
    ]),
  ];
  app.clock.set(new Date("2026-09-25T10:00:00+08:00"));
  submitted.push(
    await submit(leader, [
      "检查",
      "5", // 暗查暗访
      "万达",
      "跳过",
      "0",
      "0",
      PHOTO.before,
      "消防通道堵塞",
      "立即整改",
      PHOTO.after,
      "完成",
      "跳过",
      "5 6", // 移交, 约谈
      "完成",
      "移交消防救援大队，约谈企业负责人",
    ]),
  );
  return submitted;
}
