import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, kindsContent, type TestApp, texts } from "../../support/test-app.ts";
import { openTwoTickets, P, photo } from "./ticket-fixtures.ts";

const T = "YH-2026-000001";

/** Each row: who, what they send, the refusal they must get. */
const REFUSALS: [string, keyof typeof P, string, string][] = [
  ["a head cannot see another enterprise's ticket", "otherHead", `隐患 ${T}`, `没有找到隐患「${T}」`],
  ["a head cannot rectify another enterprise's ticket", "otherHead", `整改 ${T}`, `没有找到隐患「${T}」`],
  ["a head cannot review", "head", `通过 ${T}`, "您的角色（企业负责人）不能"],
  ["a head cannot return", "head", `退回 ${T} 不行`, "您的角色（企业负责人）不能"],
  ["a head cannot reopen", "head", `重新打开 ${T} 不行`, "您的角色（企业负责人）不能"],
  ["a head has no review queue", "head", "待复查", "您的角色（企业负责人）不能"],
  ["a grid worker cannot review outside their grids", "otherGridWorker", `通过 ${T}`, `没有找到隐患「${T}」`],
  ["a grid worker cannot see outside their grids", "otherGridWorker", `隐患 ${T}`, `没有找到隐患「${T}」`],
  ["a grid worker cannot rectify", "gridWorker", `整改 ${T}`, "您的角色（网格员）不能"],
  [
    "a grid worker cannot pass what was not submitted",
    "gridWorker",
    "通过 YH-2026-000002",
    "当前状态为「待整改」",
  ],
  ["a return needs a reason", "gridWorker", `退回 ${T}`, "请写明原因"],
  ["a leader cannot review", "leader", `通过 ${T}`, "您的角色（领导）不能"],
  ["a leader cannot rectify", "leader", `整改 ${T}`, "您的角色（领导）不能"],
  ["only a closed ticket can be reopened", "leader", `重新打开 ${T} 再看看`, "当前状态为「待复查」"],
  ["an unknown number is said so", "admin", "通过 YH-2026-999999", "没有找到隐患「YH-2026-999999」"],
];

describe("every command checks role and scope; a refusal says why and changes nothing", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kindsContent());
    await openTwoTickets(app);
    const head = app.chat(P.head);
    for (const line of [`整改 ${T}`, "已清理", photo("after-fix.png"), "完成", "提交"]) await head.say(line);
  });
  afterAll(async () => app.close());

  it.each(REFUSALS)("%s", async (_, who, line, refusal) => {
    const before = await app.db.ticket.findMany({
      select: { status: true, updatedAt: true },
      orderBy: { number: "asc" },
    });
    const events = await app.db.ticketEvent.count();
    expect(texts(await app.chat(P[who]).say(line))).toContain(refusal);
    expect(
      await app.db.ticket.findMany({
        select: { status: true, updatedAt: true },
        orderBy: { number: "asc" },
      }),
    ).toEqual(before);
    expect(await app.db.ticketEvent.count()).toBe(events);
  });

  it("scope decides what 我的隐患 shows for each role", async () => {
    const count = async (who: keyof typeof P) => {
      const reply = texts(await app.chat(P[who]).say("我的隐患"));
      return /未销号隐患 (\d+) 项/.exec(reply)?.[1] ?? "0";
    };
    expect(await count("head")).toBe("2");
    expect(await count("otherHead")).toBe("0");
    expect(await count("gridWorker")).toBe("2");
    expect(await count("otherGridWorker")).toBe("0");
    expect(await count("leader")).toBe("2");
    expect(await count("districtLeader")).toBe("2");
    expect(await count("admin")).toBe("2");
  });

  it("an admin may review a rectification in any area", async () => {
    expect(texts(await app.chat(P.admin).say(`通过 ${T}`))).toContain("复查通过，已销号");
  });
});
