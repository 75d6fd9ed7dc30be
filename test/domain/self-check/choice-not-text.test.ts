import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { type Checklist, ChecklistSchema, questionIndex } from "../../../src/domain/checklist/checklist.ts";
import { parseAnswer } from "../../../src/domain/checklist/parse-answer.ts";
import { Texts, TextsFileSchema } from "../../../src/domain/texts.ts";

const readYaml = (relative: string): unknown =>
  YAML.parse(fs.readFileSync(new URL(relative, import.meta.url), "utf8"));
const texts = new Texts(TextsFileSchema.parse(readYaml("../../../prompts/messages.yaml")));
const checklist = ChecklistSchema.parse(readYaml("../../fixtures/kinds-checklist.yaml")) as Checklist;
const question = (id: string) => {
  const q = questionIndex(checklist).get(id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
};

describe("a pressed button is never taken as typed text (issue 9, item 2)", () => {
  it("refuses a choice id at a text or number question, where a button of another question says nothing", () => {
    // The id of another question's option, as a stale or forged press would carry it.
    expect(parseAnswer(question("k_note"), { choiceId: "stop_without_plan" }, texts).ok).toBe(false);
    expect(parseAnswer(question("k_exits_note"), { choiceId: "open" }, texts).ok).toBe(false);
    expect(parseAnswer(question("k_staff"), { choiceId: "3" }, texts).ok).toBe(false);
  });

  it("still reads the same words typed, and buttons at choice questions", () => {
    expect(parseAnswer(question("k_note"), { text: "stop_without_plan" }, texts)).toEqual({
      ok: true,
      value: { kind: "text", value: "stop_without_plan" },
    });
    expect(parseAnswer(question("k_staff"), { text: "3" }, texts)).toEqual({
      ok: true,
      value: { kind: "number", value: 3 },
    });
    expect(parseAnswer(question("k_storage"), { choiceId: "open" }, texts)).toEqual({
      ok: true,
      value: { kind: "choice", id: "open" },
    });
  });
});
