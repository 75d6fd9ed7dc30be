import readline from "node:readline";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { ConsoleInput } from "./console-session.ts";

/** Reads one typed line: `/photo <path> [<path>...]`, `/choice <id>`, or plain text. */
export function parseConsoleLine(line: string): ConsoleInput | null {
  const trimmed = line.trim();
  if (!trimmed) return null;
  const photo = /^\/photo\s+(.+)$/.exec(trimmed);
  if (photo?.[1]) return { photoPaths: photo[1].split(/\s+/) };
  const choice = /^\/choice\s+(\S+)$/.exec(trimmed);
  if (choice?.[1]) return { choiceId: choice[1] };
  return { text: trimmed };
}

/** How a bot message looks in the terminal: the text, then numbered choices. */
export function renderForTerminal(m: OutboundMessage): string {
  const lines = [
    m.card ? `【${m.card.title}】\n${m.card.lines.map((l) => `${l.label}：${l.value}`).join("\n")}` : "",
    m.text,
  ];
  const choices = m.card?.choices ?? m.choices ?? [];
  if (choices.length) lines.push(choices.map((c, i) => `[${i + 1}] ${c.label}`).join("  "));
  return `${lines.filter(Boolean).join("\n")}\n`;
}

/**
 * The `--json` line: a stable shape scripts rely on. `text`, `choices` and `expects` always; a
 * card (leader cards, reminders) adds `card` with its title, every label/value line and its buttons.
 */
export function renderAsJson(m: OutboundMessage): string {
  const line = { text: m.text, choices: m.choices ?? m.card?.choices ?? [], expects: m.expects };
  const card = m.card && { title: m.card.title, lines: m.card.lines, choices: m.card.choices };
  return `${JSON.stringify(card ? { ...line, card } : line)}\n`;
}

/**
 * Runs a line-by-line chat: each line is one inbound message, processed strictly in order.
 * Resolves when the input ends.
 */
export async function runRepl(
  input: NodeJS.ReadableStream,
  handle: (i: ConsoleInput) => Promise<void>,
  onError: (e: unknown) => void,
): Promise<void> {
  const rl = readline.createInterface({ input, terminal: false });
  for await (const line of rl) {
    const parsed = parseConsoleLine(line);
    if (!parsed) continue;
    try {
      await handle(parsed);
    } catch (e) {
      onError(e);
    }
  }
}
