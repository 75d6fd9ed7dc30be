import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, DEMO, FIXTURES, kindsContent, type TestApp } from "../../support/test-app.ts";

/** Writes bytes to a temporary file under the given name, as a person would attach it. */
function file(name: string, bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-photo-"));
  fs.writeFileSync(path.join(dir, name), bytes);
  return path.join(dir, name);
}

const storedFiles = (app: TestApp) => {
  const dir = path.join(app.dataDir, "files");
  return fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true }).filter((f) => /[0-9a-f]{16}/.test(String(f)))
    : [];
};

describe("a photo is accepted as evidence only once it decodes", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  /** A head at the self-check question that asks for a photo of the blocked exit. */
  async function atPhotoQuestion(env: Record<string, string> = {}) {
    app = await createTestApp({ ...kindsContent(), env });
    const head = app.chat(DEMO.chemicalsHead);
    await head.say("自查");
    expect((await head.say("否"))[0]?.expects).toBe("photo");
    return head;
  }

  it("refuses a file that begins with JPEG bytes but is not a photo, stores nothing, and keeps the question", async () => {
    const head = await atPhotoQuestion();
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("x".repeat(4000))]);
    const refused = await head.say({ photoPaths: [file("现场.jpg", garbage)] });
    expect(refused.map((m) => m.text)).toEqual([
      "文件「现场.jpg」未能接收：文件已损坏或不是完整的图片，无法打开，请重新拍摄或发送原图",
    ]);
    expect(await app.db.attachment.count()).toBe(0);
    expect(storedFiles(app)).toEqual([]);
    // The question still waits for a real photo, which is taken.
    expect((await head.say({ photoPaths: [path.join(FIXTURES, "exit-blocked.png")] }))[0]?.text).toContain(
      "已收到 1 张照片",
    );
    expect(storedFiles(app)).toHaveLength(1);
  });

  it("refuses a photo larger than MAX_PHOTO_PIXELS by its dimensions, naming them", async () => {
    const head = await atPhotoQuestion({ MAX_PHOTO_PIXELS: "1000000" });
    const large = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#808080" } })
      .png()
      .toBuffer();
    const refused = await head.say({ photoPaths: [file("big.png", large)] });
    expect(refused.map((m) => m.text)).toEqual([
      "文件「big.png」未能接收：图片尺寸过大（2000×1500 像素），单张上限为 100 万像素，请压缩后重新发送",
    ]);
    expect(await app.db.attachment.count()).toBe(0);
    expect(storedFiles(app)).toEqual([]);
  });
});
