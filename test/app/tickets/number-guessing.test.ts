import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, kindsContent, type TestApp, texts } from "../../support/test-app.ts";
import { openTwoTickets, P } from "./ticket-fixtures.ts";

// YH-2026-000001 exists (华宁精细化工, grid g3); YH-2026-999999 does not.
const EXISTING = "YH-2026-000001";
const MISSING = "YH-2026-999999";

/** Every chat command that takes a ticket number. */
const COMMANDS = [
  "隐患 {n}",
  "查看 {n}",
  "整改 {n}",
  "通过 {n}",
  "复查通过 {n}",
  "退回 {n} 原因",
  "重新打开 {n} 原因",
];

describe("another enterprise's ticket number answers exactly like a number that does not exist", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kindsContent());
    await openTwoTickets(app);
  });
  afterAll(async () => app.close());

  const cases = (["otherHead", "otherGridWorker"] as const).flatMap((who) =>
    COMMANDS.map((command) => [who, command] as const),
  );

  it.each(cases)("%s: %s", async (who, command) => {
    const chat = app.chat(P[who]);
    const say = async (number: string) => texts(await chat.say(command.replace("{n}", number)));
    const missing = await say(MISSING);
    expect(missing).toContain(`没有找到隐患「${MISSING}」`);
    // A number typed in lower case is answered with what was typed, whether it exists or not.
    expect(await say(EXISTING)).toBe(missing.replaceAll(MISSING, EXISTING));
    expect(await say(EXISTING.toLowerCase())).toBe(missing.replaceAll(MISSING, EXISTING.toLowerCase()));
    // The guesser leaves no trace on the ticket and is left in no flow.
    expect(
      await app.db.ticketEvent.count({ where: { ticket: { number: EXISTING }, kind: { not: "opened" } } }),
    ).toBe(0);
  });

  it("the people whose scope holds the ticket still see it", async () => {
    expect(texts(await app.chat(P.gridWorker).say(`隐患 ${EXISTING}`))).toContain(EXISTING);
    expect(texts(await app.chat(P.head).say(`隐患 ${EXISTING.toLowerCase()}`))).not.toContain("没有找到");
  });
});
