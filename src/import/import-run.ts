/**
 * Writing a validated import without holding SQLite's write lock for seconds.
 *
 * One transaction for 20,000 rows held the write lock for the whole import (38 s): every chat
 * message of the running bot waited behind it and timed out. Instead the rows are written in short
 * batches, each its own transaction of at most `batchBudgetMs`, with a pause between batches in which
 * other writers (the bot, another process) get the lock.
 *
 * All or nothing still holds, by an undo journal rather than by one transaction: each batch records,
 * in the same transaction as its writes, how to undo every row it wrote (`ImportUndo`: delete a row
 * it created, restore the old values of a row it updated). When a later batch fails, the journal is
 * applied newest first, again in short batches, and the database is as it was before the import. A
 * process that dies half-way leaves its journal behind under its pid (`ImportRun`); the next import,
 * or `xunjian start`, sees that the pid is gone and undoes it. Between batches other people can see
 * the rows written so far: an import is not invisible while it runs, only never left half-done.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { AppDeps } from "../app/app-deps.ts";
import type { Params } from "../content/cli-texts.ts";
import { isConflict } from "../domain/app-error.ts";
import type { ImportUndoEntry } from "../store/import-journal-store.ts";
import { type ImportStep, undoStep } from "./apply-import.ts";
import type { ImportKind } from "./table.ts";

/** How an import is cut into transactions. */
export type BatchOptions = {
  /** Most rows in one transaction. */
  batchRows?: number;
  /** A transaction stops taking rows once it has run this long, so the lock is never held for long. */
  batchBudgetMs?: number;
  /** Pause after each transaction, in which writers that wait for the lock get it. */
  pauseMs?: number;
};

const DEFAULTS: Required<BatchOptions> = { batchRows: 1000, batchBudgetMs: 200, pauseMs: 20 };
/** Undo entries applied per transaction when taking an import back. */
const UNDO_BATCH = 500;

/** How a write ended: done, or failed with what the operator is told (a problem code of prompts/cli.yaml). */
export type WriteOutcome =
  | { ok: true }
  | { ok: false; code: "import_conflict" | "import_failed" | "import_undo_failed"; params: Params };

/** Runs of this process that are being written now: not abandoned, whatever the journal says. */
const active = new Set<string>();

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Writes the steps of a validated import in short transactions, recording how to undo each; on a
 * failure undoes what was written. `onProgress` is told (rows written, rows in all) after each batch.
 */
export async function writeImport(
  deps: AppDeps,
  kind: ImportKind,
  steps: readonly ImportStep[],
  options: BatchOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<WriteOutcome> {
  const { batchRows, batchBudgetMs, pauseMs } = { ...DEFAULTS, ...options };
  if (steps.length === 0) return { ok: true };
  const runId = `${kind}-${crypto.randomUUID()}`;
  active.add(runId);
  try {
    await deps.uow.run((s) =>
      s.importJournal.begin({
        id: runId,
        kind,
        pid: process.pid,
        host: os.hostname(),
        startedAt: deps.clock.now(),
      }),
    );
    let done = 0;
    try {
      while (done < steps.length) {
        done += await deps.uow.run(async (s) => {
          const started = performance.now();
          const undo: ImportUndoEntry[] = [];
          for (const step of steps.slice(done, done + batchRows)) {
            undo.push(await step(s));
            if (performance.now() - started >= batchBudgetMs) break;
          }
          // The last batch ends the journal in its own transaction: there is no moment at which
          // the import is complete but its journal would still undo it after a crash.
          if (done + undo.length === steps.length) await s.importJournal.finish(runId);
          else await s.importJournal.record(runId, undo);
          return undo.length;
        });
        options.onProgress?.(done, steps.length);
        if (done < steps.length) await pause(pauseMs);
      }
    } catch (e) {
      // The caller reports the failure to the person; the log keeps the cause.
      deps.log.info({ err: e, runId, written: done }, "import failed while writing; undoing it");
      const params = { reason: reasonOf(e) };
      try {
        await undoRun(deps, runId, pauseMs);
      } catch (undoError) {
        deps.log.error(
          { err: undoError, runId },
          "import could not be undone; the next import or start retries",
        );
        return { ok: false, code: "import_undo_failed", params: { ...params, undo: reasonOf(undoError) } };
      }
      // Validation ran on a snapshot; another writer in between (a second import) made a row clash
      // with a key or lose a row it refers to. Running again re-validates.
      return { ok: false, code: isConflict(e) ? "import_conflict" : "import_failed", params };
    }
    return { ok: true };
  } finally {
    active.delete(runId);
  }
}

/**
 * Undoes the imports whose process is gone (killed, crashed, the machine restarted) and answers
 * how many. An import running in another live process, or in this one, is left alone.
 */
export async function undoAbandonedImports(deps: AppDeps): Promise<number> {
  const runs = await deps.uow.read((s) => s.importJournal.runs());
  const host = os.hostname();
  let undone = 0;
  for (const run of runs) {
    if (active.has(run.id)) continue;
    // A pid on another machine cannot be asked about; SQLite has one machine, so this is a guard.
    if (run.host !== host || (run.pid !== process.pid && isAlive(run.pid))) continue;
    deps.log.warn({ runId: run.id, pid: run.pid, startedAt: run.startedAt }, "undoing an abandoned import");
    await undoRun(deps, run.id, DEFAULTS.pauseMs);
    undone++;
  }
  return undone;
}

/** Applies a run's journal newest first, in short transactions, then ends the run. */
async function undoRun(deps: AppDeps, runId: string, pauseMs: number): Promise<void> {
  for (;;) {
    const applied = await deps.uow.run(async (s) => {
      const latest = await s.importJournal.latest(runId, UNDO_BATCH);
      for (const { entry } of latest) await undoStep(s, entry);
      if (latest.length > 0) await s.importJournal.forget(latest.map((l) => l.id));
      else await s.importJournal.finish(runId);
      return latest.length;
    });
    if (applied === 0) return;
    await pause(pauseMs);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
