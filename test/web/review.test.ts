import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTwoTickets, photo } from "../app/tickets/ticket-fixtures.ts";
import { createTestApp, kindsContent, type TestApp } from "../support/test-app.ts";
import { consoleOf, GENERAL, MAJOR, OTHER_GRID_WORKER, P, signedIn } from "./web-fixtures.ts";

/** The head rectifies the general ticket with a photo and submits it for review, in chat. */
async function submitGeneral(app: TestApp): Promise<void> {
  const head = app.chat(P.head);
  for (const line of [`整改 ${GENERAL}`, "已清理通道内全部纸箱", photo("after-fix.png"), "完成", "提交"])
    await head.say(line);
  for (const phone of Object.values(P)) await app.chat(phone).pull();
}

/** The major ticket as its head left it after recording the plan and submitting (arranged in the rows). */
async function submitMajor(app: TestApp): Promise<void> {
  const ticket = await app.db.ticket.findUniqueOrThrow({ where: { number: MAJOR } });
  const head = await app.db.person.findUniqueOrThrow({ where: { phone: P.head } });
  await app.db.ticketEvent.create({
    data: {
      ticketId: ticket.id,
      kind: "submitted",
      fromStatus: "rectifying",
      toStatus: "submitted",
      actorId: head.id,
      channel: "console",
      at: app.clock.now(),
    },
  });
  await app.db.ticket.update({ where: { id: ticket.id }, data: { status: "submitted" } });
}

const statusOf = async (app: TestApp, number: string) =>
  (await app.db.ticket.findUniqueOrThrow({ where: { number } })).status;

describe("review from the ticket page: 通过（销号）and 退回, through the chat's use case", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(kindsContent());
    await openTwoTickets(app);
    await submitGeneral(app);
  });
  afterEach(async () => app.close());

  it("lets the grid worker of the ticket's grid return it with a reason, then pass it; the head is told each time", async () => {
    const web = consoleOf(app);
    const worker = await signedIn(web, app, P.gridWorker);
    const page = await worker.get(`/tickets/${GENERAL}`);
    expect(page.html).toContain('id="review"');

    const noReason = await worker.post(`/tickets/${GENERAL}/review`, { action: "return", reason: " " });
    expect(noReason.status).toBe(409);
    expect(noReason.html).toContain("请写明原因");
    expect(await statusOf(app, GENERAL)).toBe("submitted");

    const returned = await worker.post(`/tickets/${GENERAL}/review`, {
      action: "return",
      reason: "墙角仍有纸箱",
    });
    expect(returned.status).toBe(303);
    expect(returned.res.headers.get("location")).toBe(`/tickets/${GENERAL}?reviewed=return`);
    expect((await worker.get(`/tickets/${GENERAL}?reviewed=return`)).html).toContain("已退回整改");
    expect(await statusOf(app, GENERAL)).toBe("returned");
    const toHead = await app.chat(P.head).pull();
    expect(toHead.map((m) => m.text).join("\n")).toContain("墙角仍有纸箱");
    const event = await app.db.ticketEvent.findFirstOrThrow({ where: { kind: "returned" } });
    expect(event.channel).toBe("web");
    expect(event.note).toBe("墙角仍有纸箱");
    const audit = await app.db.auditLog.findFirst({ where: { action: "ticket.returned" } });
    const workerId = (await app.db.person.findUniqueOrThrow({ where: { phone: P.gridWorker } })).id;
    expect(audit?.actorId).toBe(workerId);

    await submitGeneral(app);
    const passed = await worker.post(`/tickets/${GENERAL}/review`, { action: "pass" });
    expect(passed.status).toBe(303);
    expect(await statusOf(app, GENERAL)).toBe("closed");
    expect((await app.chat(P.head).pull()).map((m) => m.text).join("\n")).toContain("复查通过");
    // Closed: no review form any more, and a second pass is refused with the chat's sentence.
    expect((await worker.get(`/tickets/${GENERAL}`)).html).not.toContain('id="review"');
    const again = await worker.post(`/tickets/${GENERAL}/review`, { action: "pass" });
    expect(again.status).toBe(409);
    expect(again.html).toContain("不能进行此操作");
  });

  it("refuses a grid worker of another grid, a post without the CSRF token, and the head himself", async () => {
    const web = consoleOf(app);
    const other = await signedIn(web, app, OTHER_GRID_WORKER);
    const refused = await other.post(`/tickets/${GENERAL}/review`, { action: "pass" });
    expect(refused.status).toBe(404);
    const worker = await signedIn(web, app, P.gridWorker);
    const forged = await worker.post(`/tickets/${GENERAL}/review`, { action: "pass" }, { csrf: false });
    expect(forged.status).toBe(403);
    const head = await signedIn(web, app, P.head);
    expect((await head.get(`/tickets/${GENERAL}`)).html).not.toContain('id="review"');
    const own = await head.post(`/tickets/${GENERAL}/review`, { action: "pass" });
    expect(own.status).toBe(409);
    expect(await statusOf(app, GENERAL)).toBe("submitted");
    expect(await app.db.auditLog.count({ where: { action: "ticket.passed" } })).toBe(0);
  });

  it("leaves a major hazard's 销号 to a leader of its area: the grid worker is refused, the leader passes it", async () => {
    await submitMajor(app);
    const web = consoleOf(app);
    const worker = await signedIn(web, app, P.gridWorker);
    const refused = await worker.post(`/tickets/${MAJOR}/review`, { action: "pass" });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain("须由区域领导或安委办管理员复查销号");
    expect(await statusOf(app, MAJOR)).toBe("submitted");
    const leader = await signedIn(web, app, P.leader);
    const passed = await leader.post(`/tickets/${MAJOR}/review`, { action: "pass" });
    expect(passed.status).toBe(303);
    expect(await statusOf(app, MAJOR)).toBe("closed");
  });
});
