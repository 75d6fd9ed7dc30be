import type { Command } from "commander";
import { printJson, withApp } from "../cli-context.ts";

/**
 * `xunjian login-link <phone>`: a single-use sign-in link to the office console for an operator to
 * hand on (the person can also send 登录 in chat). Valid ten minutes.
 */
export function registerLoginLink(program: Command): void {
  program
    .command("login-link <phone>")
    .description("print a single-use sign-in link (10 minutes) to the web console for this person")
    .option("--json", "print JSON")
    .action(async (phone: string, opts: { json?: boolean }) => {
      const { consoleBaseUrl, loginLinkForPhone } = await import("../../app/web/login-links.ts");
      await withApp(async ({ deps }) => {
        const link = await loginLinkForPhone(deps, phone, "cli");
        const url = `${consoleBaseUrl(deps.config)}${link.path}`;
        if (opts.json) {
          printJson({ url, phone, name: link.person.name, expiresAt: link.expiresAt.toISOString() });
          return;
        }
        process.stdout.write(
          `${url}\nSign-in link for ${link.person.name} (${phone}); open it within 10 minutes, once. The server must be running (npm start).\n`,
        );
      });
    });
}
