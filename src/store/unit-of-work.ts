import { AsyncLocalStorage } from "node:async_hooks";
import { AppError } from "../domain/app-error.ts";
import type { Stores } from "./stores.ts";

/**
 * Runs work against the database with the stores bound to it. Every access goes through here
 * and is serialised: the SQLite connection is single, and a statement issued while another
 * caller's transaction is open would otherwise run inside that transaction and be rolled back
 * with it.
 */
export interface UnitOfWork {
  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  run<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  /** Runs `work` outside a transaction (reads, or single writes that stand alone). */
  read<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
}

/** A FIFO lock: callers run one at a time in the order they asked. */
export class SerialLock {
  private tail: Promise<void> = Promise.resolve();
  private readonly inside = new AsyncLocalStorage<true>();

  async hold<T>(work: () => Promise<T>): Promise<T> {
    // A unit of work that opens another one would wait on itself forever: say so instead.
    if (this.inside.getStore())
      throw new AppError("internal", "a unit of work was opened inside another one; pass its stores on");
    const before = this.tail;
    let release = (): void => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await before;
    try {
      return await this.inside.run(true, work);
    } finally {
      release();
    }
  }
}
