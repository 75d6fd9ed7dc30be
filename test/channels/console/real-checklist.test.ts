import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConversationStateSchema } from "../../../src/app/conversation-state.ts";
import { type LeafQuestion, type Question, questionIndex } from "../../../src/domain/checklist/checklist.ts";
import { choicesOf } from "../../../src/domain/checklist/parse-answer.ts";
import { conditionHolds } from "../../../src/domain/checklist/sequence.ts";
import { createTestApp, DEMO, FIXTURES, type TestApp, texts } from "../../support/test-app.ts";

/** What the head of 老张家川菜馆 answers where a question has a bad answer to give. */
const ANSWERS: Record<string, string> = {
  sv_venue_type: "小餐饮",
  sv_fuels: "lpg",
  sv_gas_alarm: "否",
  sv_gas_alarm_desc: "后厨还没装燃气报警器",
  sv_exits_clear: "否",
  sv_exits_desc: "后门被纸箱堵住",
  sv_wiring_issues: "无",
  sv_extinguishers: "4",
};

/** Follow-ups hang off top-level questions only. */
const followUps = (q: LeafQuestion | Question): NonNullable<Question["followUps"]> =>
  "followUps" in q ? (q.followUps ?? []) : [];

describe("a full self-check of the shipped small-venue checklist through the console", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => app.close());

  it("opens the tickets the rules name, with deadlines, and tells the grid worker", async () => {
    const head = app.chat(DEMO.smallVenueHead);
    const checklist = app.deps.content.checklists.find((c) => c.id === "small-venues-holiday");
    if (!checklist) throw new Error("small-venues-holiday is not shipped");
    const questions = questionIndex(checklist);
    const current = async () => {
      const row = await app.db.conversation.findFirstOrThrow({
        where: { externalId: DEMO.smallVenueHead },
      });
      const state = ConversationStateSchema.parse(JSON.parse(row.state));
      return state.flow === "self_check" ? state.current : null;
    };

    let last = await head.say("自查");
    for (let asked = 0; asked < 60; asked++) {
      const id = await current();
      if (id === null) break;
      const q = questions.get(id);
      if (!q) throw new Error(`unknown question ${id}`);
      if (q.kind === "photo") {
        await head.say(`/photo ${path.join(FIXTURES, "exit-blocked.png")}`);
        last = await head.say("完成");
        continue;
      }
      const planned = ANSWERS[id];
      const quiet = choicesOf(q, app.deps.content.texts).findIndex(
        (c) => !followUps(q).some((f) => conditionHolds(f.when, { kind: "choice", id: c.id })),
      );
      const answer = planned ?? (q.kind === "text" ? "无" : q.required ? String(quiet + 1) : "跳过");
      last = await head.say(answer);
      expect(texts(last)).not.toContain("无法识别");
    }
    expect(texts(last)).toContain("请核对");
    const receipt = texts(await head.say("提交"));
    expect(receipt).toContain("登记隐患 2 项");

    const tickets = await app.db.ticket.findMany({
      orderBy: { hazardKey: "asc" },
      include: { attachments: true },
    });
    expect(tickets.map((t) => [t.hazardKey, t.grade, t.deadline.toISOString()])).toEqual([
      ["sv.evacuation", "general", "2026-09-25T15:59:00.000Z"],
      ["sv.gas_alarm", "general", "2026-09-27T15:59:00.000Z"],
    ]);
    expect(tickets.find((t) => t.hazardKey === "sv.evacuation")?.attachments).toHaveLength(1);
    const run = await app.db.selfCheckRun.findFirstOrThrow({ include: { answers: true } });
    expect(run.status).toBe("submitted");
    expect(run.answers.length).toBeGreaterThanOrEqual(checklist.questions.length);
    expect(texts(await app.chat("13800000003").pull())).toContain("老张家川菜馆");
  });
});
