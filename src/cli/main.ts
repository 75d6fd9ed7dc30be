import { Command } from "commander";
import { describeCliFailure } from "./cli-error.ts";
import { registerBasis } from "./commands/basis-command.ts";
import { registerCalendar } from "./commands/calendar-command.ts";
import { registerCampaign } from "./commands/campaign-command.ts";
import { registerChat } from "./commands/chat-command.ts";
import { registerCheck } from "./commands/check-command.ts";
import { registerImport } from "./commands/import-command.ts";
import { registerImportDb } from "./commands/import-db-command.ts";
import { registerInvite } from "./commands/invite-command.ts";
import { registerLedger } from "./commands/ledger-command.ts";
import { registerLists } from "./commands/list-commands.ts";
import { registerLoginLink } from "./commands/login-link-command.ts";
import { registerQr } from "./commands/qr-command.ts";
import { registerReport } from "./commands/report-command.ts";
import { registerSchedule } from "./commands/schedule-command.ts";
import { registerStart } from "./commands/start-command.ts";
import { registerTick } from "./commands/tick-command.ts";

// Start-up budget: this file and every command file import only commander and small modules at the
// top; what a command runs (the database, the content, channel SDKs, exceljs) is imported inside its
// action, so `xunjian --help` loads none of it (see bench/startup-bench.ts).
const program = new Command("xunjian").description("Xunjian (巡检): enterprise safety work in chat");
registerStart(program);
registerChat(program);
registerInvite(program);
registerLoginLink(program);
registerQr(program);
registerCheck(program);
registerBasis(program);
registerReport(program);
registerLedger(program);
registerImport(program);
registerImportDb(program);
registerLists(program);
registerCalendar(program);
registerCampaign(program);
registerTick(program);
registerSchedule(program);

// The CLI's one error boundary: expected failures print their message (in Chinese with a stable code
// for the ones office staff meet), others their stack.
try {
  await program.parseAsync(process.argv);
} catch (e) {
  const out = await describeCliFailure(e, process.argv.includes("--json"));
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  process.exitCode = 1;
}
