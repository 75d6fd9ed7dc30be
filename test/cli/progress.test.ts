import { describe, expect, it } from "vitest";
import { progressBar, progressLine } from "../../src/cli/progress.ts";

/** A fake terminal that keeps what was written, with a clock the test moves. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  let now = 0;
  return {
    target: { isTTY, columns: 100, write: (t: string) => written.push(t) },
    written,
    at: (ms: number) => {
      now = ms;
    },
    now: () => now,
  };
}

describe("the progress bar of long commands", () => {
  it("shows count, share and rate on a terminal, redrawn in place, and clears its line at the end", () => {
    const t = terminal(true);
    const bar = progressBar("写入人员", { target: t.target, now: t.now, intervalMs: 100 });
    t.at(500);
    bar.update(1_000, 20_000);
    t.at(550);
    bar.update(1_100, 20_000); // too soon after the last redraw: skipped
    t.at(2_000);
    bar.update(20_000, 20_000);
    bar.done();
    expect(t.written).toEqual([
      `\r${progressLine("写入人员", 1_000, 20_000, 500)}\x1b[K`,
      `\r${progressLine("写入人员", 20_000, 20_000, 2_000)}\x1b[K`,
      "\r\x1b[K",
    ]);
    expect(progressLine("写入人员", 1_000, 20_000, 500)).toBe(
      "写入人员 [#.......................] 1,000/20,000 5% 2,000/s",
    );
  });

  it("counts without a bar when the total is not known (the ledger streams its rows)", () => {
    expect(progressLine("ledger", 1_234, undefined, 2_000)).toBe("ledger 1,234 617/s");
  });

  it("writes nothing when stderr is piped, or with --json", () => {
    for (const [isTTY, json] of [
      [false, false],
      [true, true],
    ] as const) {
      const t = terminal(isTTY);
      const bar = progressBar("写入人员", { target: t.target, json, now: t.now });
      bar.update(10, 10);
      bar.done();
      expect(t.written).toEqual([]);
    }
  });
});
