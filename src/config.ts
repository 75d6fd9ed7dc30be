import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type RateLimits, rateLimitsSchema } from "./outbox/rate-limiter.ts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** An optional setting; an empty value (`NAME=` in an env file) counts as not set. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));

const httpUrl = z.string().regex(/^https?:\/\/[^\s/]+/, "must be an http:// or https:// URL");

/** Every environment setting the product reads. Only this file touches `process.env`. */
const EnvSchema = z.object({
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/i,
      "must be a SQLite file URL such as file:./data/xunjian.db, or postgresql://user@host:5432/db",
    )
    .optional(),
  PROMPTS_DIR: optional(z.string().min(1)),
  RULES_DIR: optional(z.string().min(1)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MAX_PHOTO_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  MAX_PHOTO_PIXELS: z.coerce.number().int().positive().default(50_000_000),
  INVITE_TTL_DAYS: z.coerce.number().int().positive().default(7),
  BIND_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  BIND_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  BIND_GLOBAL_MAX_FAILURES: z.coerce.number().int().positive().default(200),
  DEMO_SEED: bool.default(true),
  DEMO_HISTORY: bool.default(true),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  OUTBOX_SEND_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(10),
  OUTBOX_IN_DOUBT: z.enum(["hold", "resend"]).default("hold"),
  HTTP_HOST: z.string().min(1).default("127.0.0.1"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  WEB_PUBLIC_URL: optional(httpUrl),
  WEB_SESSION_HOURS: z.coerce.number().int().positive().max(720).default(12),
  SIMULATOR_ENABLED: optional(bool),
  TELEGRAM_BOT_TOKEN: optional(
    z.string().regex(/^\d+:[\w-]+$/, "must look like 123456:ABC-def (from @BotFather)"),
  ),
  TELEGRAM_API_ROOT: optional(httpUrl),
  TELEGRAM_WEBHOOK_URL: optional(httpUrl),
  TELEGRAM_WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -"),
  ),
  WECHATY_PUPPET: optional(z.string().min(1)),
  WECHATY_PUPPET_SERVICE_TOKEN: optional(z.string().min(1)),
  WECOM_CORP_ID: optional(z.string().min(1)),
  WECOM_AGENT_ID: optional(z.coerce.number().int().positive()),
  WECOM_SECRET: optional(z.string().min(1)),
  WECOM_TOKEN: optional(z.string().regex(/^[A-Za-z0-9]{1,32}$/, "must be 1-32 letters and digits")),
  WECOM_AES_KEY: optional(z.string().regex(/^[A-Za-z0-9]{43}$/, "must be the 43-character EncodingAESKey")),
  WECOM_API_ROOT: optional(httpUrl),
  WECOM_CALLBACK_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(300),
  SCHEDULER_ENABLED: bool.default(true),
  CAMPAIGN_CREATE_AHEAD_DAYS: z.coerce.number().int().min(0).max(366).default(30),
  SCHEDULER_MAX_LATENESS_MINUTES: z.coerce.number().int().min(0).default(720),
  SCHEDULER_QUIET_HOURS: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'must be "HH:MM-HH:MM" or "off"')
    .default("21:00-07:30"),
  OUTBOX_RATE_LIMITS: optional(
    z.string().transform((text, ctx) => {
      const parsed = rateLimitsSchema.safeParse(safeJson(text));
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: "custom",
        message: `must be JSON limits by channel: ${parsed.error.issues[0]?.message}`,
      });
      return z.NEVER;
    }),
  ),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Env = z.infer<typeof EnvSchema>;

/** Telegram bot: long polling unless `webhook` is set. */
export type TelegramConfig = { token: string; apiRoot?: string; webhook?: { url: string; secret: string } };
/** WeChat through wechaty: the puppet package and its token, if it needs one. */
export type WechatConfig = { puppet: string; puppetToken?: string };
/** WeCom (企业微信) self-built app. */
export type WecomConfig = {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  aesKey: string;
  apiRoot: string;
  /** A callback signed longer ago (or further ahead) than this is refused as a replay. */
  callbackMaxAgeMs: number;
};

/** The office console's settings. */
export type WebConfig = {
  /** The address people open (links in chat); null: the HTTP server's own address. */
  publicUrl: string | null;
  /** Cookies only over HTTPS: true when the public address is https://. */
  secureCookies: boolean;
  sessionHours: number;
  /** The chat simulator: on by default only when the server listens on a loopback address. */
  simulator: boolean;
};

/** Whether a listen address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const WECOM_DEFAULT_API_ROOT = "https://qyapi.weixin.qq.com";

export type Config = {
  dataDir: string;
  databaseUrl: string;
  promptsDir: string;
  rulesDir: string;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  maxPhotoBytes: number;
  /** Largest accepted photo by width × height, read from its header before it is decoded (decompression bombs). */
  maxPhotoPixels: number;
  inviteTtlDays: number;
  bindMaxFailures: number;
  bindWindowMinutes: number;
  /** Failed bind attempts of all accounts together in the window before binding pauses for everyone. */
  bindGlobalMaxFailures: number;
  demoSeed: boolean;
  /** Seed months of activity (campaigns, self-checks, tickets, inspections) with the demo park. */
  demoHistory: boolean;
  outboxMaxAttempts: number;
  /** A send taking longer than this is aborted and tried again later. */
  outboxSendTimeoutMs: number;
  /** A send in doubt (its process died, or it timed out): `hold` ends it unconfirmed, `resend` sends it again. */
  outboxInDoubt: "hold" | "resend";
  /** Where the HTTP server (Telegram webhook, WeCom callback) listens when a channel needs it. */
  http: { host: string; port: number };
  /** The office console (src/web): its public address, sessions and the chat simulator. */
  web: WebConfig;
  /** Campaign and deadline sweeps (see the scheduler). */
  scheduler: {
    enabled: boolean;
    createAheadDays: number;
    maxLatenessMinutes: number;
    /** Late work waits through these hours; null: never quiet. */
    quietHours: { from: string; to: string } | null;
  };
  /** Per-channel send limits merged over the platforms' published defaults. */
  outboxRateLimits: RateLimits;
  /** Each chat channel is present only when its settings are. */
  telegram?: TelegramConfig;
  wechat?: WechatConfig;
  wecom?: WecomConfig;
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
  const problems = channelProblems(e);
  if (problems.length)
    throw new ConfigError(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "xunjian.db")}`,
    // The shipped content sits beside the code, wherever the command is run from.
    promptsDir: path.resolve(e.PROMPTS_DIR ?? path.join(PACKAGE_ROOT, "prompts")),
    rulesDir: path.resolve(e.RULES_DIR ?? path.join(PACKAGE_ROOT, "rules")),
    logLevel: e.LOG_LEVEL,
    maxPhotoBytes: e.MAX_PHOTO_BYTES,
    maxPhotoPixels: e.MAX_PHOTO_PIXELS,
    inviteTtlDays: e.INVITE_TTL_DAYS,
    bindMaxFailures: e.BIND_MAX_FAILURES,
    bindWindowMinutes: e.BIND_WINDOW_MINUTES,
    bindGlobalMaxFailures: e.BIND_GLOBAL_MAX_FAILURES,
    demoSeed: e.DEMO_SEED,
    demoHistory: e.DEMO_HISTORY,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    outboxSendTimeoutMs: e.OUTBOX_SEND_TIMEOUT_SECONDS * 1000,
    outboxInDoubt: e.OUTBOX_IN_DOUBT,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    web: {
      publicUrl: e.WEB_PUBLIC_URL?.replace(/\/+$/, "") ?? null,
      secureCookies: e.WEB_PUBLIC_URL?.startsWith("https://") ?? false,
      sessionHours: e.WEB_SESSION_HOURS,
      simulator: e.SIMULATOR_ENABLED ?? isLoopback(e.HTTP_HOST),
    },
    scheduler: {
      enabled: e.SCHEDULER_ENABLED,
      createAheadDays: e.CAMPAIGN_CREATE_AHEAD_DAYS,
      maxLatenessMinutes: e.SCHEDULER_MAX_LATENESS_MINUTES,
      quietHours: quietHours(e.SCHEDULER_QUIET_HOURS),
    },
    outboxRateLimits: e.OUTBOX_RATE_LIMITS ?? {},
    ...channels(e),
  };
}

function quietHours(value: string): { from: string; to: string } | null {
  const [from, to] = value.split("-");
  return value === "off" || !from || !to ? null : { from, to };
}

const WECOM_REQUIRED = [
  "WECOM_CORP_ID",
  "WECOM_AGENT_ID",
  "WECOM_SECRET",
  "WECOM_TOKEN",
  "WECOM_AES_KEY",
] as const;

/** Half-configured channels are refused at start, naming what is missing. */
function channelProblems(e: Env): string[] {
  const problems: string[] = [];
  for (const name of ["TELEGRAM_API_ROOT", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET"] as const)
    if (e[name] !== undefined && e.TELEGRAM_BOT_TOKEN === undefined)
      problems.push(`TELEGRAM_BOT_TOKEN: required because ${name} is set`);
  if ((e.TELEGRAM_WEBHOOK_URL === undefined) !== (e.TELEGRAM_WEBHOOK_SECRET === undefined))
    problems.push(
      "TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET: set both for webhook mode, or neither for long polling",
    );
  if (e.WECHATY_PUPPET_SERVICE_TOKEN !== undefined && e.WECHATY_PUPPET === undefined)
    problems.push("WECHATY_PUPPET: required because WECHATY_PUPPET_SERVICE_TOKEN is set");
  if (e.WECHATY_PUPPET === "wechaty-puppet-service" && e.WECHATY_PUPPET_SERVICE_TOKEN === undefined)
    problems.push("WECHATY_PUPPET_SERVICE_TOKEN: required by wechaty-puppet-service");
  const wecomSet = [...WECOM_REQUIRED, "WECOM_API_ROOT" as const].filter((n) => e[n] !== undefined);
  const wecomMissing = WECOM_REQUIRED.filter((n) => e[n] === undefined);
  if (wecomSet.length > 0 && wecomMissing.length > 0)
    problems.push(
      `${wecomMissing.join(", ")}: required because ${wecomSet.join(", ")} ${wecomSet.length > 1 ? "are" : "is"} set (WeCom needs all five)`,
    );
  return problems;
}

function channels(e: Env): Pick<Config, "telegram" | "wechat" | "wecom"> {
  const out: Pick<Config, "telegram" | "wechat" | "wecom"> = {};
  if (e.TELEGRAM_BOT_TOKEN)
    out.telegram = {
      token: e.TELEGRAM_BOT_TOKEN,
      ...(e.TELEGRAM_API_ROOT ? { apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, "") } : {}),
      ...(e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
        ? { webhook: { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET } }
        : {}),
    };
  if (e.WECHATY_PUPPET)
    out.wechat = {
      puppet: e.WECHATY_PUPPET,
      ...(e.WECHATY_PUPPET_SERVICE_TOKEN ? { puppetToken: e.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
    };
  if (e.WECOM_CORP_ID && e.WECOM_AGENT_ID && e.WECOM_SECRET && e.WECOM_TOKEN && e.WECOM_AES_KEY)
    out.wecom = {
      corpId: e.WECOM_CORP_ID,
      agentId: e.WECOM_AGENT_ID,
      secret: e.WECOM_SECRET,
      token: e.WECOM_TOKEN,
      aesKey: e.WECOM_AES_KEY,
      apiRoot: (e.WECOM_API_ROOT ?? WECOM_DEFAULT_API_ROOT).replace(/\/+$/, ""),
      callbackMaxAgeMs: e.WECOM_CALLBACK_MAX_AGE_SECONDS * 1000,
    };
  return out;
}
