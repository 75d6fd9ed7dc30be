/**
 * A progress bar for long commands (import, ledger, a campaign sweep by `tick`, the benchmark):
 * count, percentage and rate on one line of stderr, redrawn in place. It draws only when stderr is
 * a terminal and the command was not asked for `--json`: piped or scripted output stays exactly
 * what it was.
 */

/** What a long operation calls as it goes: `done` of `total` units so far (no total: not known yet). */
export type OnProgress = (done: number, total?: number) => void;

/** A bar shown while an operation runs; `done()` clears it. */
export type ProgressBar = {
  /** Moves the bar; the callback to hand to the operation. */
  update: OnProgress;
  /** Clears the bar's line so the command's own output starts on a clean line. */
  done(): void;
};

/** Where a bar draws, and its clock (tests pass their own). */
export type ProgressTarget = {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
};

export type ProgressOptions = {
  /** `--json` was given: draw nothing. */
  json?: boolean;
  /** Defaults to process.stderr. */
  target?: ProgressTarget;
  /** Milliseconds since some fixed point; defaults to performance.now. */
  now?: () => number;
  /** Least time between two redraws, so a fast loop does not spend its time drawing. */
  intervalMs?: number;
};

const SILENT: ProgressBar = { update: () => undefined, done: () => undefined };
const BAR_WIDTH = 24;

/**
 * A bar labelled `label` ("导入人员", "ledger"...). On a terminal each update redraws at most every
 * `intervalMs` (and always at the end); elsewhere, or with `json`, it does nothing at all.
 */
export function progressBar(label: string, options: ProgressOptions = {}): ProgressBar {
  const target = options.target ?? process.stderr;
  if (options.json || !target.isTTY) return SILENT;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 100;
  const started = now();
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(done, total) {
      const t = now();
      if (t - drawnAt < interval && (total === undefined || done < total)) return;
      drawnAt = t;
      drawn = true;
      target.write(`\r${progressLine(label, done, total, t - started, target.columns)}\x1b[K`);
    },
    done() {
      if (drawn) target.write("\r\x1b[K");
      drawn = false;
    },
  };
}

/**
 * One line of the bar: `label [#####.....] 1,234/20,000 6% 812/s`, or `label 1,234 812/s` while the
 * total is not known. The rate is per second since the start; the line is cut to the terminal's width.
 */
export function progressLine(
  label: string,
  done: number,
  total: number | undefined,
  elapsedMs: number,
  columns = 80,
): string {
  const n = (v: number) => v.toLocaleString("en-US");
  const rate = `${n(elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0)}/s`;
  let line = `${label} ${n(done)} ${rate}`;
  if (total !== undefined) {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}]`;
    line = `${label} ${bar} ${n(done)}/${n(total)} ${Math.floor(share * 100)}% ${rate}`;
  }
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 1)) : line;
}
