import type { ImageMime } from "../domain/image-type.ts";

/** Why bytes that begin like an image are still not accepted as one. */
export type ImageProblem =
  | { problem: "decode" }
  | { problem: "pixels"; width: number; height: number; maxPixels: number };

export type ImageVerdict = { ok: true; width: number; height: number } | ({ ok: false } & ImageProblem);

type Sharp = typeof import("sharp").default;
let sharpModule: Promise<Sharp> | undefined;

/** sharp (libvips) is loaded at the first photo, so commands and idle processes do not pay for it. */
function loadSharp(): Promise<Sharp> {
  sharpModule ??= import("sharp").then((m) => m.default);
  return sharpModule;
}

// sharp's prebuilt libvips parses HEIC containers but carries no HEVC decoder (patents): for HEIC
// the header (dimensions) is all that can be checked, and this is the error its decode then gives.
const NO_DECODER = /compression format has not been built in|no decoding plugin|unsupported codec/i;

/**
 * Checks that bytes whose first bytes name an image really are one: the header's dimensions are
 * read first and a decompression bomb (a small file that expands to gigabytes) is refused by its
 * width × height without being decoded; then the whole image is decoded, so a file that only
 * starts like a JPEG is refused.
 */
export async function verifyImage(bytes: Buffer, mime: ImageMime, maxPixels: number): Promise<ImageVerdict> {
  const sharp = await loadSharp();
  let width: number;
  let height: number;
  try {
    // The header only; no limit here, so the dimensions of a bomb can be read and named.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    width = meta.width ?? 0;
    height = meta.pageHeight ?? meta.height ?? 0;
  } catch {
    return { ok: false, problem: "decode" };
  }
  if (width <= 0 || height <= 0) return { ok: false, problem: "decode" };
  if (width * height > maxPixels) return { ok: false, problem: "pixels", width, height, maxPixels };
  try {
    // A full decode, streamed through libvips in tiles (stats keeps no copy of the pixels).
    await sharp(bytes, { limitInputPixels: maxPixels, failOn: "error", sequentialRead: true }).stats();
  } catch (err) {
    const undecodable = mime === "image/heic" && err instanceof Error && NO_DECODER.test(err.message);
    if (!undecodable) return { ok: false, problem: "decode" };
  }
  return { ok: true, width, height };
}
