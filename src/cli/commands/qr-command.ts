import type { Command } from "commander";
import { printJson, withApp } from "../cli-context.ts";

type QrOptions = { telegramBot?: string; out?: string; json?: boolean };

/** The `qrcode` package (no bundled types): terminal text, SVG text, or a PNG file. */
type QrCodeModule = {
  toString(text: string, options: { type: "terminal" | "svg"; small?: boolean }): Promise<string>;
  toFile(path: string, text: string, options?: { type?: "png" | "svg" }): Promise<void>;
};

/**
 * `xunjian qr <enterprise>`: the inspection code of an enterprise (by credit code or part of its
 * name) to put at its gate. Scanning it opens an inspection of that enterprise: through the
 * Telegram deep link, or by sending the code word to the bot on any channel.
 */
export function registerQr(program: Command): void {
  program
    .command("qr <enterprise>")
    .description("print (or write) the QR code that opens an inspection of an enterprise in chat")
    .option("--telegram-bot <username>", "encode the Telegram deep link t.me/<username>?start=insp-…")
    .option("--out <file>", "write the QR code to a .png or .svg file")
    .option("--json", "print JSON")
    .action(async (query: string, opts: QrOptions) => {
      const [{ CliError }, code, qrcode] = await Promise.all([
        import("../cli-error.ts"),
        import("../../domain/inspection/inspection-code.ts"),
        import("qrcode" as string) as Promise<QrCodeModule>,
      ]);
      const enterprise = await withApp(({ deps }) =>
        deps.uow.read(async (s) => {
          const byCode = await s.enterprises.byCreditCode(query.trim().toUpperCase());
          if (byCode) return byCode;
          const named = await s.enterprises.list({ kind: "all" }, { nameContains: query.trim() });
          if (named.length === 1 && named[0]) return named[0];
          throw named.length === 0
            ? new CliError("enterprise_no_match", { value: query })
            : new CliError("enterprise_ambiguous", {
                value: query,
                count: named.length,
                matches: named.map((e) => e.name),
              });
        }),
      );
      const inspection = code.inspectionCode(enterprise.creditCode);
      const codeWord = `检查 ${inspection}`;
      const telegram = opts.telegramBot ? code.telegramDeepLink(opts.telegramBot, inspection) : null;
      const encoded = telegram ?? codeWord;
      if (opts.out)
        await qrcode.toFile(opts.out, encoded, { type: opts.out.endsWith(".svg") ? "svg" : "png" });
      if (opts.json) {
        printJson({
          enterprise: { name: enterprise.name, creditCode: enterprise.creditCode },
          code: inspection,
          codeWord,
          telegram,
          encoded,
          file: opts.out ?? null,
        });
        return;
      }
      const lines = [
        `${enterprise.name} (${enterprise.creditCode})`,
        `Code word (any channel, send to the bot): ${codeWord}`,
        telegram ? `Telegram deep link: ${telegram}` : "Telegram deep link: add --telegram-bot <username>",
        await qrcode.toString(encoded, { type: "terminal", small: true }),
        ...(opts.out ? [`Written: ${opts.out}`] : []),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
