import { describe, expect, it } from "vitest";
import { checkPhoto, detectImageType } from "../../src/domain/image-type.ts";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("photos are told apart by their first bytes", () => {
  it("recognises JPEG, PNG, WebP and HEIC", () => {
    expect(detectImageType(bytes([0xff, 0xd8, 0xff, 0xe0], "rest"))).toBe("image/jpeg");
    expect(detectImageType(bytes("\x89PNG\r\n\x1a\n", "IHDR"))).toBe("image/png");
    expect(detectImageType(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "))).toBe("image/webp");
    expect(detectImageType(bytes([0, 0, 0, 24], "ftypheic", [0, 0, 0, 0]))).toBe("image/heic");
    expect(detectImageType(bytes([0, 0, 0, 24], "ftypmif1", [0, 0, 0, 0]))).toBe("image/heic");
  });

  it("refuses other files whatever their name, and says why", () => {
    expect(detectImageType(bytes("%PDF-1.7"))).toBeNull();
    expect(detectImageType(bytes([0, 0, 0, 24], "ftypmp42"))).toBeNull();
    expect(checkPhoto(bytes("GIF89a"), 1000)).toEqual({ ok: false, problem: "type" });
    expect(checkPhoto(new Uint8Array(), 1000)).toEqual({ ok: false, problem: "empty" });
    expect(checkPhoto(bytes([0xff, 0xd8, 0xff], "x".repeat(2000)), 1000)).toEqual({
      ok: false,
      problem: "size",
    });
    expect(checkPhoto(bytes([0xff, 0xd8, 0xff], "x"), 1000)).toEqual({ ok: true, mime: "image/jpeg" });
  });
});
