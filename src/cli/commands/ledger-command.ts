import path from "node:path";
import type { Command } from "commander";
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
      const [{ forEachLedgerRow }, { openLedgerXlsx }] = await Promise.all([
        import("../../app/report/build-ledger-rows.ts"),
        import("../../app/report/write-ledger-xlsx.ts"),
      ]);
      await withApp(async ({ deps }) => {
        const texts = deps.content.report;
        const file = path.resolve(opts.out);
        // Each row goes to the file as it is read: memory stays the same whatever the ledger's size.
        const writer = openLedgerXlsx(file, texts);
        try {
          await forEachLedgerRow(deps, opts, texts, (row) => writer.add(row));
        } catch (e) {
          await writer.abort();
          throw e;
        }
        await writer.close();
        process.stdout.write(`Wrote ${writer.count} hazard(s) to ${file}\n`);
      });
    });
}
