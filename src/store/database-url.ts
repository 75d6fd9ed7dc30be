/** True for a `postgres://` or `postgresql://` URL: such a DATABASE_URL selects PostgreSQL; `file:` (or none) SQLite. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** The URL with its password hidden, for logs and start-up lines. */
export function redactedDatabaseUrl(databaseUrl: string): string {
  if (!isPostgresUrl(databaseUrl)) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "postgresql://…";
  }
}
