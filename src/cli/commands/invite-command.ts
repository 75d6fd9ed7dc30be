import type { Command } from "commander";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { printJson, withApp } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";

/** `xunjian invite <phone>`: a single-use binding code for a person already imported. */
export function registerInvite(program: Command): void {
  program
    .command("invite <phone>")
    .description("print a single-use binding code for the person with this phone number")
    .option("--days <n>", "days until the code expires (default: INVITE_TTL_DAYS, 7)")
    .option("--json", "print JSON")
    .action(async (phone: string, opts: { days?: string; json?: boolean }) => {
      const days = opts.days === undefined ? undefined : Number(opts.days);
      if (days !== undefined && !(Number.isInteger(days) && days > 0))
        throw new CliError("invalid_number", { option: "--days", value: opts.days ?? "" });
      const { createInvite } = await import("../../app/identity/create-invite.ts");
      await withApp(async ({ deps }) => {
        const invite = await createInvite(deps, phone, days);
        if (opts.json) {
          printJson({ ...invite, expiresAt: invite.expiresAt.toISOString() });
          return;
        }
        process.stdout.write(
          `${invite.code}\n${invite.name} (${phone}) binds by sending: 绑定 ${invite.code}\nExpires ${toShanghaiDate(invite.expiresAt)} (Asia/Shanghai).\n`,
        );
      });
    });
}
