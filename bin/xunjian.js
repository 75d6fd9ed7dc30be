#!/usr/bin/env node
// The `xunjian` command. It runs dist/, the JavaScript `npm install` builds from src/ (postinstall,
// scripts/build.js), while dist/ still matches the sources; otherwise, on a clone being edited or
// with XUNJIAN_FROM_SOURCE=1, it runs the TypeScript sources through tsx. Both are the same code:
// dist/ only starts faster and in less memory (no compiler loaded; see bench/startup-bench.ts).
import { pathToFileURL } from "node:url";
import { DIST, distIsFresh } from "./source-fingerprint.js";

if (process.env.XUNJIAN_FROM_SOURCE !== "1" && distIsFresh()) {
  await import(pathToFileURL(`${DIST}/cli/main.js`).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
