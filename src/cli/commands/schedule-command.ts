import type { Command } from "commander";
import type { PreviewSlot } from "../../app/campaign/preview-schedule.ts";
import { compareDates } from "../../domain/calendar/local-date.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import { formatShanghai } from "../../scheduler/shanghai-instant.ts";
import { printJson, withApp } from "../cli-context.ts";
import { CliError, checkDateOption } from "../cli-error.ts";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function describeWork(slot: PreviewSlot): string {
  const w = slot.work;
  if (w.kind === "reminder")
    return `reminder ${w.stage}, ${w.variant === "default" ? "other classes" : `class ${w.variant}`}`;
  return w.round === 0
    ? `leader card ${w.cardId} (${w.label})`
    : `leader card ${w.cardId} follow-up ${w.round}`;
}

function messageText(m: OutboundMessage, indent: string): string {
  const card = m.card ? [`【${m.card.title}】`, ...m.card.lines.map((l) => `${l.label}：${l.value}`)] : [];
  const choices = (m.card?.choices ?? m.choices ?? []).map((c) => `[${c.label}] (${c.id})`).join(" ");
  return [...m.text.split("\n"), ...card.flatMap((l) => l.split("\n")), ...(choices ? [choices] : [])]
    .map((l) => `${indent}${l}`)
    .join("\n");
}

function slotText(slot: PreviewSlot, full: boolean): string {
  const when = formatShanghai(slot.at);
  const weekday = WEEKDAYS[new Date(`${when.slice(0, 10)}T00:00:00Z`).getUTCDay()] ?? "";
  const status =
    slot.status === "ahead"
      ? `${slot.messages.length} message(s)`
      : slot.status === "done"
        ? `done, ${slot.messages.length} message(s)`
        : `skipped: ${slot.note ?? ""}`;
  const lines = [
    `${when} ${weekday}  ${slot.campaign.key}${slot.campaign.created ? "" : " (not created yet)"}  ${describeWork(slot)}  [${status}]`,
  ];
  slot.messages.forEach((m, i) => {
    const enterprise = m.message.text.split("\n")[1]?.split("：")[0];
    lines.push(
      `    → ${m.name || "?"} (${m.channel}:${m.recipient})${slot.work.kind === "reminder" && enterprise ? ` ${enterprise}` : ""}`,
    );
    if (full || i === 0) lines.push(messageText(m.message, "        "));
  });
  return lines.join("\n");
}

/** `xunjian schedule preview --from <d> --to <d>`: every message campaigns would send, to whom and when. */
export function registerSchedule(program: Command): void {
  const schedule = program.command("schedule").description("what the scheduler will send");
  schedule
    .command("preview")
    .description("list every scheduled message between two days (Asia/Shanghai), to whom and when")
    .requiredOption("--from <date>", "first day YYYY-MM-DD")
    .requiredOption("--to <date>", "last day YYYY-MM-DD")
    .option("--campaign <key>", "only this campaign, e.g. 2026-national_day")
    .option("--full", "print every message in full (default: the first of each slot)")
    .option("--json", "print JSON")
    .action(async (opts: { from: string; to: string; campaign?: string; full?: boolean; json?: boolean }) => {
      checkDateOption("--from", opts.from);
      checkDateOption("--to", opts.to);
      if (compareDates(opts.to, opts.from) < 0)
        throw new CliError("date_order", { from: "--from", to: "--to" });
      const { previewSchedule } = await import("../../app/campaign/preview-schedule.ts");
      await withApp(async ({ deps }) => {
        const content = deps.content.campaigns;
        const slots = (await previewSchedule(deps, content, opts.from, opts.to)).filter(
          (s) => !opts.campaign || s.campaign.key === opts.campaign,
        );
        if (opts.json) {
          printJson(
            slots.map((s) => ({
              at: s.at.toISOString(),
              local: formatShanghai(s.at),
              key: s.key,
              campaign: s.campaign,
              work: {
                ...s.work,
                dueAt: s.work.dueAt.toISOString(),
                expiresAt: s.work.expiresAt.toISOString(),
              },
              status: s.status,
              note: s.note,
              messages: s.messages,
            })),
          );
          return;
        }
        const total = slots.reduce((n, s) => n + s.messages.length, 0);
        const out = [
          `Schedule ${opts.from} .. ${opts.to} (Asia/Shanghai). Work ahead is computed from the database as it is now:`,
          "enterprises that submit and leaders who press 已阅 drop out of later slots.",
          "",
          ...slots.map((s) => slotText(s, opts.full ?? false)),
          "",
          `${slots.length} slot(s), ${total} message(s).`,
        ];
        process.stdout.write(`${out.join("\n")}\n`);
      });
    });
}
