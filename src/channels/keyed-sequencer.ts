/**
 * Runs tasks one after another per key (a chat) and concurrently across keys, so one slow
 * chat never holds up the others while each chat's messages keep their order.
 */
export class KeyedSequencer {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    this.running.add(tail);
    tail.then(
      () => {
        this.running.delete(tail);
        if (this.tails.get(key) === tail) this.tails.delete(key);
      },
      () => undefined,
    );
    return result;
  }

  /** Resolves once every task started so far (and any started meanwhile) has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
