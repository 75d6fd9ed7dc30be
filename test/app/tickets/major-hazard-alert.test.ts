import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTickets } from "../../../src/app/open-tickets.ts";
import type { Answers, AnswerValue } from "../../../src/domain/checklist/answer.ts";
import { questionIndex } from "../../../src/domain/checklist/checklist.ts";
import type { OutboundMessage } from "../../../src/domain/messages.ts";
import { formatDeadline } from "../../../src/domain/ticket/deadline.ts";
import { evaluateSelfCheck } from "../../../src/rules/evaluate-self-check.ts";
import { leafConditions, type Rule } from "../../../src/rules/rule-file.ts";
import { createTestApp, type TestApp, texts } from "../../support/test-app.ts";
import { photo } from "./ticket-fixtures.ts";

/** 23:30 in Shanghai: inside the quiet hours that hold the periodic sweeps. */
const LATE = "2026-09-24T23:30:00+08:00";

/** Answers that make every leaf condition of a rule hold (its first branch of an `any`). */
function answersFor(rule: Rule, options: (questionId: string) => string[]): Answers {
  const answers: Answers = {};
  const conditions = "any" in rule.conditions ? { all: [rule.conditions.any[0]] } : rule.conditions;
  for (const { leaf } of leafConditions(conditions as Rule["conditions"], [])) {
    // The enterprise's industry is chosen by the caller (a rule of several industries' checklist).
    if (leaf.fact !== "answers") continue;
    const id = leaf.path?.slice(2) ?? "";
    const v = leaf.value;
    let a: AnswerValue;
    switch (leaf.operator) {
      case "equal":
        a = typeof v === "number" ? { kind: "number", value: v } : { kind: "choice", id: String(v) };
        break;
      case "in":
        a = { kind: "choice", id: String((v as string[])[0]) };
        break;
      case "notIn": {
        const other = options(id).find((o) => !(v as string[]).includes(o));
        a = { kind: "choice", id: other ?? "" };
        break;
      }
      case "contains": {
        const before = answers[id];
        a = { kind: "choices", ids: [...(before?.kind === "choices" ? before.ids : []), String(v)] };
        break;
      }
      case "lessThan":
        a = { kind: "number", value: Number(v) - 1 };
        break;
      case "greaterThan":
        a = { kind: "number", value: Number(v) + 1 };
        break;
      default:
        throw new Error(`${rule.id}: no answer for ${leaf.operator}`);
    }
    answers[id] = a;
  }
  return answers;
}

describe("every major hazard is told at once to the grid workers and the area's leaders, from any source", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ at: LATE });
  });
  afterAll(async () => app.close());

  /** What each person was put in the outbox for a ticket's alert, by person id. */
  const alertsOf = async (ticketId: string) => {
    const rows = await app.db.outboxMessage.findMany({
      where: { key: { startsWith: `hazard-alert:${ticketId}:` } },
    });
    return rows.map((r) => ({ ...r, message: JSON.parse(r.payload) as OutboundMessage }));
  };
  /** The people responsible for an enterprise, by role, as the directory has them. */
  const peopleOf = async (enterpriseId: string) => {
    const e = await app.db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
    const areas: string[] = [];
    for (let a: string | null = e.areaId; a; ) {
      areas.push(a);
      a = (await app.db.area.findUniqueOrThrow({ where: { id: a } })).parentId;
    }
    const gridWorkers = e.gridId
      ? (
          await app.db.personGrid.findMany({ where: { gridId: e.gridId, person: { role: "grid_worker" } } })
        ).map((g) => g.personId)
      : [];
    const leaders = (
      await app.db.personArea.findMany({ where: { areaId: { in: areas }, person: { role: "leader" } } })
    ).map((l) => l.personId);
    const heads = (await app.db.person.findMany({ where: { enterpriseId, role: "enterprise_head" } })).map(
      (p) => p.id,
    );
    return { gridWorkers, leaders: [...new Set(leaders)], heads };
  };

  it("for each major rule of the self-checks: what was found, the photo and the deadline, sent at 23:30", async () => {
    const { content } = app.deps;
    const majors = content.rules.filter(
      (r) => r.event.type === "open_ticket" && r.event.params.grade === "major",
    );
    expect(majors.length).toBeGreaterThanOrEqual(30);
    const now = app.clock.now();
    for (const rule of majors) {
      if (rule.event.type !== "open_ticket") continue;
      const p = rule.event.params;
      const checklist = content.checklists.find((c) => c.id === rule.checklist);
      if (!checklist) throw new Error(`${rule.id} has no checklist`);
      const industryLeaf = leafConditions(rule.conditions, [])
        .map((l) => l.leaf)
        .find((l) => l.fact === "enterprise" && l.path === "$.industry");
      const industry = industryLeaf
        ? String(Array.isArray(industryLeaf.value) ? industryLeaf.value[0] : industryLeaf.value)
        : checklist.industries[0];
      const enterprise = await app.db.enterprise.findFirstOrThrow({
        where: { industry },
        orderBy: { creditCode: "asc" },
      });
      const head = await app.db.person.findFirstOrThrow({ where: { enterpriseId: enterprise.id } });
      const index = questionIndex(checklist);
      const options = (id: string) => {
        const q = index.get(id);
        return q?.kind === "yes_no" ? ["yes", "no", "na"] : (q?.options ?? []).map((o) => o.id);
      };
      const answers = answersFor(rule, options);
      const att = await app.db.attachment.create({
        data: { sha256: `sha-${rule.id}`, mime: "image/png", size: 1, purpose: "answer" },
      });
      if (p.evidenceQuestion) answers[p.evidenceQuestion] = { kind: "photos", attachmentIds: [att.id] };
      if (p.descriptionQuestion)
        answers[p.descriptionQuestion] = { kind: "text", value: `现场情况-${rule.id}` };

      const verdict = await evaluateSelfCheck([rule], {
        answers,
        enterprise: {
          id: enterprise.id,
          industry: enterprise.industry,
          supervisionClass: "A",
          areaId: enterprise.areaId,
        },
        checklist,
        campaign: null,
      });
      expect(
        verdict.hazards.map((h) => h.ruleIds),
        `${rule.id} fires`,
      ).toEqual([[rule.id]]);
      const run = await app.db.selfCheckRun.create({
        data: {
          enterpriseId: enterprise.id,
          personId: head.id,
          checklistId: checklist.id,
          checklistVersion: checklist.version,
          status: "submitted",
          startedAt: now,
        },
      });
      const [ticket] = await app.deps.uow.run((s) =>
        openTickets(s, app.deps, verdict.hazards, {
          enterpriseId: enterprise.id,
          runId: run.id,
          campaignId: null,
          personId: head.id,
          channel: "console",
          answers,
          now,
        }),
      );
      if (!ticket) throw new Error(`${rule.id} opened nothing`);

      const alerts = await alertsOf(ticket.id);
      const people = await peopleOf(enterprise.id);
      const told = new Set(alerts.map((a) => a.personId));
      expect(people.gridWorkers.length + people.leaders.length, rule.id).toBeGreaterThan(0);
      for (const id of [...people.gridWorkers, ...people.leaders])
        expect(told.has(id), `${rule.id} → ${id}`).toBe(true);
      for (const a of alerts) {
        expect(a.status, rule.id).toBe("pending");
        expect(a.nextAttemptAt.getTime(), rule.id).toBeLessThanOrEqual(now.getTime());
        const { text } = a.message;
        expect(text, rule.id).toContain(`【重大隐患】${enterprise.name}：${p.title}（${ticket.number}）`);
        expect(text, rule.id).toContain(`整改期限：${formatDeadline(ticket.deadline)}`);
        expect(text, rule.id).toContain("来源：企业自查");
        if (p.descriptionQuestion) expect(text, rule.id).toContain(`情况：现场情况-${rule.id}`);
        if (p.evidenceQuestion) expect(a.message.image, rule.id).toBe(att.id);
        if (p.immediate) expect(text, rule.id).toContain("立即停止作业、撤出人员");
        else expect(text, rule.id).not.toContain("立即停止作业");
      }
      // The head who found it is told only when the hazard is immediate: stop work and get people out.
      expect(told.has(head.id), rule.id).toBe(p.immediate === true);
      // Closed, so that a later rule of the same hazard (another checklist's) opens a ticket of its own.
      await app.db.ticket.update({ where: { id: ticket.id }, data: { status: "closed", closedAt: now } });
    }
  });

  it("for each major rule of the grid reports, through 随手拍: the leaders hear of it with the photo, and at once", async () => {
    const { content } = app.deps;
    const majors = content.reportRules.filter(
      (r) => r.event.type === "classify_report" && r.event.params.grade === "major",
    );
    expect(majors.length).toBeGreaterThanOrEqual(4);
    /** A grid worker of each demo grid, and the industries the grid holds. */
    const workers: Record<string, string> = {
      industry_trade: "13800000001",
      construction: "13800000001",
      hazardous_chemicals: "13800000002",
      crowded_places: "13800000003",
      urban_gas: "13800000003",
      small_venues: "13800000003",
    };
    for (const rule of majors) {
      if (rule.event.type !== "classify_report") continue;
      const p = rule.event.params;
      const leaves = leafConditions(rule.conditions, []).map((l) => l.leaf);
      const industryLeaf = leaves.find((l) => l.fact === "enterprise");
      const industry =
        industryLeaf?.operator === "equal"
          ? String(industryLeaf.value)
          : Object.keys(workers).find((i) => !(industryLeaf?.value as string[] | undefined)?.includes(i));
      const said = leaves
        .filter((l) => l.operator === "mentionsAny")
        .map((l) => (l.value as string[])[0])
        .join("");
      const enterprise = await app.db.enterprise.findFirstOrThrow({
        where: { industry },
        orderBy: { creditCode: "desc" },
      });
      const worker = app.chat(workers[industry ?? ""] ?? "");
      await worker.say(photo("duty-room.png"));
      await worker.say(said);
      await worker.say(enterprise.name);
      await worker.say("跳过");
      const done = texts(await worker.say("提交"));
      expect(done, rule.id).toContain(p.title);
      const ticket = await app.db.ticket.findFirstOrThrow({
        where: { enterpriseId: enterprise.id, hazardKey: p.hazard, status: { not: "closed" } },
        include: { attachments: true },
      });
      expect(ticket.ruleId, rule.id).toBe(rule.id);
      const alerts = await alertsOf(ticket.id);
      const people = await peopleOf(enterprise.id);
      const told = new Set(alerts.map((a) => a.personId));
      for (const id of people.leaders) expect(told.has(id), `${rule.id} → leader ${id}`).toBe(true);
      const reporter = await app.db.person.findFirstOrThrow({ where: { phone: workers[industry ?? ""] } });
      expect(told.has(reporter.id), `${rule.id}: the reporter is not told their own report`).toBe(false);
      for (const a of alerts) {
        expect(a.message.text, rule.id).toContain(`【重大隐患】${enterprise.name}：${p.title}`);
        expect(a.message.text, rule.id).toContain("来源：网格员随手拍");
        expect(a.message.text, rule.id).toContain(`情况：${said}`);
        expect(a.message.image, rule.id).toBe(ticket.attachments[0]?.id);
      }
      if (p.immediate) {
        expect(done, rule.id).toContain("立即停止作业、撤出人员");
        for (const id of people.heads) expect(told.has(id), `${rule.id} → head ${id}`).toBe(true);
      }
    }
  });

  it("reaches a leader's chat at once, late at night, with the photo", async () => {
    await app.chat("13700000001").pull();
    const worker = app.chat("13800000002");
    await worker.say(photo("exit-blocked.png"));
    await worker.say("2号仓库酸碱混放");
    await worker.say("瑞丰");
    await worker.say("2号仓库");
    await worker.say("提交");
    const got = await app.chat("13700000001").pull();
    const alert = got.find((m) => m.text.startsWith("【重大隐患】瑞丰化学品经营有限公司"));
    expect(alert?.image).toBeDefined();
    expect(alert?.text).toMatch(
      /^【重大隐患】瑞丰化学品经营有限公司：危化品超量储存或禁配物质混存（YH-2026-\d{6}）\n/,
    );
    expect(alert?.text).toContain(
      "来源：网格员随手拍（吴网格）；情况：2号仓库酸碱混放；位置：2号仓库；现场照片 1 张\n判定依据：",
    );
    expect(alert?.text).toContain("整改期限：2026-10-01，已挂牌督办。");
  });
});
