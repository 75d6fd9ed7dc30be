import { describe, expect, it } from "vitest";
import {
  CHOICE_PAYLOAD_BYTES,
  decodeChoice,
  encodeChoice,
  promptIdOf,
} from "../../src/domain/choice-payload.ts";

describe("what a button carries", () => {
  it("derives a short prompt id from the outbox key, the same every time", () => {
    const id = promptIdOf("reply:telegram:7001:42:1");
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(promptIdOf("reply:telegram:7001:42:1")).toBe(id);
    expect(promptIdOf("reply:telegram:7001:42:2")).not.toBe(id);
  });

  it("carries a prompt's choice with its prompt, and a card's choice without one", () => {
    expect(encodeChoice("0a1b2c3d", "yes")).toBe("p:0a1b2c3d:yes");
    expect(decodeChoice("p:0a1b2c3d:yes")).toEqual({ promptId: "0a1b2c3d", choiceId: "yes" });
    expect(encodeChoice(undefined, "ack:card-1")).toBe("k:ack:card-1");
    expect(decodeChoice("k:ack:card-1")).toEqual({ choiceId: "ack:card-1" });
    expect(decodeChoice("p:0a1b2c3d:ent:12")).toEqual({ promptId: "0a1b2c3d", choiceId: "ent:12" });
  });

  it("falls back to the button's position when the id would not fit 64 bytes", () => {
    const long = "x".repeat(80);
    const withPrompt = encodeChoice("0a1b2c3d", long, 3);
    expect(withPrompt).toBe("q:0a1b2c3d:3");
    expect(decodeChoice(withPrompt)).toEqual({ promptId: "0a1b2c3d", index: 3 });
    expect(decodeChoice(encodeChoice(undefined, long, 2))).toEqual({ index: 2 });
    const fits = "y".repeat(CHOICE_PAYLOAD_BYTES - 11);
    expect(Buffer.byteLength(encodeChoice("0a1b2c3d", fits))).toBe(CHOICE_PAYLOAD_BYTES);
  });

  it("reads buttons sent before prompts were recorded, and unknown data, as choices without a prompt", () => {
    expect(decodeChoice("c:yes")).toEqual({ choiceId: "yes" });
    expect(decodeChoice("n:1")).toEqual({ index: 1 });
    expect(decodeChoice("selfcheck")).toEqual({ choiceId: "selfcheck" });
    expect(decodeChoice("p:not-hex!:yes")).toEqual({ choiceId: "p:not-hex!:yes" });
  });
});
