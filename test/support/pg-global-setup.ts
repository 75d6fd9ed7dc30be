/**
 * Says once per run which database the suite runs on, and how to run it on PostgreSQL when it
 * does not (`.ci/run` runs it on both).
 */
export default function setup(): void {
  if (process.env.TEST_DATABASE === "postgres") {
    const url = process.env.TEST_PG_URL ?? "(TEST_PG_URL not set)";
    console.log(`Suite on PostgreSQL at ${url.replace(/:[^:@/]*@/, ":***@")}`);
  } else
    console.log(
      "Suite on SQLite only; on PostgreSQL too: scripts/pg-test-cluster.sh -- env TEST_DATABASE=postgres npm test",
    );
}
