import readline from "node:readline";
import type { Command } from "commander";
import { parseConsoleLine, renderForTerminal } from "../../channels/console/console-repl.ts";
import { ConsoleSession } from "../../channels/console/console-session.ts";
import { runProduct } from "../../main.ts";
import { seedDemoIfEmpty } from "../../seed/seed-demo.ts";
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
      await withApp(async (app) => {
        const { deps } = app;
        const demo =
          deps.config.demoSeed && opts.demo ? await seedDemoIfEmpty(deps) : { seeded: false, people: [] };
        if (opts.exitAfterSeed) {
          process.stdout.write(
            `Database ready: ${deps.config.databaseUrl} (${demo.seeded ? "demo park seeded" : "not seeded"})\n`,
          );
          return;
        }
        const product = await runProduct(app);
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
            session = new ConsoleSession(deps, app.dispatcher("plain"), phone, (m) =>
              out.write(renderForTerminal(m)),
            );
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
        await product.stop();
      });
    });
}
