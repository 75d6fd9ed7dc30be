import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { syncCampaigns } from "../../../src/app/campaign/sync-campaigns.ts";
import { ConversationStateSchema } from "../../../src/app/conversation-state.ts";
import { loadContent } from "../../../src/content/load-content.ts";
import { validateAllContent } from "../../../src/content/validate-all-content.ts";
import { questionIndex } from "../../../src/domain/checklist/checklist.ts";
import { createTestApp, ROOT, type TestApp, texts } from "../../support/test-app.ts";
import { Inbox, PEOPLE, runThrough, sh, shippedCampaigns } from "./campaign-harness.ts";

const content = shippedCampaigns();
const HOLIDAY_WORDS = /节日|节前|假期/;

/** Answers every question of the head's self-check with its first option (or a neutral answer), and returns all the bot said. */
async function answerAll(app: TestApp, phone: string): Promise<string> {
  const head = app.chat(phone);
  const said = [texts(await head.say("自查"))];
  for (let i = 0; i < 80; i++) {
    const row = await app.db.conversation.findFirstOrThrow({ where: { externalId: phone } });
    const state = ConversationStateSchema.parse(JSON.parse(row.state));
    if (state.flow !== "self_check" || state.current === null) break;
    const checklist = app.deps.content.checklists.find((c) => c.id === state.checklistId);
    const q = checklist && questionIndex(checklist).get(state.current);
    const answer =
      q?.kind === "text" ? "无" : q?.kind === "number" ? "2" : q?.kind === "photo" ? "跳过" : "1";
    said.push(texts(await head.say(answer)));
  }
  return said.join("\n");
}

describe("a supervision period asks its own questions, not the holiday ones", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("冬季防火: a mall's head answers the winter fire checklist, with no word of the holiday", async () => {
    app = await createTestApp({ at: "2026-10-26T10:00:00+08:00" });
    await syncCampaigns(app.deps, content, app.clock.now());
    const said = [
      await answerAll(app, PEOPLE.crowdedC),
      texts(await app.chat(PEOPLE.crowdedC).say("提交")),
    ].join("\n");
    expect(said).toContain("自查已提交");
    expect(said).toContain("冬季防火安全自查");
    expect(said).toContain("疏散通道、安全出口是否畅通");
    expect(said).not.toMatch(HOLIDAY_WORDS);
    const run = await app.db.selfCheckRun.findFirstOrThrow({ include: { campaign: true } });
    expect(run).toMatchObject({ checklistId: "winter-fire" });
    expect(run.campaign?.key).toBe("2026-winter_fire");
  });

  it("汛期: a chemical plant's head answers the flood season checklist", async () => {
    app = await createTestApp({ at: "2026-05-26T10:00:00+08:00" });
    await syncCampaigns(app.deps, content, app.clock.now());
    const said = await answerAll(app, PEOPLE.chemA1);
    expect(said).toContain("汛期安全自查");
    expect(said).toContain("排水沟");
    expect(said).not.toMatch(HOLIDAY_WORDS);
  });

  it("节后复工复产: a machinery plant's head answers the resumption checklist", async () => {
    app = await createTestApp({ at: "2027-02-11T10:00:00+08:00" });
    await syncCampaigns(app.deps, content, app.clock.now());
    const said = await answerAll(app, PEOPLE.tradeB);
    expect(said).toContain("节后复工复产安全自查");
    expect(said).not.toMatch(/节日|节前|假期/);
  });

  it("a 'no' in a period checklist opens the same hazard the holiday checklist would", async () => {
    app = await createTestApp({ at: "2026-10-26T10:00:00+08:00" });
    await syncCampaigns(app.deps, content, app.clock.now());
    const head = app.chat(PEOPLE.crowdedC);
    await head.say("自查");
    await head.say("否");
    await head.say("跳过");
    await head.say("后门被货物堵住");
    const ticket = async () => (await app.db.ticket.findMany()).map((t) => t.hazardKey);
    for (let i = 0; i < 20 && !texts(await head.say("1")).includes("请核对"); i++);
    expect(texts(await head.say("提交"))).toContain("登记隐患 1 项");
    expect(await ticket()).toEqual(["cp.evacuation"]);
  });

  it("outside a period campaign the holiday checklist is asked", async () => {
    app = await createTestApp({ at: "2026-09-18T10:00:00+08:00" });
    await syncCampaigns(app.deps, content, app.clock.now());
    expect(texts(await app.chat(PEOPLE.crowdedC).say("自查"))).toContain("人员密集场所节前消防安全自查");
  });

  it("words the period reminders for the period, not for a holiday", async () => {
    app = await createTestApp({ at: "2026-10-26T09:00:00+08:00" });
    const inbox = new Inbox(app);
    await runThrough(() => app, inbox, content, [sh("2026-10-26", "09:08"), sh("2026-10-28", "09:08")]);
    const reminders = inbox.to(PEOPLE.crowdedC).filter((r) => r.message.choices?.[0]?.id === "selfcheck");
    expect(reminders.length).toBeGreaterThan(0);
    for (const r of reminders) expect(r.text).not.toMatch(HOLIDAY_WORDS);
    expect(reminders[0]?.text).toContain("冬季防火安全自查");
  });
});

describe("the shipped period checklists", () => {
  it("cover every industry their campaign targets, and `xunjian check` says so when one does not", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-occasion-"));
    fs.cpSync(path.join(ROOT, "prompts"), path.join(dir, "prompts"), { recursive: true });
    fs.cpSync(path.join(ROOT, "rules"), path.join(dir, "rules"), { recursive: true });
    const check = (years: number[]) =>
      validateAllContent(path.join(dir, "prompts"), path.join(dir, "rules"), years);
    const shipped = check([2026, 2027]);
    expect(shipped.ok ? [] : shipped.problems).toEqual([]);
    const file = path.join(dir, "prompts/campaigns/templates/winter_fire.yaml");
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace("industries: [crowded_places,", "industries: [urban_gas, crowded_places,"),
    );
    const broken = check([2026, 2027]);
    expect(broken.ok ? [] : broken.problems).toEqual([
      "prompts/campaigns/templates/winter_fire.yaml: occasion: no checklist in prompts/checklists/ has occasion winter_fire for industry urban_gas, which this template targets",
    ]);
    // The app still opens on such content: that industry answers its holiday checklist.
    expect(check([]).ok).toBe(true);
  });

  it("never speak of the holiday", () => {
    for (const c of shippedChecklists().filter((c) => c.occasion !== "holiday")) {
      const words = [c.title, c.intro ?? "", ...[...questionIndex(c).values()].map((q) => q.text)];
      expect(
        words.filter((w) => /节日|节前|假期/.test(w)),
        c.id,
      ).toEqual([]);
    }
  });
});

function shippedChecklists() {
  const loaded = loadContent(`${ROOT}/prompts`, `${ROOT}/rules`);
  if (!loaded.ok) throw new Error("content does not load");
  return loaded.content.checklists;
}
