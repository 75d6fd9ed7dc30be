import { Command } from "commander";
import { ConfigError } from "../config.ts";
import { AppError } from "../domain/app-error.ts";
import { registerBasis } from "./commands/basis-command.ts";
import { registerCalendar } from "./commands/calendar-command.ts";
import { registerCampaign } from "./commands/campaign-command.ts";
import { registerChat } from "./commands/chat-command.ts";
import { registerCheck } from "./commands/check-command.ts";
import { registerImport } from "./commands/import-command.ts";
import { registerInvite } from "./commands/invite-command.ts";
import { registerLedger } from "./commands/ledger-command.ts";
import { registerLists } from "./commands/list-commands.ts";
import { registerReport } from "./commands/report-command.ts";
import { registerSchedule } from "./commands/schedule-command.ts";
import { registerStart } from "./commands/start-command.ts";
import { registerTick } from "./commands/tick-command.ts";

const program = new Command("xunjian").description("Xunjian (巡检): enterprise safety work in chat");
registerStart(program);
registerChat(program);
registerInvite(program);
registerCheck(program);
registerBasis(program);
registerReport(program);
registerLedger(program);
registerImport(program);
registerLists(program);
registerCalendar(program);
registerCampaign(program);
registerTick(program);
registerSchedule(program);

// The CLI's one error boundary: expected failures print their message, others their stack.
try {
  await program.parseAsync(process.argv);
} catch (e) {
  const expected = e instanceof AppError || e instanceof ConfigError;
  process.stderr.write(
    `${expected ? (e as Error).message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
}
