import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { describe } from "vitest";
import { ROOT } from "../../support/test-app.ts";

/** Debian's Chromium (`apt-get install -y chromium`), or the one CHROMIUM_PATH names. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Screenshots and downloads of the browser tests (git-ignored); CI keeps them as artifacts. */
export const ARTIFACTS = path.join(ROOT, "test-artifacts", "web");

/** Written when the browser tests ran to the end; `.ci/run` fails without it. */
export const RAN_MARKER = path.join(ARTIFACTS, "browser-tests-ran");

/** Starts headless Chromium the way CI can: no sandbox (root in a container), no GPU, nothing fetched. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * A suite that drives a real browser. Without Chromium it is skipped with one line that says how to
 * run it, except on CI (CI=true), where a missing browser fails the run.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (fs.existsSync(CHROMIUM_PATH)) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    describe(name, suite);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: CI installs it with apt-get install -y chromium`,
      );
    });
    return;
  }
  process.stderr.write(
    `Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).\n`,
  );
  describe.skip(name, suite);
}
