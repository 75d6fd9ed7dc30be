import type { Config } from "../config.ts";
import type { ProductContent } from "../content/validate-all-content.ts";
import type { Clock } from "../domain/clock.ts";
import type { Logger } from "../logger.ts";
import type { FileStore } from "../store/file-store.ts";
import type { UnitOfWork } from "../store/unit-of-work.ts";
import type { AttachmentSources } from "./attachment-sources.ts";

/** What use cases need, built once by the composition root. */
export type AppDeps = {
  uow: UnitOfWork;
  content: ProductContent;
  clock: Clock;
  config: Config;
  files: FileStore;
  log: Logger;
  /** Fetches attachments channels hand over by reference (e.g. a Telegram file id). */
  attachments: AttachmentSources;
};
