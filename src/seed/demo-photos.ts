/**
 * The demo history's site photos: small pictures drawn here and encoded as PNG with node:zlib, so
 * they are ours (no licence to track), real decodable images, and the same bytes on every machine
 * (the file store names them by their hash). "Before" pictures show a hazard (boxes blocking an
 * exit, a tangle of cables, an empty extinguisher stand); "after" ones the same spot put right.
 */
import { deflateSync } from "node:zlib";

type Rgb = readonly [number, number, number];

const W = 320;
const H = 240;

/** A picture being drawn: RGB pixels, rows top to bottom. */
class Canvas {
  readonly px = Buffer.alloc(W * H * 3);

  rect(x: number, y: number, w: number, h: number, c: Rgb): this {
    for (let j = Math.max(0, y); j < Math.min(H, y + h); j++)
      for (let i = Math.max(0, x); i < Math.min(W, x + w); i++) this.px.set(c, (j * W + i) * 3);
    return this;
  }

  /** A line `t` pixels thick, from (x0, y0) to (x1, y1). */
  line(x0: number, y0: number, x1: number, y1: number, t: number, c: Rgb): this {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let k = 0; k <= steps; k++) {
      const x = Math.round(x0 + ((x1 - x0) * k) / steps);
      const y = Math.round(y0 + ((y1 - y0) * k) / steps);
      this.rect(x - (t >> 1), y - (t >> 1), t, t, c);
    }
    return this;
  }

  /** A corridor seen from its end: walls, floor, and a door with a green exit sign above it. */
  corridor(): this {
    this.rect(0, 0, W, H, [214, 211, 200]);
    this.rect(0, 170, W, 70, [150, 146, 136]);
    this.rect(120, 60, 80, 110, [120, 84, 52]);
    this.rect(126, 66, 68, 104, [140, 100, 64]);
    this.rect(134, 30, 52, 20, [20, 150, 70]);
    this.rect(140, 36, 14, 8, [240, 250, 240]);
    return this;
  }

  png(): Buffer {
    const raw = Buffer.alloc((W * 3 + 1) * H);
    for (let y = 0; y < H; y++) this.px.copy(raw, y * (W * 3 + 1) + 1, y * W * 3, (y + 1) * W * 3);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(W, 0);
    header.writeUInt32BE(H, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const BOX: Rgb = [176, 130, 80];
const BOX_EDGE: Rgb = [120, 86, 50];
const RED: Rgb = [200, 30, 30];

/** Cardboard boxes stacked in front of the exit. */
function blockedExit(): Buffer {
  const c = new Canvas().corridor();
  for (const [x, y, w, h] of [
    [96, 130, 60, 50],
    [150, 120, 70, 60],
    [120, 84, 56, 46],
    [200, 140, 50, 40],
  ] as const)
    c.rect(x, y, w, h, BOX_EDGE)
      .rect(x + 3, y + 3, w - 6, h - 6, BOX)
      .line(x + 3, y + h / 2, x + w - 3, y + h / 2, 2, BOX_EDGE);
  return c.png();
}

/** A tangle of extension cables on the floor by the wall. */
function tangledCables(): Buffer {
  const c = new Canvas().corridor();
  c.rect(20, 120, 40, 30, [240, 240, 236])
    .rect(28, 128, 8, 10, [40, 40, 40])
    .rect(44, 128, 8, 10, [40, 40, 40]);
  const black: Rgb = [30, 30, 30];
  c.line(40, 150, 90, 200, 4, black).line(90, 200, 150, 180, 4, black).line(150, 180, 110, 215, 4, black);
  c.line(110, 215, 230, 205, 4, black)
    .line(230, 205, 190, 185, 4, [60, 60, 200])
    .line(190, 185, 300, 220, 4, [60, 60, 200]);
  c.rect(180, 198, 46, 16, [240, 240, 236]).rect(188, 202, 30, 6, RED);
  return c.png();
}

/** An extinguisher stand with its extinguisher missing, a red sign above it. */
function emptyExtinguisherStand(): Buffer {
  const c = new Canvas().corridor();
  c.rect(232, 80, 40, 24, RED).rect(238, 86, 28, 12, [250, 230, 230]);
  c.rect(236, 150, 32, 6, [90, 90, 90])
    .rect(236, 150, 4, 30, [90, 90, 90])
    .rect(264, 150, 4, 30, [90, 90, 90]);
  return c.png();
}

/** The exit clear, the extinguisher back on its stand. */
function siteInOrder(): Buffer {
  const c = new Canvas().corridor();
  c.rect(232, 80, 40, 24, RED).rect(238, 86, 28, 12, [250, 230, 230]);
  c.rect(242, 112, 20, 44, RED).rect(246, 104, 12, 10, [40, 40, 40]).rect(236, 150, 32, 6, [90, 90, 90]);
  c.line(60, 210, 260, 210, 3, [240, 200, 40]);
  return c.png();
}

/** The site swept, with a tick drawn on the wall: a rectification photo. */
function siteSwept(): Buffer {
  const c = new Canvas().corridor();
  c.rect(30, 70, 50, 50, [250, 250, 250])
    .line(40, 96, 52, 108, 5, [20, 150, 70])
    .line(52, 108, 72, 80, 5, [20, 150, 70]);
  c.line(60, 210, 260, 210, 3, [240, 200, 40]);
  return c.png();
}

/** What a demo photo shows: a hazard as found, or the spot once fixed. */
export type DemoPhotoKind = "before" | "after";

let drawn: Record<DemoPhotoKind, Buffer[]> | undefined;

/** The demo photos of a kind (drawn once per process). */
export function demoPhotos(kind: DemoPhotoKind): readonly Buffer[] {
  drawn ??= {
    before: [blockedExit(), tangledCables(), emptyExtinguisherStand()],
    after: [siteInOrder(), siteSwept()],
  };
  return drawn[kind];
}
