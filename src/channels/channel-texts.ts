import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { describeProblems, zodProblems } from "../content/content-problem.ts";
import { AppError } from "../domain/app-error.ts";

const line = z.string().min(1);

/** The wording the chat adapters add around the bot's messages: `prompts/channels.yaml`. */
export const ChannelTextsSchema = z
  .object({
    telegram: z
      .object({
        commands: z
          .array(
            z
              .object({
                command: z.string().regex(/^[a-z0-9_]{1,32}$/, "1-32 characters of a-z, 0-9 and _"),
                description: z.string().min(1).max(256),
              })
              .strict(),
          )
          .min(1)
          .max(100),
        chosen: line,
        stale_button: z.string().min(1).max(200),
      })
      .strict(),
    wechat: z.object({ choice_line: line, choice_hint: line, card_title: line, card_line: line }).strict(),
    wecom: z
      .object({ chosen: line, stale_card: line, choice_line: line, choice_hint: line, card_line: line })
      .strict(),
    alerts: z.object({ wechat_logout: line, wechat_login_failed: line, wechat_stale_ids: line }).strict(),
  })
  .strict();
export type ChannelTexts = z.infer<typeof ChannelTextsSchema>;

export const CHANNEL_TEXTS_FILE = "channels.yaml";

/** Reads and validates `channels.yaml` under the prompts directory; problems name the file and path. */
export function loadChannelTexts(promptsDir: string): ChannelTexts {
  const file = path.join(promptsDir, CHANNEL_TEXTS_FILE);
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, "utf8"), { prettyErrors: true });
  } catch (e) {
    throw new AppError(
      "invalid_content",
      `${CHANNEL_TEXTS_FILE}: (file): ${e instanceof Error ? e.message : e}`,
      {
        cause: e,
      },
    );
  }
  const parsed = ChannelTextsSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_content",
      `Content files are invalid:\n${describeProblems(zodProblems(CHANNEL_TEXTS_FILE, parsed.error))}`,
    );
  return parsed.data;
}

/** Fills `{name}` placeholders; unknown names stay as they are. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
