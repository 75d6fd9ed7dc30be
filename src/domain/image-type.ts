/** Image formats accepted as evidence, told apart by their first bytes, never by file name. */
export const ImageMimes = ["image/jpeg", "image/png", "image/webp", "image/heic"] as const;
export type ImageMime = (typeof ImageMimes)[number];

const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** The image type of some bytes, or null when they are not a JPEG, PNG, WebP or HEIC image. */
export function detectImageType(b: Uint8Array): ImageMime | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 8 && ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "image/png";
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (b.length >= 12 && ascii(4, 8) === "ftyp" && HEIC_BRANDS.has(ascii(8, 12))) return "image/heic";
  return null;
}

export type PhotoProblem = "type" | "size" | "empty" | "fetch";

/** Checks a received file; the problem names what is wrong so the bot can say it. */
export function checkPhoto(
  bytes: Uint8Array,
  maxBytes: number,
): { ok: true; mime: ImageMime } | { ok: false; problem: PhotoProblem } {
  if (bytes.length === 0) return { ok: false, problem: "empty" };
  if (bytes.length > maxBytes) return { ok: false, problem: "size" };
  const mime = detectImageType(bytes);
  return mime ? { ok: true, mime } : { ok: false, problem: "type" };
}
