import type { Command } from "commander";
import { isInteractiveTerminal, withApp } from "../cli-context.ts";

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
      const [
        readline,
        repl,
        { ConsoleSession },
        { runProduct },
        { seedDemoIfEmpty },
        { undoAbandonedImports },
      ] = await Promise.all([
        import("node:readline"),
        import("../../channels/console/console-repl.ts"),
        import("../../channels/console/console-session.ts"),
        import("../../main.ts"),
        import("../../seed/seed-demo.ts"),
        import("../../import/import-run.ts"),
      ]);
      const interactive = isInteractiveTerminal() && !opts.exitAfterSeed;
      await withApp(
        async (app, config) => {
          const { deps } = app;
          const demo =
            deps.config.demoSeed && opts.demo
              ? await seedDemoIfEmpty(deps, { history: deps.config.demoHistory })
              : { seeded: false, people: [] };
          if (opts.exitAfterSeed) {
            process.stdout.write(
              `Database ready: ${deps.config.databaseUrl} (${demo.seeded ? "demo park seeded" : "not seeded"})\n`,
            );
            return;
          }
          const product = await runProduct(app);
          // An import whose process died half-way is undone before the product relies on its rows.
          const undone = await undoAbandonedImports(deps);
          if (undone > 0) deps.log.warn({ undone }, "undid imports left unfinished by a process that died");
          const out = process.stdout;
          out.write(`xunjian is running. Database: ${deps.config.databaseUrl}\n`);
          if (interactive) {
            const { logFileOf } = await import("../../logger.ts");
            out.write(`Log: ${logFileOf(config.dataDir)} (warnings and errors also show here)\n`);
          }
          if (demo.people.length) {
            out.write("Demo people (chat as one in another terminal: npx xunjian chat --as <phone>):\n");
            for (const p of demo.people)
              out.write(`  ${p.phone}  ${p.name}  ${p.role}${p.enterprise ? `  ${p.enterprise}` : ""}\n`);
          }
          // The office console: its address, a one-time sign-in link for the demo admin, the simulator.
          if (product.channels.http) {
            const web = await import("../../app/web/login-links.ts");
            const base = web.consoleBaseUrl(deps.config, product.channels.http.url);
            out.write(`Office console: ${base}/\n`);
            const admin = demo.people.find((p) => p.role === "admin");
            if (admin) {
              const link = await web.loginLinkForPhone(deps, admin.phone, "start");
              out.write(
                `  sign in as ${admin.name} (demo admin; once, within 10 minutes): ${base}${link.path}\n`,
              );
            }
            if (deps.config.web.simulator) out.write(`  chat simulator: ${base}/simulator\n`);
          }
          const done = new Promise<void>((resolve) => {
            process.once("SIGINT", resolve);
            process.once("SIGTERM", resolve);
          });
          let session: InstanceType<typeof ConsoleSession> | undefined;
          let rl: ReturnType<typeof readline.createInterface> | undefined;
          if (process.stdin.isTTY && demo.people.length) {
            const { loadCliTexts } = await import("../../content/cli-texts.ts");
            const texts = loadCliTexts(config.promptsDir);
            const first = demo.people.find((p) => p.role === "enterprise_head") ?? demo.people[0];
            const open = (phone: string) => {
              session = new ConsoleSession(deps, app.dispatcher("plain"), phone, (m) =>
                out.write(repl.renderForTerminal(m)),
              );
              session.listen(1000);
              out.write(
                `\n== Chatting as ${phone}. Type 帮助 or 自查; /as <phone> switches person; Ctrl-C quits.\n`,
              );
            };
            if (first) open(first.phone);
            rl = readline.createInterface({ input: process.stdin });
            rl.on("line", (line) => {
              const as = /^\/as\s+(\S+)/.exec(line.trim());
              const input = repl.parseConsoleLine(line);
              const work = as?.[1]
                ? (session?.close() ?? Promise.resolve()).then(() => open(as[1] ?? ""))
                : input && session
                  ? session.say(input).then(() => undefined)
                  : Promise.resolve();
              work.catch((err: unknown) => {
                // The log keeps the stack; the person gets one line in their own language.
                deps.log.error({ err }, "console message failed");
                session?.answer(
                  texts.console("failed", { reason: err instanceof Error ? err.message : String(err) }),
                );
              });
            });
            rl.once("close", () => process.emit("SIGINT"));
          }
          await done;
          // The terminal's input would keep the process alive after everything else stopped.
          rl?.close();
          await session?.close();
          await product.stop();
        },
        { interactive },
      );
    });
}
