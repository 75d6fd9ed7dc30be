import type { ChannelRuntime } from "../../channels/channel.ts";
import type { AppDeps } from "../app-deps.ts";
import { alertAdmins } from "./alert-admins.ts";
import { clearUnreachable, markUnreachable } from "./mark-unreachable.ts";

/** The app services of a channel's runtime, bound to one channel. */
export type ChannelServices = Pick<
  ChannelRuntime,
  "storedFile" | "markUnreachable" | "clearUnreachable" | "alertAdmins" | "reachableAccounts"
>;

/** What the app offers the channel `channel`, each call its own short unit of work. */
export function channelServices(deps: AppDeps, channel: string): ChannelServices {
  const account = (externalId: string) => ({ channel, externalId });
  return {
    storedFile: async (attachmentId) => {
      const file = await deps.uow.read((s) => s.outbox.attachmentFile(attachmentId));
      return file ? { ...file, bytes: () => deps.files.get(file.sha256) } : null;
    },
    markUnreachable: (externalId, reason) =>
      deps.uow.run((s) => markUnreachable(s, deps.log, account(externalId), reason, deps.clock.now())),
    clearUnreachable: (externalId) => deps.uow.run((s) => clearUnreachable(s, deps.log, account(externalId))),
    alertAdmins: async (alert) => {
      const reached = await deps.uow.run((s) =>
        alertAdmins(s, { ...alert, avoidChannel: channel }, deps.clock.now()),
      );
      deps.log.error({ alert: alert.key, adminsReached: reached, text: alert.text }, "admin alert");
      return reached;
    },
    reachableAccounts: () => deps.uow.read((s) => s.identities.reachableAccountsOf(channel)),
  };
}
