import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { describeProblems } from "../../content/content-problem.ts";
import { loadContent } from "../../content/load-content.ts";

/** `xunjian check`: validates every file in prompts/ and rules/ without touching the database. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("validate prompts/ and rules/; exits 1 and lists file and path of every problem")
    .action(() => {
      const config = loadConfig();
      const result = loadContent(config.promptsDir, config.rulesDir);
      if (!result.ok) {
        process.stderr.write(`${describeProblems(result.problems)}\n${result.problems.length} problem(s).\n`);
        process.exitCode = 1;
        return;
      }
      const { checklists, rules } = result.content;
      const questions = checklists.reduce((n, c) => n + c.questions.length, 0);
      process.stdout.write(
        `OK: ${checklists.length} checklists (${questions} questions), ${rules.length} rules.\n`,
      );
    });
}
