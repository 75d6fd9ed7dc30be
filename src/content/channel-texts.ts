import path from "node:path";
import { z } from "zod";
import { AppError } from "../domain/app-error.ts";
import { fillTemplate } from "../domain/calendar/labels.ts";
import { describeProblems } from "./content-problem.ts";
import { readStructured } from "./read-structured.ts";

const line = z.string().min(1);

/**
 * The wording the chat adapters add around the bot's messages: `prompts/channels.yaml`, one
 * section per channel that has wording of its own (the registry names each channel's section)
 * and the admin alerts the channels raise.
 */
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
        not_yours: z.string().min(1).max(200),
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

/** A channel's own section of the wording file. */
export type ChannelTextSection = Exclude<keyof ChannelTexts, "alerts">;

export const CHANNEL_TEXTS_FILE = "channels.yaml";

/** Reads and validates `channels.yaml` under the prompts directory; problems name the file and path. */
export function loadChannelTexts(promptsDir: string): ChannelTexts {
  const read = readStructured(
    path.join(promptsDir, CHANNEL_TEXTS_FILE),
    ChannelTextsSchema,
    path.dirname(promptsDir),
  );
  if (!read.ok)
    throw new AppError("invalid_content", `Content files are invalid:\n${describeProblems(read.problems)}`);
  return read.data;
}

/** Fills `{name}` placeholders of channel wording; unknown names stay as they are. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return fillTemplate(template, params);
}
