import type { Command } from "commander";
import type { CliTexts } from "../../content/cli-texts.ts";
import type { ImportResult } from "../../import/import-file.ts";
import type { ImportKind } from "../../import/table.ts";
import { printJson, withApp } from "../cli-context.ts";

type ImportOpts = { dryRun?: boolean; json?: boolean };

/**
 * `xunjian import enterprises|people <file> [--dry-run] [--json]`: all-or-nothing import of a
 * CSV (UTF-8) or XLSX file; any bad row lists every problem and exits 1 with nothing written.
 * Office staff run it, so what it prints is Chinese (prompts/cli.yaml); `--json` gives each problem
 * a stable `code` as well.
 */
export function registerImport(program: Command): void {
  const command = program
    .command("import")
    .description("import enterprises or people from a CSV (UTF-8) or XLSX file, all or nothing");
  const kinds: { kind: ImportKind; headers: string }[] = [
    {
      kind: "enterprises",
      headers:
        "企业名称/name, 统一社会信用代码/credit_code, 行业/industry, 所属区域/area, [网格/grid, 监管等级/class, 地址/address]",
    },
    {
      kind: "people",
      headers:
        "姓名/name, 手机号/phone, 角色/role, [所属企业信用代码/enterprise_credit_code, 负责网格/grids, 负责区域/areas]",
    },
  ];
  for (const { kind, headers } of kinds)
    command
      .command(`${kind} <file>`)
      .description(`import ${kind}; columns: ${headers}`)
      .option("--dry-run", "validate and report what would change, write nothing")
      .option("--json", "print the result as JSON")
      .action(async (file: string, opts: ImportOpts) => {
        const [{ importFile }, { loadCliTexts }, { progressBar }] = await Promise.all([
          import("../../import/import-file.ts"),
          import("../../content/cli-texts.ts"),
          import("../progress.ts"),
        ]);
        await withApp(
          async ({ deps }) => {
            const texts = loadCliTexts(deps.config.promptsDir);
            const bar = progressBar(texts.importLine("progress_write", { kind: texts.word(kind) }), {
              json: opts.json ?? false,
            });
            const result = await importFile(deps, kind, file, {
              dryRun: opts.dryRun ?? false,
              onProgress: bar.update,
            });
            bar.done();
            if (opts.json) printJson(result);
            else if (result.ok) process.stdout.write(describeSuccess(texts, kind, file, result));
            else process.stderr.write(describeFailure(texts, file, result));
            if (!result.ok) process.exitCode = 1;
          },
          // Office staff run imports in a terminal: the log goes to a file, not between the lines.
          { interactive: !opts.json },
        );
      });
}

function describeSuccess(texts: CliTexts, kind: ImportKind, file: string, r: ImportResult): string {
  const counts = { file, kind: texts.word(kind), created: r.created, updated: r.updated };
  const lines = [texts.importLine(r.dryRun ? "dry_run" : "done", counts)];
  for (const a of r.createdAreas)
    lines.push(
      a.parent
        ? texts.importLine(r.dryRun ? "area_planned" : "area_created", { name: a.name, parent: a.parent })
        : texts.importLine(r.dryRun ? "area_planned_top" : "area_created_top", { name: a.name }),
    );
  for (const g of r.createdGrids)
    lines.push(texts.importLine(r.dryRun ? "grid_planned" : "grid_created", { name: g.name, area: g.area }));
  return `${lines.join("\n")}\n`;
}

function describeFailure(texts: CliTexts, file: string, r: ImportResult): string {
  const lines = r.errors.map((e) =>
    e.row === 0
      ? texts.importLine("file_problem", { file, problem: e.message })
      : texts.importLine("row_problem", { row: e.row, column: e.column, problem: e.message }),
  );
  // One file-level problem says everything on its own line; no count header needed.
  if (!(r.errors.length === 1 && r.errors[0]?.row === 0))
    lines.unshift(texts.importLine("failed", { file, count: r.errors.length }));
  return `${lines.join("\n")}\n`;
}
