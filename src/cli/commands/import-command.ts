import type { Command } from "commander";
import { type ImportResult, importFile } from "../../import/import-file.ts";
import type { ImportKind } from "../../import/table.ts";
import { printJson, withApp } from "../cli-context.ts";

type ImportOpts = { dryRun?: boolean; json?: boolean };

/**
 * `xunjian import enterprises|people <file> [--dry-run] [--json]`: all-or-nothing import of a
 * CSV (UTF-8) or XLSX file; any bad row lists every problem and exits 1 with nothing written.
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
        await withApp(async ({ deps }) => {
          const result = await importFile(deps, kind, file, { dryRun: opts.dryRun ?? false });
          if (opts.json) printJson(result);
          else if (result.ok) process.stdout.write(describeSuccess(kind, file, result));
          else process.stderr.write(describeFailure(file, result));
          if (!result.ok) process.exitCode = 1;
        });
      });
}

function describeSuccess(kind: ImportKind, file: string, r: ImportResult): string {
  const lines = r.dryRun
    ? [`${file}: dry run, nothing written. Would create ${r.created} and update ${r.updated} ${kind}.`]
    : [`${file}: ${count(r.created, kind)} created, ${r.updated} updated.`];
  const verb = r.dryRun ? "Would create" : "Created";
  for (const a of r.createdAreas)
    lines.push(`${verb} area ${a.name}${a.parent ? ` under ${a.parent}` : " (top level)"}`);
  for (const g of r.createdGrids) lines.push(`${verb} grid ${g.name} in ${g.area}`);
  return `${lines.join("\n")}\n`;
}

const count = (n: number, kind: ImportKind) =>
  `${n} ${n === 1 ? (kind === "people" ? "person" : "enterprise") : kind}`;

function describeFailure(file: string, r: ImportResult): string {
  const lines = [`${file}: nothing imported, ${r.errors.length} problem(s):`];
  for (const e of r.errors)
    lines.push(e.row === 0 ? `${file}: ${e.message}` : `row ${e.row}: ${e.column}: ${e.message}`);
  // One file-level problem says everything on its own line; no count header needed.
  if (r.errors.length === 1 && r.errors[0]?.row === 0) lines.shift();
  return `${lines.join("\n")}\n`;
}
