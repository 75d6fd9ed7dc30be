import { afterAll } from "vitest";
import { dropFileDatabases } from "./pg.ts";

// The PostgreSQL databases a test file created are dropped once it is done (see test/support/pg.ts).
afterAll(async () => {
  await dropFileDatabases();
});
