import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every environment setting the product reads. Only this file touches `process.env`. */
const EnvSchema = z.object({
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^file:/, "must be a SQLite file URL such as file:./data/xunjian.db")
    .optional(),
  PROMPTS_DIR: z.string().min(1).default("./prompts"),
  RULES_DIR: z.string().min(1).default("./rules"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MAX_PHOTO_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  INVITE_TTL_DAYS: z.coerce.number().int().positive().default(7),
  BIND_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  BIND_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  DEMO_SEED: bool.default(true),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
});

export type Config = {
  dataDir: string;
  databaseUrl: string;
  promptsDir: string;
  rulesDir: string;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  maxPhotoBytes: number;
  inviteTtlDays: number;
  bindMaxFailures: number;
  bindWindowMinutes: number;
  demoSeed: boolean;
  outboxMaxAttempts: number;
};

/** Thrown when the environment is invalid; the message lists every bad variable. */
export class ConfigError extends Error {}

/** Reads and validates the environment once, failing fast with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "xunjian.db")}`,
    promptsDir: path.resolve(e.PROMPTS_DIR),
    rulesDir: path.resolve(e.RULES_DIR),
    logLevel: e.LOG_LEVEL,
    maxPhotoBytes: e.MAX_PHOTO_BYTES,
    inviteTtlDays: e.INVITE_TTL_DAYS,
    bindMaxFailures: e.BIND_MAX_FAILURES,
    bindWindowMinutes: e.BIND_WINDOW_MINUTES,
    demoSeed: e.DEMO_SEED,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
  };
}
