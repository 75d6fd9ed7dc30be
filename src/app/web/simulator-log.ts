import type { NewSimulatorEntry, SimulatorEntry, SimulatorLogPort } from "../../channels/web/web-channel.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { AppDeps } from "../app-deps.ts";

/** How many lines of a chat the simulator shows. */
const SHOWN = 300;

/**
 * The simulator's chat log in the database: a line per message in the order it appeared, so a
 * chat reads the same after a restart. The bot's lines carry their outbox row, so a message
 * delivered again (sent, but the process died before marking it) is shown once.
 */
export function storedSimulatorLog(deps: AppDeps): SimulatorLogPort {
  return {
    async append(phone: string, entry: NewSimulatorEntry, outboxId?: string): Promise<void> {
      const payload =
        entry.from === "me" ? { text: entry.text, photos: entry.photos } : { message: entry.message };
      await deps.uow.run((s) =>
        s.simulatorLog.append({
          phone,
          fromMe: entry.from === "me",
          payload: JSON.stringify(payload),
          ...(outboxId ? { outboxId } : {}),
          at: entry.at,
        }),
      );
    },
    async entries(phone: string, after = 0): Promise<SimulatorEntry[]> {
      const rows = await deps.uow.read((s) => s.simulatorLog.after(phone, after, SHOWN));
      return rows.map((r) => {
        const p = JSON.parse(r.payload) as { text?: string; photos?: number; message?: OutboundMessage };
        return r.fromMe
          ? { seq: r.id, from: "me", text: p.text ?? "", photos: p.photos ?? 0, at: r.at }
          : { seq: r.id, from: "bot", message: p.message ?? { text: "", expects: "none" }, at: r.at };
      });
    },
  };
}
