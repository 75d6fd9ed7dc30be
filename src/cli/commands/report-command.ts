import type { Command } from "commander";
import { printJson, withApp } from "../cli-context.ts";
import { checkAreaOption, checkChoiceOption, checkPeriodOptions, industryOption } from "../cli-error.ts";

type ReportOptions = { from: string; to: string; area?: string; industry?: string; format: string };

/** `xunjian report`: the figures of a period (家次, hazards, rectification rate, ...) as JSON or Markdown. */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("report figures for a period (dates YYYY-MM-DD, Asia/Shanghai, both included)")
    .requiredOption("--from <date>", "first day of the period")
    .requiredOption("--to <date>", "last day of the period")
    .option("--area <id>", "only this area and the areas below it")
    .option("--industry <name>", "only enterprises of this industry (its Chinese name or code)")
    .option("--format <format>", "json or md", "json")
    .action(async (opts: ReportOptions) => {
      checkChoiceOption("--format", opts.format, ["json", "md"]);
      checkPeriodOptions(opts.from, opts.to);
      const [{ buildReport }, { renderReportMarkdown }] = await Promise.all([
        import("../../app/report/build-report.ts"),
        import("../../app/report/report-markdown.ts"),
      ]);
      await withApp(
        async ({ deps }) => {
          // Read the wording first: a broken report.yaml should fail before any query.
          const texts = opts.format === "md" ? deps.content.report : null;
          const industry = industryOption(() => deps.content.texts, "--industry", opts.industry);
          checkAreaOption(opts.area, await deps.uow.read((s) => s.enterprises.areas()));
          const report = await buildReport(deps, { ...opts, industry });
          if (texts === null) return printJson(report);
          const areaId = opts.area;
          const area = areaId ? await deps.uow.read((s) => s.enterprises.area(areaId)) : null;
          process.stdout.write(
            renderReportMarkdown(report, {
              texts,
              industryLabel: (code) => deps.content.texts.label("industry", code),
              areaName: area?.name ?? null,
              inspections: deps.content.inspections,
            }),
          );
          // A report reads the report wording, the labels and the inspection kinds, nothing else:
          // the other content files are not its to validate (`xunjian check`, `start` do).
        },
        { content: "report" },
      );
    });
}
