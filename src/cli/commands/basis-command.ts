import type { Command } from "commander";
import type { Citer, InstrumentUsage } from "../../content/basis-usage.ts";
import { AppError } from "../../domain/app-error.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { systemClock } from "../../domain/clock.ts";
import { printJson } from "../cli-context.ts";
import { CliError, checkDateOption } from "../cli-error.ts";

const statusText = { in_force: "in force", superseded: "SUPERSEDED", not_yet_in_force: "not yet in force" };

function citerText(c: Citer, clauseNames: Map<string, string>): string {
  const name =
    c.kind === "question" ? `${c.checklist}/${c.id}` : c.kind === "policy" ? `ticket-policy/${c.id}` : c.id;
  const clauses = c.clauses.map((id) => clauseNames.get(id) ?? id);
  return clauses.length ? `${name} (${clauses.join("、")})` : name;
}

/** One instrument as a few lines for the operator; `detail` adds the clause summaries. */
function instrumentText(u: InstrumentUsage, detail: boolean): string {
  const lines = [`${u.id}  ${u.citation}  [${u.kind}]  ${statusText[u.status]}`];
  const dates = [u.effective ? `effective ${u.effective}` : "effective date not recorded"];
  if (u.supersededBy)
    dates.push(`superseded by ${u.supersededBy.id}${u.supersededBy.on ? ` on ${u.supersededBy.on}` : ""}`);
  lines.push(`  ${u.issuer}; ${dates.join("; ")}`);
  if (detail && u.note) lines.push(`  ${u.note}`);
  if (detail) for (const c of u.clauses) lines.push(`  ${c.citation}: ${c.summary}`);
  else if (u.clauses.length) lines.push(`  clauses: ${u.clauses.map((c) => c.citation).join(", ")}`);
  const names = new Map(u.clauses.map((c) => [c.id, c.citation]));
  const citer = (c: Citer) => citerText(c, names);
  const rules = u.citedBy.filter((c) => c.kind === "rule");
  const questions = u.citedBy.filter((c) => c.kind !== "rule");
  if (rules.length) lines.push(`  cited by ${rules.length} rule(s): ${rules.map(citer).join(", ")}`);
  if (questions.length)
    lines.push(`  cited by ${questions.length} question(s) or policy: ${questions.map(citer).join(", ")}`);
  if (u.citedBy.length === 0) lines.push("  not cited");
  return lines.join("\n");
}

/** `xunjian basis [id]`: the catalogue of legal instruments and what cites each one. */
export function registerBasis(program: Command): void {
  program
    .command("basis")
    .description(
      "list the legal instruments in prompts/basis/ and the rules and checklist questions citing each",
    )
    .argument("[id]", "one instrument, with its clause summaries")
    .option("--at <date>", "the day the status is given for (YYYY-MM-DD, Asia/Shanghai); default today")
    .option("--json", "print JSON")
    .action(async (id: string | undefined, options: { at?: string; json?: boolean }) => {
      if (options.at !== undefined) checkDateOption("--at", options.at);
      const at = options.at ?? toShanghaiDate(systemClock.now());
      const [{ loadConfig }, { basisUsage }, { describeProblems }, { loadContent }] = await Promise.all([
        import("../../config.ts"),
        import("../../content/basis-usage.ts"),
        import("../../content/content-problem.ts"),
        import("../../content/load-content.ts"),
      ]);
      const config = loadConfig();
      // Dates are not checked here: the point is to list what still cites a superseded instrument.
      const loaded = loadContent(config.promptsDir, config.rulesDir, { checkDates: false });
      if (!loaded.ok)
        throw new AppError(
          "invalid_content",
          `Content files are invalid:\n${describeProblems(loaded.problems)}`,
        );
      const all = basisUsage(loaded.content, at);
      const shown = id === undefined ? all : all.filter((u) => u.id === id);
      if (id !== undefined && shown.length === 0) throw new CliError("unknown_instrument", { id });
      if (options.json) {
        printJson({ at, instruments: shown });
        return;
      }
      const stale = all.filter((u) => u.status !== "in_force" && u.citedBy.length > 0);
      const header =
        `${all.length} instruments on ${at}` +
        (stale.length
          ? `; not citable on that day but still cited: ${stale.map((u) => u.id).join(", ")}`
          : "");
      process.stdout.write(
        `${header}\n\n${shown.map((u) => instrumentText(u, id !== undefined)).join("\n\n")}\n`,
      );
    });
}
