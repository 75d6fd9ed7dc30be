import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildLedgerRows } from "../../../src/app/report/build-ledger-rows.ts";
import { contentDir, createTestApp, ROOT, type TestApp, texts } from "../../support/test-app.ts";
import { P, photo } from "../tickets/ticket-fixtures.ts";

/** A copy of the shipped content, so the test may edit its catalogue. */
function shippedContent() {
  const read = (dir: string) =>
    Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
  return contentDir({
    checklists: read(path.join(ROOT, "prompts", "checklists")),
    rules: read(path.join(ROOT, "rules")),
  });
}

/** A grid worker reports a blocked exit; the report rules cite 《消防法》第二十八条. */
async function reportBlockedExit(app: TestApp, enterprise: string): Promise<string> {
  const worker = app.chat(P.gridWorker);
  await worker.say(photo("exit-blocked.png"));
  await worker.say("仓库消防通道堆放纸箱，安全出口被堵");
  await worker.say(enterprise);
  await worker.say("跳过");
  return texts(await worker.say("提交"));
}

describe("a ticket keeps the citation it was opened with", () => {
  let app: TestApp | undefined;
  afterEach(async () => app?.close());

  it("after the catalogue changes how an instrument is cited, the ledger still shows the old citation", async () => {
    const dir = shippedContent();
    app = await createTestApp(dir);
    expect(await reportBlockedExit(app, "华宁")).toContain("已上报并登记隐患 YH-2026-000001");

    // The office records the fire law's 主席令 number in its citations from now on.
    const catalogue = path.join(dir.promptsDir, "basis", "instruments.yaml");
    const text = fs.readFileSync(catalogue, "utf8");
    fs.writeFileSync(catalogue, text.replace("    law: 《{title}》\n", "    law: 《{title}》（{number}）\n"));
    app = await app.reopen();
    expect(await reportBlockedExit(app, "东泰")).toContain("已上报并登记隐患 YH-2026-000002");

    const rows = await buildLedgerRows(app.deps);
    expect(rows.map((r) => [r.number, r.basis])).toEqual([
      ["YH-2026-000001", "《中华人民共和国消防法》第二十八条"],
      ["YH-2026-000002", "《中华人民共和国消防法》（主席令第八十一号）第二十八条"],
    ]);
  });
});
