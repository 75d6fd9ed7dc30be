import { expect } from "vitest";
import { sendFailed } from "../../src/outbox/channel-sender.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { DEMO, type TestApp } from "./test-app.ts";

/**
 * Three messages to the chemicals head on a `fake` channel, as `xunjian outbox` and the console's
 * 消息投递 find them: `t:left` was being sent when its process was killed (so it ends unconfirmed),
 * the platform refuses `t:refused` for good (dead), and `t:fine` goes out. Returns the head's name.
 */
export async function leaveUndelivered(app: TestApp): Promise<string> {
  const head = await app.db.person.findUniqueOrThrow({ where: { phone: DEMO.chemicalsHead } });
  const put = (key: string, text: string) =>
    app.deps.uow.run((s) =>
      s.outbox.enqueue(
        [{ key, channel: "fake", recipient: "r1", personId: head.id, message: { text, expects: "none" } }],
        app.clock.now(),
      ),
    );
  await put("t:left", "国庆节前安全检查提醒：请于 9 月 30 日前完成自查");
  await put("t:refused", "整改通知");
  await put("t:fine", "已收到");
  await app.db.outboxMessage.update({
    where: { key: "t:left" },
    data: { status: "sending", claimedAt: app.clock.now(), attempts: 1 },
  });
  const dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
  dispatcher.register({
    id: "fake",
    send: async (_to, message) =>
      message.text === "整改通知" ? sendFailed("400 Bad Request: chat not found", false) : { ok: true },
  });
  // The refusal ends that drain's lane for r1; the next drain sends what followed it.
  expect(await dispatcher.drain()).toBe(0);
  expect(await dispatcher.drain()).toBe(1);
  return head.name;
}
