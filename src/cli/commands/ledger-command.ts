import path from "node:path";
import type { Command } from "commander";
import { withApp } from "../cli-context.ts";
import { CliError, checkAreaOption, checkPeriodOptions, industryOption } from "../cli-error.ts";

type LedgerOptions = { out: string; from?: string; to?: string; area?: string; industry?: string };

/**
 * `xunjian ledger`: the hazard ledger (隐患台账) as an XLSX workbook, one row per ticket, with the
 * period's inspections (检查记录) on a second sheet.
 */
export function registerLedger(program: Command): void {
  program
    .command("ledger")
    .description(
      "write the hazard ledger (隐患台账) to an XLSX file, one row per ticket, and the period's inspections (检查记录)",
    )
    .requiredOption("--out <file.xlsx>", "where to write the workbook")
    .option("--from <date>", "only hazards found on or after this day (YYYY-MM-DD, Asia/Shanghai)")
    .option("--to <date>", "only hazards found on or before this day")
    .option("--area <id>", "only this area and the areas below it")
    .option("--industry <name>", "only enterprises of this industry (its Chinese name or code)")
    .action(async (opts: LedgerOptions) => {
      if (!opts.out.toLowerCase().endsWith(".xlsx"))
        throw new CliError("not_xlsx", { option: "--out", value: opts.out });
      checkPeriodOptions(opts.from, opts.to);
      const { exportLedgerWorkbook } = await import("../../app/report/export-ledger.ts");
      await withApp(
        async ({ deps }) => {
          // Read the wording first: a broken report.yaml, inspections.yaml or messages.yaml (the
          // ledger's labels) should fail before any query.
          void deps.content.report;
          void deps.content.inspections;
          const texts = deps.content.texts;
          const industry = industryOption(() => texts, "--industry", opts.industry);
          checkAreaOption(opts.area, await deps.uow.read((s) => s.enterprises.areas()));
          const file = path.resolve(opts.out);
          // Each row goes to the file as it is read: memory stays the same whatever the ledger's size.
          const written = await exportLedgerWorkbook(deps, { ...opts, industry }, file);
          process.stdout.write(
            `Wrote ${written.hazards} hazard(s) and ${written.inspections} inspection(s) to ${file}\n`,
          );
          // Like `report`, the ledger reads the report wording, the labels and the inspection
          // catalogue only: the other content files are validated by `xunjian check` and `start`.
        },
        { content: "report" },
      );
    });
}
