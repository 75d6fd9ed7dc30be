import type { Config } from "../config.ts";
import type { Content } from "../content/load-content.ts";
import type { Clock } from "../domain/clock.ts";
import type { Logger } from "../logger.ts";
import type { FileStore } from "../store/file-store.ts";
import type { UnitOfWork } from "../store/unit-of-work.ts";

/** What use cases need, built once by the composition root. */
export type AppDeps = {
  uow: UnitOfWork;
  content: Content;
  clock: Clock;
  config: Config;
  files: FileStore;
  log: Logger;
  /** Fetches an attachment a channel handed over by reference (e.g. a Telegram file id). */
  fetchAttachment?: (channel: string, ref: string) => Promise<Buffer>;
};
