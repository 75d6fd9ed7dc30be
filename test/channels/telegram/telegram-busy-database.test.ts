import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningChannels, startChannels } from "../../../src/channels/start-channels.ts";
import { telegramChannel } from "../../../src/channels/telegram/telegram-definition.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { sqlitePath } from "../../../src/store/migrate.ts";
import { OutboxStore } from "../../../src/store/outbox-store.ts";
import { FakeTelegram, type FakeUser } from "../../support/fake-telegram.ts";
import { onPostgres } from "../../support/pg.ts";
import { createTestApp, kindsContent, ROOT, type TestApp } from "../../support/test-app.ts";

const withChannelTexts = <T extends { promptsDir: string }>(dirs: T): T => {
  fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
  return dirs;
};
const users: FakeUser[] = [7201, 7202, 7203].map((id) => ({ id, first_name: `u${id}` }));

/**
 * Polled updates whose handling fails: another process (an import, a `tick`, a backup) holds
 * SQLite's write lock (really held, so slow), or a fault. None may be confirmed and lost.
 */
// Another process holding SQLite's write lock; PostgreSQL has no such lock (units of work run in parallel).
describe.skipIf(onPostgres)("Telegram polling when handling an update fails", () => {
  let app: TestApp;
  let fake: FakeTelegram;
  let channels: RunningChannels | undefined;
  let holder: Database.Database;

  const start = async (inboundRetry?: { attempts: number; delaysMs: number[] }) => {
    channels = await startChannels(app.deps, new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log), {
      registry: [telegramChannel({ pollTimeoutSeconds: 1 })],
      ...(inboundRetry ? { inboundRetry } : {}),
    });
  };
  /** Takes the write lock on a second connection, as another process would, and gives it back after `ms`. */
  const holdLock = (ms: number) => {
    holder.exec("BEGIN IMMEDIATE");
    setTimeout(() => holder.exec("COMMIT"), ms);
  };

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    app = await createTestApp({
      ...withChannelTexts(kindsContent()),
      env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    });
    holder = new Database(sqlitePath(app.config.databaseUrl));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await channels?.stop();
    if (holder.inTransaction) holder.exec("COMMIT");
    holder.close();
    await app.close();
    await fake.close();
  });

  it("waits out another process's write lock and answers every update once, instead of confirming and losing them", async () => {
    await start();
    holdLock(6_500);
    for (const u of users) fake.sendText(u, "你好");
    for (const u of users) {
      await fake.until(`an answer to ${u.id}`, () => fake.sentTo(u.id).length > 0, 40_000);
      expect(fake.sentTo(u.id)[0]?.text).toContain("还没有绑定");
    }
    await channels?.settled();
    expect(await app.db.inboundMessage.count()).toBe(3);
    for (const u of users) expect(fake.sentTo(u.id)).toHaveLength(1);
  }, 60_000);

  it("tries an update whose handling failed again, and answers it once", async () => {
    await start({ attempts: 3, delaysMs: [50] });
    const [u] = users;
    if (!u) throw new Error("no user");
    vi.spyOn(OutboxStore.prototype, "enqueue").mockRejectedValueOnce(new Error("disk I/O error"));
    fake.sendText(u, "你好");
    await fake.until("the answer", () => fake.sentTo(u.id).length > 0, 20_000);
    expect(fake.sentTo(u.id)[0]?.text).toContain("还没有绑定");
    await channels?.settled();
    expect(await app.db.inboundMessage.count()).toBe(1);
    expect(fake.sentTo(u.id)).toHaveLength(1);
  });

  it("records an update that failed every attempt, answers 系统繁忙, confirms it and takes the next one", async () => {
    await start({ attempts: 2, delaysMs: [50] });
    const [u] = users;
    if (!u) throw new Error("no user");
    vi.spyOn(OutboxStore.prototype, "enqueue")
      .mockRejectedValueOnce(new Error("disk I/O error"))
      .mockRejectedValueOnce(new Error("disk I/O error"));
    fake.sendText(u, "你好");
    await fake.until("the busy answer", () => fake.sentTo(u.id).length > 0, 20_000);
    expect(fake.sentTo(u.id)[0]?.text).toBe("系统繁忙，请稍后重试。");
    fake.sendText(u, "你好");
    await fake.until("the next answer", () => fake.sentTo(u.id).length > 1, 20_000);
    expect(fake.sentTo(u.id)[1]?.text).toContain("还没有绑定");
    await channels?.settled();
    expect(await app.db.inboundMessage.count()).toBe(2);
    expect(fake.sentTo(u.id)).toHaveLength(2);
  });
});
