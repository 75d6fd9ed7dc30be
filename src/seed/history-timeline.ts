/** The moments of the demo history and what every part of it works with. */
import type { Actor } from "../app/actor.ts";
import type { AppDeps } from "../app/app-deps.ts";
import type { AreaNode } from "../domain/area/area-tree.ts";
import type { Enterprise } from "../domain/enterprise.ts";
import type { Person } from "../domain/people/person.ts";
import type { Stores } from "../store/stores.ts";
import type { HistoryFile } from "./history-plan.ts";

/** Something that happens at a moment of the history, in one unit of work, with the clock at `at`. */
export type HistoryStep = {
  at: Date;
  run: (s: Stores, deps: AppDeps) => Promise<void>;
  /** The step may open tickets: their fate is planned right after it. */
  opensTickets?: boolean;
};

/** Steps waiting for their moment, run in time order (ties in the order they were planned). */
export class Timeline {
  private steps: (HistoryStep & { n: number })[] = [];
  private n = 0;

  add(step: HistoryStep): void {
    this.steps.push({ ...step, n: this.n++ });
  }

  /** Removes and returns the steps due before `until`, earliest first. */
  takeBefore(until: Date): HistoryStep[] {
    const due = this.steps.filter((s) => s.at.getTime() < until.getTime());
    this.steps = this.steps.filter((s) => s.at.getTime() >= until.getTime());
    return due.sort((a, b) => a.at.getTime() - b.at.getTime() || a.n - b.n);
  }
}

/** A demo person with their enterprise (heads). */
export type Someone = Person & { enterprise: Enterprise | null };

/** What every part of the history works with. */
export type HistoryContext = {
  deps: AppDeps;
  file: HistoryFile;
  /** The history's one stream of choices (seeded: the same day gives the same history). */
  random: () => number;
  timeline: Timeline;
  people: readonly Someone[];
  areas: readonly AreaNode[];
  /** When the history ends; nothing is planned at or after it. */
  now: Date;
  /** The app's dependencies with the clock at `t`. */
  at(t: Date): AppDeps;
  actorOf(p: Someone): Actor;
};
