import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { verifyImage } from "../../src/app/verify-image.ts";
import { checkPhoto, detectImageType } from "../../src/domain/image-type.ts";
import { FIXTURES } from "../support/test-app.ts";

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

describe("a photo is decoded before it is accepted as evidence", () => {
  const LIMIT = 50_000_000;

  it("accepts the real fixtures with their dimensions", async () => {
    for (const name of ["exit-blocked.png", "duty-room.png", "after-fix.png"]) {
      const file = fs.readFileSync(path.join(FIXTURES, name));
      expect(await verifyImage(file, "image/png", LIMIT)).toMatchObject({ ok: true, width: 4, height: 4 });
    }
  });

  it("refuses a file that only begins with JPEG bytes, and a truncated PNG", async () => {
    const garbage = bytes([0xff, 0xd8, 0xff, 0xe0], "not really a photo ".repeat(100));
    expect(checkPhoto(garbage, 10_000)).toEqual({ ok: true, mime: "image/jpeg" });
    expect(await verifyImage(garbage, "image/jpeg", LIMIT)).toEqual({ ok: false, problem: "decode" });
    const png = fs.readFileSync(path.join(FIXTURES, "duty-room.png"));
    const truncated = png.subarray(0, Math.floor(png.length * 0.6));
    expect(await verifyImage(truncated, "image/png", LIMIT)).toEqual({ ok: false, problem: "decode" });
  });

  it("refuses a decompression bomb by the dimensions in its header", async () => {
    // 20000×20000 of one colour: 400 megapixels (1.2 GB decoded) in a file of a few hundred KB.
    const bomb = await sharp({
      create: { width: 20_000, height: 20_000, channels: 3, background: "#ffffff" },
      limitInputPixels: false,
    })
      .toColourspace("b-w")
      .png({ compressionLevel: 1 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    expect(detectImageType(bomb)).toBe("image/png");
    expect(await verifyImage(bomb, "image/png", LIMIT)).toEqual({
      ok: false,
      problem: "pixels",
      width: 20_000,
      height: 20_000,
      maxPixels: LIMIT,
    });
  }, 60_000);
});
