import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Some scenario tests replay weeks of sweeps; on a busy 2-core machine they take tens of seconds.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One line on which database the suite runs (TEST_DATABASE=postgres runs it on PostgreSQL).
    globalSetup: ["test/support/pg-global-setup.ts"],
    // Drops the PostgreSQL databases of each test file after it (nothing to do on SQLite).
    setupFiles: ["test/support/pg-setup-file.ts"],
  },
});
