import { describe, expect, it } from "vitest";
import { subtreeIds } from "../../../src/domain/area/area-tree.ts";
import {
  buildLeaderCard,
  completionPercent,
  parseAckChoice,
} from "../../../src/domain/campaign/leader-card.ts";
import { buildReminder } from "../../../src/domain/campaign/reminder-message.ts";
import { isTargeted } from "../../../src/domain/campaign/target.ts";
import { shippedCampaigns } from "../../app/campaign/campaign-harness.ts";

const { messages } = shippedCampaigns();

describe("leader cards and reminders", () => {
  const facts = {
    cardKey: "2026-national_day:deadline",
    campaignKey: "2026-national_day",
    campaign: "2026年中秋节、国庆节节前安全自查",
    anchor: "中秋节、国庆节",
    label: "自查截止",
    startsOn: "2026-09-25",
    endsOn: "2026-10-07",
    deadlineOn: "2026-09-24",
    selfCheck: true,
    duties: ["落实值班", "督促自查"],
    chase: false,
  };
  const figures = {
    enterprises: 30,
    submitted: 29,
    found: 5,
    foundMajor: 2,
    rectified: 3,
    overdue: 1,
    majorOpen: [
      { enterprise: "华宁精细化工有限公司", title: "罐区报警器失效" },
      { enterprise: "顺安液化气站", title: "钢瓶超期未检" },
    ],
    missing: ["城南天然气门站"],
    tasks: {
      signOff: [{ number: "YH-2026-000007", enterprise: "顺安液化气站", title: "钢瓶超期未检" }],
      overdue: [],
    },
  };

  it("shows the period, completion X/Y and %, hazards, rectified, overdue, major hazards, duties and 已阅", () => {
    const m = buildLeaderCard(messages, facts, figures);
    expect(m.card?.title).toBe("安全生产提示卡");
    expect(m.card?.lines).toEqual([
      { label: "专项工作", value: "2026年中秋节、国庆节节前安全自查" },
      { label: "重点时段", value: "中秋节、国庆节，9月25日至10月7日" },
      { label: "自查截止", value: "9月24日（周四）" },
      { label: "自查完成", value: "29/30 家（96%）" },
      { label: "未自查企业", value: "城南天然气门站" },
      { label: "发现隐患", value: "5 项（其中重大隐患 2 项）" },
      { label: "已整改", value: "3 项" },
      { label: "逾期未改", value: "1 项" },
      { label: "重大隐患", value: "华宁精细化工有限公司：罐区报警器失效；顺安液化气站：钢瓶超期未检" },
      { label: "您的待办", value: "重大隐患待您复查销号 1 项：YH-2026-000007 顺安液化气站：钢瓶超期未检" },
      { label: "工作要求", value: "1. 落实值班\n2. 督促自查" },
    ]);
    expect(m.card?.choices).toEqual([
      { id: "ack:2026-national_day:deadline", label: "已阅" },
      { id: "missing:2026-national_day", label: "查看全部" },
    ]);
    expect(parseAckChoice("ack:2026-national_day:deadline")).toBe("2026-national_day:deadline");
    expect(parseAckChoice("selfcheck")).toBeUndefined();
    expect(Buffer.byteLength("ack:2026-national_day:deadline")).toBeLessThanOrEqual(64);
  });

  it("names the first five missing enterprises and then how many, and the first five tickets of a task", () => {
    const names = ["甲", "乙", "丙", "丁", "戊", "己", "庚"].map((n) => `${n}公司`);
    const overdue = names.map((enterprise, i) => ({
      number: `YH-2026-00000${i + 1}`,
      enterprise,
      title: "逾期",
      days: 9 - i,
    }));
    const m = buildLeaderCard(messages, facts, {
      ...figures,
      missing: names,
      tasks: { signOff: [], overdue },
    });
    const line = (label: string) => m.card?.lines.find((l) => l.label === label)?.value;
    expect(line("未自查企业")).toBe("甲公司、乙公司、丙公司、丁公司、戊公司等 7 家");
    expect(line("您的待办")).toMatch(/^辖区逾期未整改隐患 7 项：YH-2026-000001 甲公司：逾期（逾期 9 天）；/);
    expect(line("您的待办")).toContain(
      "YH-2026-000005 戊公司：逾期（逾期 5 天）；……共 7 项，发送「我的隐患」查看",
    );
  });

  it("leaves out the self-check lines for a cards-only campaign and words a follow-up differently", () => {
    const m = buildLeaderCard(
      messages,
      { ...facts, selfCheck: false, chase: true },
      { ...figures, majorOpen: [] },
    );
    expect(m.card?.lines.map((l) => l.label)).not.toContain("自查完成");
    expect(m.card?.lines.map((l) => l.label)).not.toContain("未自查企业");
    expect(m.card?.choices).toHaveLength(1);
    expect(m.card?.lines.find((l) => l.label === "重大隐患")?.value).toBe("无");
    expect(m.text).toContain("尚未确认");
  });

  it("rounds completion down, so 100% means every enterprise", () => {
    expect(completionPercent(299, 300)).toBe(99);
    expect(completionPercent(300, 300)).toBe(100);
    expect(completionPercent(0, 0)).toBe(0);
  });

  it("gives each reminder stage its wording and the button that starts the self-check", () => {
    const base = {
      campaign: "2026年春节节前安全自查",
      anchor: "春节",
      startsOn: "2026-02-15",
      endsOn: "2026-02-23",
      deadlineOn: "2026-02-14",
      enterprise: "华宁精细化工有限公司",
      person: "王建国",
    };
    expect(buildReminder(messages, "opened", { ...base, today: "2026-02-05" }).text).toContain(
      "春节（2月15日至2月23日）将至。请企业主要负责人于2月14日（周六）前完成",
    );
    expect(buildReminder(messages, "chase", { ...base, today: "2026-02-12" }).text).toContain("还剩 3 天");
    const last = buildReminder(messages, "deadline", { ...base, today: "2026-02-14" });
    expect(last.text).toContain("今天是安全自查截止日（2月14日（周六））");
    expect(last.choices).toEqual([{ id: "selfcheck", label: "开始自查" }]);
  });
});

describe("targeting", () => {
  const areas = [
    { id: "d1", parentId: null },
    { id: "s1", parentId: "d1" },
    { id: "p1", parentId: "d1" },
    { id: "g", parentId: "p1" },
  ];

  it("selects by industry, class and area subtree; no list means all", () => {
    const chem = { industry: "hazardous_chemicals", supervisionClass: "A" };
    expect(isTargeted({}, chem, ["p1", "d1"])).toBe(true);
    expect(isTargeted({ industries: ["construction"] }, chem, ["p1", "d1"])).toBe(false);
    expect(isTargeted({ classes: ["A", "B"] }, chem, ["p1", "d1"])).toBe(true);
    expect(isTargeted({ classes: ["A"] }, { ...chem, supervisionClass: null }, ["p1"])).toBe(false);
    expect(isTargeted({ areas: ["d1"] }, chem, ["p1", "d1"])).toBe(true);
    expect(isTargeted({ areas: ["s1"] }, chem, ["p1", "d1"])).toBe(false);
    expect([...subtreeIds(areas, ["p1"])].sort()).toEqual(["g", "p1"]);
    expect(subtreeIds(areas, ["d1"]).size).toBe(4);
  });
});
