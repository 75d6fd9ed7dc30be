import fs from "node:fs";
import path from "node:path";
import { AppError } from "../domain/app-error.ts";

/** The lock of one running product process on a data directory. */
export type InstanceLock = { readonly file: string; release(): void };

const LOCK_FILE = "xunjian.pid";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claims the data directory for this process's life. Two products on one SQLite file would both
 * poll Telegram (fighting with 409s), both deliver updates and double the platform rate budget,
 * so a second one is refused. A lock left by a process that died is taken over.
 */
export function acquireInstanceLock(dataDir: string, pid = process.pid): InstanceLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${pid}\n`, { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(pid)) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return { file, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    if (Number.isInteger(holder) && holder !== pid && isAlive(holder))
      throw new AppError(
        "conflict",
        `Another xunjian (pid ${holder}) is already running on ${path.resolve(dataDir)}. ` +
          "One data directory has one running process: stop it first, or use another DATA_DIR.",
      );
    // The holder died without releasing (kill -9, power loss): take the lock over.
    fs.rmSync(file, { force: true });
  }
  throw new AppError("conflict", `Could not take the lock ${file}`);
}
