import path from "node:path";
import type { Command } from "commander";
import { buildLedgerRows } from "../../app/report/build-ledger-rows.ts";
import { writeLedgerXlsx } from "../../app/report/write-ledger-xlsx.ts";
import { AppError } from "../../domain/app-error.ts";
import { withApp } from "../cli-context.ts";

type LedgerOptions = { out: string; from?: string; to?: string; area?: string; industry?: string };

/** `xunjian ledger`: the hazard ledger (隐患台账) as an XLSX workbook, one row per ticket. */
export function registerLedger(program: Command): void {
  program
    .command("ledger")
    .description("write the hazard ledger (隐患台账) to an XLSX file, one row per ticket")
    .requiredOption("--out <file.xlsx>", "where to write the workbook")
    .option("--from <date>", "only hazards found on or after this day (YYYY-MM-DD, Asia/Shanghai)")
    .option("--to <date>", "only hazards found on or before this day")
    .option("--area <id>", "only this area and the areas below it")
    .option("--industry <code>", "only enterprises of this industry code")
    .action(async (opts: LedgerOptions) => {
      if (!opts.out.toLowerCase().endsWith(".xlsx"))
        throw new AppError("invalid_input", `--out must name an .xlsx file; got "${opts.out}"`);
      await withApp(async ({ deps }) => {
        const texts = deps.content.report;
        const rows = await buildLedgerRows(deps, opts, texts);
        const file = path.resolve(opts.out);
        await writeLedgerXlsx(rows, file, texts);
        process.stdout.write(`Wrote ${rows.length} hazard(s) to ${file}\n`);
      });
    });
}
