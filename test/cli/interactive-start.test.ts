import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createInteractiveLogger } from "../../src/logger.ts";
import { ROOT } from "../support/test-app.ts";

/** util-linux `script` gives the command a pseudo-terminal, as a person's terminal would. */
const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Resolves once `predicate` holds for what the process printed so far. */
function until(output: () => string, predicate: (text: string) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (!predicate(output())) return;
      clearInterval(poll);
      resolve();
    }, 50);
  });
}

describe("logs while a person types in the terminal", () => {
  it.skipIf(!hasScript)(
    "`xunjian start` in a terminal keeps pino's JSON out of the chat, writes it to DATA_DIR/logs, and quits on Ctrl-C",
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-tty-"));
      const command = `${process.execPath} ${path.join(ROOT, "bin", "xunjian.js")} start`;
      const child = spawn("script", ["-qfec", command, "/dev/null"], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          SCHEDULER_ENABLED: "false",
          LOG_LEVEL: "info",
          HTTP_PORT: "0",
        },
      });
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      await until(
        () => out,
        (t) => t.includes("== Chatting as"),
      );
      child.stdin.write("帮助\r");
      await until(
        () => out,
        (t) => t.includes("您可以发送"),
      );
      // Ctrl-C quits, as the banner says (the terminal's input no longer keeps the process alive).
      child.stdin.write("\x03");
      await exited;

      const logFile = path.join(dataDir, "logs", "xunjian.log");
      expect(out).toContain(`Log: ${logFile}`);
      expect(out).not.toContain('{"level"');
      expect(fs.readFileSync(logFile, "utf8")).toContain('"msg":"database migrated"');
    },
    120_000,
  );

  it("sends every line to the file and only warnings, as one short line, to the terminal", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-log-")), "logs", "x.log");
    const shown: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => {
      shown.push(text);
      return true;
    }) as typeof process.stderr.write;
    try {
      const log = createInteractiveLogger("info", file);
      log.info({ applied: [] }, "database migrated");
      log.warn({ err: new Error("database is locked") }, "sweep failed");
    } finally {
      process.stderr.write = write;
    }
    expect(shown).toEqual([`[warn] sweep failed: database is locked (details in ${file})\n`]);
    const lines = fs
      .readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toEqual(["database migrated", "sweep failed"]);
  });
});
