import type { Command } from "commander";
import { AppError } from "../../domain/app-error.ts";
import { printJson, withApp } from "../cli-context.ts";

type ReportOptions = { from: string; to: string; area?: string; industry?: string; format: string };

/** `xunjian report`: the figures of a period (家次, hazards, rectification rate, ...) as JSON or Markdown. */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("report figures for a period (dates YYYY-MM-DD, Asia/Shanghai, both included)")
    .requiredOption("--from <date>", "first day of the period")
    .requiredOption("--to <date>", "last day of the period")
    .option("--area <id>", "only this area and the areas below it")
    .option("--industry <code>", "only enterprises of this industry code")
    .option("--format <format>", "json or md", "json")
    .action(async (opts: ReportOptions) => {
      if (opts.format !== "json" && opts.format !== "md")
        throw new AppError("invalid_input", `--format must be json or md; got "${opts.format}"`);
      const [{ buildReport }, { renderReportMarkdown }] = await Promise.all([
        import("../../app/report/build-report.ts"),
        import("../../app/report/report-markdown.ts"),
      ]);
      await withApp(async ({ deps }) => {
        // Read the wording first: a broken report.yaml should fail before any query.
        const texts = opts.format === "md" ? deps.content.report : null;
        const report = await buildReport(deps, opts);
        if (texts === null) return printJson(report);
        const areaId = opts.area;
        const area = areaId ? await deps.uow.read((s) => s.enterprises.area(areaId)) : null;
        process.stdout.write(
          renderReportMarkdown(report, {
            texts,
            industryLabel: (code) => deps.content.texts.label("industry", code),
            areaName: area?.name ?? null,
          }),
        );
      });
    });
}
