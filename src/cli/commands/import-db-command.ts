import type { Command } from "commander";
import { printJson } from "../cli-context.ts";

/**
 * `xunjian import-db <sqlite-file>`: moves a park from SQLite to PostgreSQL. Copies every row of
 * the SQLite database file (a stopped product's `DATA_DIR/xunjian.db`) into the empty PostgreSQL
 * database DATABASE_URL names, in one transaction. The files under DATA_DIR (photos) are copied
 * by the operator with the directory.
 */
export function registerImportDb(program: Command): void {
  program
    .command("import-db")
    .description("copy a SQLite database file into the empty PostgreSQL database of DATABASE_URL")
    .argument("<sqlite-file>", "the SQLite database, e.g. data/xunjian.db (stop the product using it first)")
    .option("--json", "print JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      const [
        { loadConfig },
        { AppError },
        { isPostgresUrl, redactedDatabaseUrl },
        { copySqliteToPostgres },
        main,
      ] = await Promise.all([
        import("../../config.ts"),
        import("../../domain/app-error.ts"),
        import("../../store/database-url.ts"),
        import("../../store/copy-to-postgres.ts"),
        import("../../main.ts"),
      ]);
      const config = loadConfig();
      if (!isPostgresUrl(config.databaseUrl))
        throw new AppError(
          "invalid_input",
          "Set DATABASE_URL to the PostgreSQL database to copy into (postgresql://…)",
        );
      const from = file.startsWith("file:") ? file : `file:${file}`;
      const copied = await copySqliteToPostgres(from, config.databaseUrl, main.MIGRATIONS_DIR);
      if (opts.json) return printJson({ from, to: redactedDatabaseUrl(config.databaseUrl), tables: copied });
      const rows = copied.reduce((n, t) => n + t.rows, 0);
      process.stdout.write(
        `Copied ${rows} rows in ${copied.length} tables from ${from} into ${redactedDatabaseUrl(config.databaseUrl)}\n`,
      );
    });
}
