import { parseAckChoice, parseMissingChoice } from "../../domain/campaign/leader-card.ts";
import { type ChatHandler, onCommand } from "../inbound/chat-handler.ts";
import { acknowledgeCard } from "./acknowledge-card.ts";
import { listMissingEnterprises } from "./list-missing-enterprises.ts";
import { listPendingSelfChecks } from "./list-pending-self-checks.ts";

/** A leader card's 已阅 button: means the same whenever it is pressed, whatever the chat is doing. */
export const acknowledgeCardHandler: ChatHandler = {
  name: "acknowledge-card",
  match: (t) => t.msg.choiceId !== undefined && parseAckChoice(t.msg.choiceId) !== undefined,
  handle: async (t) => ({
    replies: await acknowledgeCard(
      t.s,
      t.deps,
      t.actor.person.id,
      parseAckChoice(t.msg.choiceId ?? "") ?? "",
    ),
  }),
};

/** A leader card's 查看全部 button: every enterprise of the sender's areas still to submit, in chat. */
export const missingEnterprisesHandler: ChatHandler = {
  name: "missing-enterprises",
  match: (t) => t.said.choiceId !== undefined && parseMissingChoice(t.said.choiceId) !== undefined,
  handle: async (t) => ({
    replies: await listMissingEnterprises(
      t.s,
      t.deps,
      t.actor,
      parseMissingChoice(t.said.choiceId ?? "") ?? "",
    ),
  }),
};

/** 未自查 / 自查进度: who in the sender's scope still owes the open campaigns' self-check. */
export const pendingSelfChecksHandler = onCommand(
  "pending-self-checks",
  ["pending_self_checks"],
  async (t) => ({
    replies: await listPendingSelfChecks(t.s, t.deps, t.actor),
  }),
);
