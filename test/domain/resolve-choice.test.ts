import { describe, expect, it } from "vitest";
import { resolveChoice, type ShownPrompt } from "../../src/domain/resolve-choice.ts";

const shown: ShownPrompt = {
  promptId: "0a1b2c3d",
  personId: "head",
  choices: [
    { id: "submit", label: "提交" },
    { id: "back", label: "上一题" },
  ],
  expects: "choice",
};

describe("reading a message against what its chat was shown", () => {
  it("takes a press of the current prompt's button as its choice", () => {
    expect(
      resolveChoice({ choiceId: "submit", promptId: "0a1b2c3d", senderPersonId: "head" }, shown),
    ).toEqual({ kind: "choice", choiceId: "submit" });
  });

  it("refuses a press of an older prompt's button, and of an answered one", () => {
    expect(resolveChoice({ choiceId: "yes", promptId: "99999999", senderPersonId: "head" }, shown)).toEqual({
      kind: "stale",
    });
    const answered = { ...shown, promptId: null };
    expect(resolveChoice({ choiceId: "submit", promptId: "0a1b2c3d" }, answered)).toEqual({ kind: "stale" });
  });

  it("in a group refuses a press by someone the prompt does not ask", () => {
    expect(
      resolveChoice({ choiceId: "submit", promptId: "0a1b2c3d", senderPersonId: "other" }, shown),
    ).toEqual({
      kind: "not_yours",
    });
    expect(resolveChoice({ choiceId: "submit", promptId: "0a1b2c3d", senderPersonId: null }, shown)).toEqual({
      kind: "not_yours",
    });
  });

  it("takes a card's button (no prompt) whenever it is pressed", () => {
    expect(resolveChoice({ choiceId: "ack:card-1", senderPersonId: "other" }, shown)).toEqual({
      kind: "choice",
      choiceId: "ack:card-1",
    });
    expect(resolveChoice({ choiceId: "ack:card-1" }, null)).toEqual({
      kind: "choice",
      choiceId: "ack:card-1",
    });
  });

  it("takes a typed number (full-width too) or exact label as that option, and anything else as text", () => {
    const typed = (text: string) => resolveChoice({ text, senderPersonId: "head" }, shown);
    expect(typed("1")).toEqual({ kind: "choice", choiceId: "submit" });
    expect(typed(" ２ ")).toEqual({ kind: "choice", choiceId: "back" });
    expect(typed("上一题")).toEqual({ kind: "choice", choiceId: "back" });
    expect(typed("3")).toEqual({ kind: "text" });
    expect(typed("1,2")).toEqual({ kind: "text" });
    expect(typed("提交吧")).toEqual({ kind: "text" });
  });

  it("leaves text as typed when nothing with options was shown, or the options are someone else's", () => {
    expect(resolveChoice({ text: "1" }, null)).toEqual({ kind: "text" });
    expect(resolveChoice({ text: "1" }, { ...shown, choices: [] })).toEqual({ kind: "text" });
    expect(resolveChoice({ text: "1", senderPersonId: "other" }, shown)).toEqual({ kind: "text" });
    expect(resolveChoice({}, shown)).toEqual({ kind: "text" });
  });

  it("reads a press by position through its label", () => {
    expect(resolveChoice({ text: "上一题", promptId: "0a1b2c3d", senderPersonId: "head" }, shown)).toEqual({
      kind: "choice",
      choiceId: "back",
    });
  });
});
