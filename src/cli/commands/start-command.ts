import readline from "node:readline";
import type { Command } from "commander";
import { campaignContentFor } from "../../app/campaign/campaign-content.ts";
import { parseConsoleLine, renderForTerminal } from "../../channels/console/console-repl.ts";
import { ConsoleSession } from "../../channels/console/console-session.ts";
import { startChannels } from "../../channels/start-channels.ts";
import { Dispatcher } from "../../outbox/dispatcher.ts";
import { productDispatcherOptions } from "../../outbox/dispatcher-options.ts";
import { Scheduler, schedulerOptionsFrom } from "../../scheduler/scheduler.ts";
import { seedDemoIfEmpty } from "../../seed/seed-demo.ts";
import { acquireInstanceLock } from "../../store/instance-lock.ts";
import { withApp } from "../cli-context.ts";

/**
 * `xunjian start` (= `npm start`): migrates, seeds the demo park into an empty database, runs
 * the dispatcher for the configured channels, and, in a terminal, a console chat in which
 * `/as <phone>` switches persona.
 */
export function registerStart(program: Command): void {
  program
    .command("start")
    .description(
      "run the bot: migrate, seed demo data if empty, deliver messages, console chat in a terminal",
    )
    .option("--no-demo", "do not seed the demo park into an empty database")
    .option("--exit-after-seed", "migrate and seed, then exit (for scripts and CI)")
    .action(async (opts: { demo: boolean; exitAfterSeed?: boolean }) => {
      await withApp(async ({ deps }) => {
        const demo =
          deps.config.demoSeed && opts.demo ? await seedDemoIfEmpty(deps) : { seeded: false, people: [] };
        if (opts.exitAfterSeed) {
          process.stdout.write(
            `Database ready: ${deps.config.databaseUrl} (${demo.seeded ? "demo park seeded" : "not seeded"})\n`,
          );
          return;
        }
        const lock = acquireInstanceLock(deps.config.dataDir);
        const campaigns = campaignContentFor(deps.config.promptsDir);
        const dispatcher = new Dispatcher(
          deps.uow,
          deps.clock,
          deps.log.child({ part: "dispatcher" }),
          productDispatcherOptions(deps.config, campaigns.messages.alerts.dead, deps.config.outboxRateLimits),
        );
        dispatcher.start(1000);
        // Telegram / WeChat / WeCom, each when its settings are present; their senders join the dispatcher.
        const channels = await startChannels(deps, dispatcher);
        // Catches up on work that fell due while the process was down, then ticks every minute.
        const sched = deps.config.scheduler;
        const scheduler = sched.enabled
          ? new Scheduler(deps, campaigns, schedulerOptionsFrom(deps.config))
          : undefined;
        await scheduler?.start();
        const out = process.stdout;
        out.write(`xunjian is running. Database: ${deps.config.databaseUrl}\n`);
        if (demo.people.length) {
          out.write("Demo people (chat as one in another terminal: npx xunjian chat --as <phone>):\n");
          for (const p of demo.people)
            out.write(`  ${p.phone}  ${p.name}  ${p.role}${p.enterprise ? `  ${p.enterprise}` : ""}\n`);
        }
        const done = new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        let session: ConsoleSession | undefined;
        if (process.stdin.isTTY && demo.people.length) {
          const first = demo.people.find((p) => p.role === "enterprise_head") ?? demo.people[0];
          const open = (phone: string) => {
            session = new ConsoleSession(deps, phone, (m) => out.write(renderForTerminal(m)));
            session.listen(1000);
            out.write(
              `\n== Chatting as ${phone}. Type 帮助 or 自查; /as <phone> switches person; Ctrl-C quits.\n`,
            );
          };
          if (first) open(first.phone);
          const rl = readline.createInterface({ input: process.stdin });
          rl.on("line", (line) => {
            const as = /^\/as\s+(\S+)/.exec(line.trim());
            const input = parseConsoleLine(line);
            const work = as?.[1]
              ? (session?.close() ?? Promise.resolve()).then(() => open(as[1] ?? ""))
              : input && session
                ? session.say(input).then(() => undefined)
                : Promise.resolve();
            work.catch((err: unknown) => deps.log.error({ err }, "console message failed"));
          });
          rl.once("close", () => process.emit("SIGINT"));
        }
        await done;
        await session?.close();
        await scheduler?.stop();
        await channels.stop();
        await dispatcher.stop();
        lock.release();
      });
    });
}
