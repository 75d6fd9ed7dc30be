import { afterEach, describe, expect, it } from "vitest";
import { type RunningProduct, runProduct } from "../../src/main.ts";
import { onPostgres } from "../support/pg.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

// On SQLite and, with TEST_DATABASE=postgres, on PostgreSQL: what a load balancer's check sees.
describe("GET /healthz", () => {
  let app: TestApp;
  let product: RunningProduct | undefined;
  afterEach(async () => {
    await product?.stop();
    await app.close();
  });

  it("answers ok while the database answers, and 503 once it does not", async () => {
    app = await createTestApp({ seed: false, env: { HTTP_PORT: "0", SCHEDULER_ENABLED: "false" } });
    product = await runProduct(app);
    const url = `${product.channels.http?.url}/healthz`;
    const up = await fetch(url);
    expect([up.status, await up.text()]).toEqual([200, "ok"]);
    // The database goes away: SQLite's connection closes, PostgreSQL's pool ends.
    if (onPostgres) await app.database.close();
    else app.database.connection.close();
    const down = await fetch(url);
    expect([down.status, await down.text()]).toEqual([503, "database unreachable"]);
  });
});
