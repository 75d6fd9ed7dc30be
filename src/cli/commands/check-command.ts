import type { Command } from "commander";
import { toShanghaiDate, yearOf } from "../../domain/calendar/local-date.ts";
import { systemClock } from "../../domain/clock.ts";
import { checkDateOption } from "../cli-error.ts";

/** `xunjian check`: validates every file in prompts/ and rules/ without touching the database. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("validate prompts/ and rules/; exits 1 and lists file and path of every problem")
    .option("--at <date>", "the day citations must hold on (YYYY-MM-DD, Asia/Shanghai); default today")
    .action(async (options: { at?: string }) => {
      const [{ loadConfig }, { validateAllContent }, { cliTextsProblems }] = await Promise.all([
        import("../../config.ts"),
        import("../../content/validate-all-content.ts"),
        import("../../content/cli-texts.ts"),
      ]);
      const config = loadConfig();
      if (options.at !== undefined) checkDateOption("--at", options.at);
      const at = options.at ?? toShanghaiDate(systemClock.now());
      // Campaign templates are planned for that year and the next, so a date that does not work out shows now.
      const year = yearOf(at);
      const result = validateAllContent(config.promptsDir, config.rulesDir, [year, year + 1], at);
      // The command line's own wording (prompts/cli.yaml) is not part of the product's content.
      const problems = [...(result.ok ? [] : result.problems), ...cliTextsProblems(config.promptsDir)];
      if (!result.ok || problems.length > 0) {
        process.stderr.write(`${problems.join("\n")}\n${problems.length} problem(s).\n`);
        process.exitCode = 1;
        return;
      }
      const { checklists, rules, reportRules, sweepRules } = result.content;
      const questions = checklists.reduce((n, c) => n + c.questions.length, 0);
      process.stdout.write(
        `OK: ${checklists.length} checklists (${questions} questions), ${rules.length + reportRules.length + sweepRules.length} rules, ` +
          `${result.campaignTemplates} campaign templates (planned for ${year} and ${year + 1}), ` +
          `${result.content.catalogue.instruments.length} instruments (citations hold on ${at}).\n`,
      );
    });
}
