import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { InstrumentUsage } from "../../src/content/basis-usage.ts";
import { runCli } from "../support/run-cli.ts";
import { contentDir, FIXTURES } from "../support/test-app.ts";

/** The fixture content with its first rule citing GB 35181-2017. */
function citingOldFireStandard() {
  const rules = JSON.parse(fs.readFileSync(path.join(FIXTURES, "kinds-rules.json"), "utf8"));
  rules.rules[0].event.params.basis = [{ ref: "gb35181-2017", clause: "6.5" }];
  const dir = contentDir({
    checklists: { "kinds.yaml": fs.readFileSync(path.join(FIXTURES, "kinds-checklist.yaml"), "utf8") },
    rules: { "kinds.json": JSON.stringify(rules) },
  });
  return { PROMPTS_DIR: dir.promptsDir, RULES_DIR: dir.rulesDir };
}

describe("xunjian check --at", () => {
  it("passes the shipped content today and on a day of a future campaign", async () => {
    expect((await runCli(["check"])).code).toBe(0);
    const run = await runCli(["check", "--at", "2027-01-20"]);
    expect(run.out).toContain("citations hold on 2027-01-20");
    expect(run.code).toBe(0);
  });

  it("fails a rule citing GB 35181-2017, naming the file, the path and the successor", async () => {
    const run = await runCli(["check", "--at", "2026-12-01"], citingOldFireStandard());
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      "rules/kinds.json: rules[0].event.params.basis[0].ref: GB 35181-2017 was superseded by gb35181-2025 " +
        "(GB 35181-2025《重大火灾隐患判定规则》) on 2025-11-01",
    );
  });

  it("checks citations on the day given: the shipped content cites standards not yet in force in mid-2025", async () => {
    const run = await runCli(["check", "--at", "2025-06-01"]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("GB 35181-2025 is not in force until 2025-11-01 (checked at 2025-06-01)");
    expect((await runCli(["check", "--at", "2026-02-30"])).err).toContain(
      "--at 应为 YYYY-MM-DD 格式的日期，而不是「2026-02-30」 [invalid_date]",
    );
  });
});

describe("xunjian basis --json", () => {
  it("lists every instrument with its status and what cites it", async () => {
    const run = await runCli(["basis", "--json", "--at", "2026-01-15"]);
    expect(run.code).toBe(0);
    const { at, instruments } = JSON.parse(run.out) as { at: string; instruments: InstrumentUsage[] };
    expect(at).toBe("2026-01-15");
    const byId = new Map(instruments.map((i) => [i.id, i]));
    expect(byId.get("gb35181-2017")).toMatchObject({
      status: "superseded",
      supersededBy: { id: "gb35181-2025", on: "2025-11-01" },
      citedBy: [],
    });
    const fire = byId.get("gb35181-2025");
    expect(fire).toMatchObject({ citation: "GB 35181-2025《重大火灾隐患判定规则》", status: "in_force" });
    expect(fire?.citedBy).toContainEqual({
      kind: "rule",
      scope: "self_check",
      id: "cp-exit-capacity-major",
      clauses: [],
    });
    expect(fire?.citedBy).toContainEqual({
      kind: "question",
      checklist: "crowded-places-holiday",
      id: "cp_exit_capacity",
      clauses: [],
    });
    expect(byId.get("hazchem-law")?.status).toBe("not_yet_in_force");
    expect(byId.get("work-safety-law")?.citedBy).toContainEqual({
      kind: "policy",
      id: "gridReportFallback",
      clauses: ["第四十一条"],
    });
  });

  it("shows what still cites a superseded instrument, so an office sees what to move", async () => {
    const run = await runCli(["basis", "gb35181-2017", "--json"], citingOldFireStandard());
    expect(run.code).toBe(0);
    const { instruments } = JSON.parse(run.out) as { instruments: InstrumentUsage[] };
    expect(instruments.map((i) => [i.id, i.citedBy])).toEqual([
      ["gb35181-2017", [{ kind: "rule", scope: "self_check", id: "kinds-exit-blocked", clauses: ["6.5"] }]],
    ]);
    const text = await runCli(["basis"], citingOldFireStandard());
    expect(text.out).toContain("not citable on that day but still cited: gb35181-2017");
  });
});
