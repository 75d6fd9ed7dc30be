import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { isConflict } from "../../src/domain/app-error.ts";
import { sqlitePath } from "../../src/store/migrate.ts";
import { onPostgres } from "../support/pg.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const area = (id: string) => ({ id, name: id, kind: "park", parentId: null });

describe("unit of work", () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it("keeps a write made while another transaction is open when that transaction fails", async () => {
    app = await createTestApp({ seed: false });
    const { uow } = app.deps;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const failing = uow.run(async (s) => {
      await s.directory.addAreas([area("rolled-back")]);
      entered();
      // Give the outside write every chance to slip into this transaction.
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("the use case failed");
    });
    await inside;
    const outside = uow.read((s) => s.directory.addAreas([area("kept")]));
    await expect(failing).rejects.toThrow("the use case failed");
    await outside;
    const ids = (await app.db.area.findMany({ select: { id: true } })).map((a) => a.id);
    expect(ids).toEqual(["kept"]);
  });

  it("refuses a unit of work opened inside another instead of waiting on itself", async () => {
    app = await createTestApp({ seed: false });
    const { uow } = app.deps;
    await expect(uow.run(() => uow.read(async () => 1))).rejects.toThrow(/inside another/);
  });

  it("reports a write refused by a unique key as a conflict", async () => {
    app = await createTestApp({ seed: false });
    const { uow } = app.deps;
    await uow.run((s) => s.directory.addAreas([area("a1")]));
    const second = uow.run((s) => s.directory.addAreas([area("a1")]));
    await expect(second).rejects.toSatisfy(isConflict);
  });

  // SQLite's write lock; PostgreSQL has none that a unit of work waits for.
  it.skipIf(onPostgres)("waits out another process's write lock without freezing this one", async () => {
    app = await createTestApp({ seed: false });
    const other = new Database(sqlitePath(app.config.databaseUrl));
    other.exec("BEGIN IMMEDIATE");
    // Longer than the connection's busy timeout would have blocked synchronously.
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec("COMMIT");
        other.close();
        resolve();
      }, 1_500),
    );
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const write = app.deps.uow.run((s) => s.directory.addAreas([area("after-wait")]));
    await released;
    await write;
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(10);
    expect(await app.db.area.count({ where: { id: "after-wait" } })).toBe(1);
  });

  // On SQLite the ORM client shares the one connection, so even a write through it joins the unit
  // of work; on PostgreSQL only the stores' client is the transaction's (product code uses stores).
  it.skipIf(onPostgres)(
    "keeps an ORM write that needs its own transaction inside the unit of work, and rolls both back together",
    async () => {
      app = await createTestApp({ seed: false });
      const failing = app.deps.uow.run(async (s) => {
        // A nested create: the ORM wraps it in a transaction of its own (a savepoint here).
        await s.directory.addAreas([area("nested")]);
        await app.db.person.create({
          data: { name: "甲", phone: "100", role: "admin", areas: { create: [{ areaId: "nested" }] } },
        });
        throw new Error("the use case failed");
      });
      await expect(failing).rejects.toThrow("the use case failed");
      expect(await app.db.area.count()).toBe(0);
      expect(await app.db.person.count()).toBe(0);
    },
  );
});
