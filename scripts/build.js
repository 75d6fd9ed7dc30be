// `npm run build` (run by postinstall): compiles src/ to plain JavaScript in dist/, one file per
// source file, so the `xunjian` command starts without compiling TypeScript on every run.
// `node scripts/build.js --out <dir>` writes elsewhere and leaves dist/ alone (tests). The
// compiler is the esbuild that tsx runs on (no new dependency); it strips types exactly as tsx
// does, so dist/ behaves as the sources do. bin/xunjian.js runs dist/ only while it matches the
// sources (bin/source-fingerprint.js) and falls back to tsx otherwise.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DIST, ROOT, SRC, sourceFingerprint } from "../bin/source-fingerprint.js";

// esbuild as tsx resolves it, whatever the package manager hoisted.
const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx"))("esbuild");

const started = Date.now();
const fingerprint = sourceFingerprint();
const entryPoints = [];
/** Files under src/ that are not code (the web console's CSS and scripts): copied beside the code. */
const assets = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".d.ts")) continue;
    else if (/\.tsx?$/.test(entry.name)) entryPoints.push(full);
    else assets.push(full);
  }
};
walk(SRC);

// Every import stays an import (nothing is bundled): relative ones point at the compiled .js
// beside it, packages are left to Node. Each output file sits where its source sits, so paths
// built from import.meta.url (prompts/, rules/, prisma/migrations) resolve the same.
const keepImports = {
  name: "keep-imports",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const relative = args.path.startsWith(".");
      return { path: relative ? args.path.replace(/\.tsx?$/, ".js") : args.path, external: true };
    });
  },
};

const outIndex = process.argv.indexOf("--out");
const target = outIndex > 0 ? path.resolve(process.argv[outIndex + 1] ?? "") : DIST;
const tmp = `${target}.tmp-${process.pid}`;
fs.rmSync(tmp, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: tmp,
  outbase: SRC,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // JSX and the other compiler options as tsx reads them.
  tsconfig: path.join(ROOT, "tsconfig.json"),
  absWorkingDir: ROOT,
  plugins: [keepImports],
  charset: "utf8",
  logLevel: "warning",
});
for (const file of assets) {
  const to = path.join(tmp, path.relative(SRC, file));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(file, to);
}
fs.writeFileSync(
  path.join(tmp, "build-info.json"),
  `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }, null, 2)}\n`,
);
// Swap in whole: a command started meanwhile sees the old dist/ or the new one, never half of one.
const old = `${target}.old-${process.pid}`;
if (fs.existsSync(target)) fs.renameSync(target, old);
fs.renameSync(tmp, target);
fs.rmSync(old, { recursive: true, force: true });
process.stdout.write(
  `Built ${entryPoints.length} files (and copied ${assets.length}) into ${path.relative(ROOT, target)}/ in ${Date.now() - started} ms.\n`,
);
