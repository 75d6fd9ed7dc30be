import type { Command } from "commander";
import { withApp } from "../cli-context.ts";

/** `xunjian chat --as <phone> [--json]`: chat with the bot from the terminal as that person. */
export function registerChat(program: Command): void {
  program
    .command("chat")
    .description("chat with the bot in the terminal as the person with this phone number")
    .requiredOption("--as <phone>", "the console account (a phone number)")
    .option("--json", "one inbound text per line in, one JSON line per bot message out")
    .action(async (opts: { as: string; json?: boolean }) => {
      const [
        { renderAsJson, renderForTerminal, runRepl },
        { CONSOLE_CHANNEL, ConsoleSession },
        { loadCliTexts },
        { completeContent },
        { toShanghaiDate },
      ] = await Promise.all([
        import("../../channels/console/console-repl.ts"),
        import("../../channels/console/console-session.ts"),
        import("../../content/cli-texts.ts"),
        import("../../content/content-on-demand.ts"),
        import("../../domain/calendar/local-date.ts"),
      ]);
      await withApp(
        async (app) => {
          const { deps } = app;
          const render = opts.json ? renderAsJson : renderForTerminal;
          const session = new ConsoleSession(deps, app.dispatcher("plain"), opts.as, (m) =>
            process.stdout.write(render(m)),
          );
          if (!opts.json) {
            const bound = await deps.uow.read((s) => s.identities.find(CONSOLE_CHANNEL, opts.as));
            process.stdout.write(
              bound
                ? `Chatting as ${bound.person.name} (${opts.as}). /photo <path> sends an image; Ctrl-D quits.\n`
                : `Console account ${opts.as} is not bound yet; send 绑定 <code>.\n`,
            );
          }
          // The banner shows first; every content file is validated before any input is read,
          // and a malformed one stops the chat with its file and path, as it stops `start`.
          const { promptsDir, rulesDir } = deps.config;
          completeContent(deps.content, promptsDir, rulesDir, toShanghaiDate(deps.clock.now()));
          await session.pull();
          // Pushed messages (reminders, notices) show up while the person is idle, too.
          if (process.stdin.isTTY) session.listen(1000);
          const texts = loadCliTexts(deps.config.promptsDir);
          await runRepl(
            process.stdin,
            async (input) => void (await session.say(input)),
            (err) => {
              // The log keeps the stack; the person gets one line in their own language.
              deps.log.error({ err }, "console message failed");
              session.answer(
                texts.console("failed", { reason: err instanceof Error ? err.message : String(err) }),
              );
            },
          );
          await session.close();
        },
        { interactive: !opts.json, content: "on-demand" },
      );
    });
}
