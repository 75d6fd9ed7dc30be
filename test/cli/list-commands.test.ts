import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listEnterprises, listPeople, listTickets } from "../../src/cli/commands/list-commands.ts";
import { onPostgres } from "../support/pg.ts";
import { createTestApp, DEMO, ROOT, type TestApp } from "../support/test-app.ts";

const HEAD_CODE = "91320505MA00000018";
const GAS_CODE = "91320505MA0000021A";

/** Two tickets of two enterprises, written as the ledger stores them. */
async function seedTickets(app: TestApp) {
  const db = app.db;
  const chemicals = await db.enterprise.findUniqueOrThrow({ where: { creditCode: HEAD_CODE } });
  const gas = await db.enterprise.findUniqueOrThrow({ where: { creditCode: GAS_CODE } });
  const base = {
    source: "self_check",
    category: "消防",
    foundAt: app.clock.now(),
    createdAt: app.clock.now(),
  };
  await db.ticket.create({
    data: {
      ...base,
      number: "YH-2026-000002",
      enterpriseId: gas.id,
      hazardKey: "gas.leak",
      title: "燃气泄漏报警器失效",
      grade: "major",
      status: "rectifying",
      ruleId: "gas-detector",
      deadline: new Date("2026-10-24T15:59:00Z"),
    },
  });
  await db.ticket.create({
    data: {
      ...base,
      number: "YH-2026-000001",
      enterpriseId: chemicals.id,
      hazardKey: "hc.exit",
      title: "安全出口堵塞",
      grade: "general",
      status: "open",
      deadline: new Date("2026-09-27T15:59:00Z"),
    },
  });
}

describe("listing what is in the database", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => app.close());

  it("lists enterprises with area and grid by name", async () => {
    const rows = await app.deps.uow.read(listEnterprises);
    expect(rows).toHaveLength(30);
    expect(rows.find((e) => e.creditCode === HEAD_CODE)).toEqual({
      id: expect.any(String),
      creditCode: HEAD_CODE,
      name: "华宁精细化工有限公司",
      industry: "hazardous_chemicals",
      supervisionClass: "A",
      area: "化工园区",
      grid: "化工园区网格",
      address: "化工园路8号",
    });
  });

  it("lists people with their enterprise, grids, areas and bound accounts", async () => {
    const rows = await app.deps.uow.read(listPeople);
    expect(rows.find((p) => p.phone === DEMO.chemicalsHead)).toEqual({
      id: expect.any(String),
      name: "王建国",
      phone: DEMO.chemicalsHead,
      role: "enterprise_head",
      enterprise: "华宁精细化工有限公司",
      enterpriseCreditCode: HEAD_CODE,
      grids: [],
      areas: [],
      bound: [`console:${DEMO.chemicalsHead}`],
    });
    expect(rows.find((p) => p.phone === "13800000001")).toMatchObject({
      role: "grid_worker",
      enterprise: null,
      grids: ["滨江第一网格", "滨江第二网格"],
    });
    expect(rows.find((p) => p.phone === DEMO.leaderPark)).toMatchObject({
      role: "leader",
      areas: ["化工园区"],
    });
  });

  it("lists tickets by number, filtered by status or enterprise, and refuses unknown filters", async () => {
    await seedTickets(app);
    const all = await app.deps.uow.read((s) => listTickets(s));
    expect(all.map((t) => t.number)).toEqual(["YH-2026-000001", "YH-2026-000002"]);
    expect(all[1]).toEqual({
      id: expect.any(String),
      number: "YH-2026-000002",
      enterprise: "港华燃气城南分公司",
      grade: "major",
      status: "rectifying",
      title: "燃气泄漏报警器失效",
      category: "消防",
      deadline: "2026-10-24T15:59:00.000Z",
      source: "self_check",
      rule: "gas-detector",
      created: "2026-09-24T01:00:00.000Z",
    });
    expect((await app.deps.uow.read((s) => listTickets(s, { status: "open" }))).map((t) => t.number)).toEqual(
      ["YH-2026-000001"],
    );
    expect(
      (await app.deps.uow.read((s) => listTickets(s, { enterprise: GAS_CODE.toLowerCase() }))).map(
        (t) => t.number,
      ),
    ).toEqual(["YH-2026-000002"]);
    await expect(app.deps.uow.read((s) => listTickets(s, { status: "done" }))).rejects.toThrow(
      /invalid_status \{"option":"--status","value":"done"/,
    );
    await expect(
      app.deps.uow.read((s) => listTickets(s, { enterprise: "91320505MB00000010" })),
    ).rejects.toThrow(/enterprise_not_found \{"value":"91320505MB00000010"\}/);
  });
});

it("`xunjian tickets --json` prints the tickets of a seeded database from the real CLI", async () => {
  const app = await createTestApp();
  await seedTickets(app);
  // Closed first so the spawned process is the only one on the database file.
  await app.close();
  const { DATABASE_URL: _db, PROMPTS_DIR: _p, RULES_DIR: _r, ...env } = process.env;
  const run = spawnSync(process.execPath, ["bin/xunjian.js", "tickets", "--json", "--status", "rectifying"], {
    cwd: ROOT,
    env: {
      ...env,
      DATA_DIR: app.dataDir,
      // The test app's database: its SQLite file in DATA_DIR, or its PostgreSQL database.
      ...(onPostgres ? { DATABASE_URL: app.config.databaseUrl } : {}),
      LOG_LEVEL: "silent",
    },
    encoding: "utf8",
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual([
    expect.objectContaining({
      number: "YH-2026-000002",
      enterprise: "港华燃气城南分公司",
      rule: "gas-detector",
    }),
  ]);
});
