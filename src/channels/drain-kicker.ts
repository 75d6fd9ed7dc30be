import type { Logger } from "../logger.ts";
import type { Dispatcher } from "../outbox/dispatcher.ts";

/**
 * Runs an outbox drain as soon as a channel enqueued replies, instead of waiting for the
 * dispatcher's next tick: kicks during a drain fold into one more drain after it.
 */
export class DrainKicker {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly dispatcher: Pick<Dispatcher, "drain">,
    private readonly log: Logger,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no drain is running or asked for. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.dispatcher.drain();
      } catch (err) {
        this.log.error({ err }, "outbox drain failed");
      }
    } while (this.again);
  }
}
