import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadInspectionContent } from "../../../src/content/inspection-content.ts";
import { validateAllContent } from "../../../src/content/validate-all-content.ts";
import { MeasureKinds } from "../../../src/domain/inspection/inspection.ts";

const prompts = fileURLToPath(new URL("../../../prompts", import.meta.url));
const rules = fileURLToPath(new URL("../../../rules", import.meta.url));

/** A prompts directory holding only inspections.yaml with this text. */
function withFile(text: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-insp-content-")), "prompts");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "inspections.yaml"), text);
  return dir;
}

describe("prompts/inspections.yaml", () => {
  it("ships the seven kinds, four documents with their series and a label for every measure", () => {
    const content = loadInspectionContent(prompts);
    expect(content.kinds.map((k) => k.label)).toEqual([
      "日常检查",
      "专项检查",
      "节假日大检查",
      "督导检查",
      "暗查暗访",
      "专家检查",
      "执法检查",
    ]);
    expect(content.kinds.find((k) => k.id === "holiday")?.linksCampaign).toBe(true);
    expect(content.kinds.find((k) => k.id === "supervision")?.startedBy).toEqual(["leader", "admin"]);
    expect(content.documents.map((d) => [d.label, d.prefix])).toContainEqual(["责令限期整改指令书", "ZL"]);
    expect(Object.keys(content.measures).sort()).toEqual([...MeasureKinds].sort());
  });

  it("is part of the product content that `xunjian check` validates", () => {
    const check = validateAllContent(prompts, rules);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.content.inspections.kinds).toHaveLength(7);
  });

  it("names the file and the path of each problem", () => {
    const dir = withFile(
      [
        "kinds:",
        "  - { id: daily, label: 日常检查 }",
        "  - { id: daily, label: 又一个 }",
        "documents:",
        "  - { id: order, label: 指令书, prefix: zl }",
        "measures: { case_filed: 立案, fine: 罚款, suspension: 停产, sealing: 查封, referral: 移交 }",
      ].join("\n"),
    );
    const problems = (d: string) => {
      try {
        loadInspectionContent(d);
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    };
    const message = problems(dir);
    expect(message).toContain("prompts/inspections.yaml: kinds[1]: duplicate kind id daily");
    expect(message).toContain("prompts/inspections.yaml: documents[0].prefix: must be 1-4 capital letters");
    expect(message).toContain("prompts/inspections.yaml: measures.interview:");
    // An enterprise head does not inspect: a kind cannot be started by one.
    const head = withFile(
      fs
        .readFileSync(path.join(prompts, "inspections.yaml"), "utf8")
        .replace("startedBy: [leader, admin]", "startedBy: [enterprise_head]"),
    );
    expect(problems(head)).toContain("prompts/inspections.yaml: kinds[3].startedBy[0]:");
  });
});
