// Whether dist/ was built from the sources as they are now. Shared by scripts/build.js (which
// records the fingerprint) and bin/xunjian.js (which runs dist/ only when it still matches), so an
// edited, added or deleted file under src/ falls back to running the TypeScript through tsx.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SRC = path.join(ROOT, "src");
export const DIST = path.join(ROOT, "dist");
export const BUILD_INFO = path.join(DIST, "build-info.json");

/**
 * Count, summed sizes and summed modification times of every file under src/ (code and the assets
 * copied beside it): any edit changes the time, a checkout too. Some 300 stat calls, a few
 * milliseconds.
 */
export function sourceFingerprint() {
  let files = 0;
  let bytes = 0;
  let mtimeMs = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const st = fs.statSync(full);
        files++;
        bytes += st.size;
        mtimeMs += Math.trunc(st.mtimeMs);
      }
    }
  };
  walk(SRC);
  return `${files}:${bytes}:${mtimeMs}`;
}

/** True when dist/ exists and was built from the sources as they are now. */
export function distIsFresh() {
  try {
    const info = JSON.parse(fs.readFileSync(BUILD_INFO, "utf8"));
    return info.fingerprint === sourceFingerprint();
  } catch {
    return false;
  }
}
