import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import type { WebEnv } from "./web-env.ts";

const require = createRequire(import.meta.url);
const own = (name: string) => fileURLToPath(new URL(`./static/${name}`, import.meta.url));
const JS = "text/javascript; charset=utf-8";

/**
 * Every file the browser loads, from this package: the chart library and htmx from node_modules
 * (no CDN: offices run on intranets), the console's own stylesheet and script beside this file.
 */
const ASSETS: Record<string, { path: () => string; type: string }> = {
  "echarts.min.js": { path: () => require.resolve("echarts/dist/echarts.min.js"), type: JS },
  "htmx.min.js": { path: () => require.resolve("htmx.org/dist/htmx.min.js"), type: JS },
  "console.js": { path: () => own("console.js"), type: JS },
  "console.css": { path: () => own("console.css"), type: "text/css; charset=utf-8" },
};

/** Serves `/static/<name>`, each file read once per app and revalidated by its ETag. */
export function serveStaticAssets(app: Hono<WebEnv>): void {
  const loaded = new Map<string, { bytes: Buffer; etag: string }>();
  // Browsers ask for it on every page; there is none.
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("/static/:name", (c) => {
    const name = c.req.param("name");
    const asset = ASSETS[name];
    if (!asset) return c.notFound();
    let file = loaded.get(name);
    if (!file) {
      const bytes = fs.readFileSync(asset.path());
      file = { bytes, etag: `"${createHash("sha1").update(bytes).digest("hex").slice(0, 16)}"` };
      loaded.set(name, file);
    }
    const headers = { "Cache-Control": "no-cache", ETag: file.etag };
    if (c.req.header("if-none-match") === file.etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(file.bytes), 200, { ...headers, "Content-Type": asset.type });
  });
}
