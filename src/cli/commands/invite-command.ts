import type { Command } from "commander";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { newInviteCode } from "../../domain/people/invite-code.ts";
import { printJson, withApp } from "../cli-context.ts";

/** `xunjian invite <phone>`: a single-use binding code for a person already imported. */
export function registerInvite(program: Command): void {
  program
    .command("invite <phone>")
    .description("print a single-use binding code for the person with this phone number")
    .option("--days <n>", "days until the code expires (default: INVITE_TTL_DAYS, 7)")
    .option("--json", "print JSON")
    .action(async (phone: string, opts: { days?: string; json?: boolean }) => {
      await withApp(async ({ deps }) => {
        const person = await deps.db.person.findUnique({ where: { phone } });
        if (!person) {
          process.stderr.write(
            `No person with phone ${phone}. Import people first: xunjian import people <file>\n`,
          );
          process.exitCode = 1;
          return;
        }
        const days = opts.days ? Number(opts.days) : deps.config.inviteTtlDays;
        if (!Number.isInteger(days) || days <= 0)
          throw new Error(`--days must be a positive whole number, got ${opts.days}`);
        const now = deps.clock.now();
        const invite = await deps.db.inviteCode.create({
          data: {
            code: newInviteCode(),
            personId: person.id,
            expiresAt: new Date(now.getTime() + days * 86_400_000),
            createdAt: now,
          },
        });
        if (opts.json) {
          printJson({
            code: invite.code,
            phone,
            name: person.name,
            expiresAt: invite.expiresAt.toISOString(),
          });
          return;
        }
        process.stdout.write(
          `${invite.code}\n${person.name} (${phone}) binds by sending: 绑定 ${invite.code}\nExpires ${toShanghaiDate(invite.expiresAt)} (Asia/Shanghai).\n`,
        );
      });
    });
}
