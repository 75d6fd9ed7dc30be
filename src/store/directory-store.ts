import type { Client } from "./client.ts";

/** Bulk writes of the directory (areas, grids, enterprises, people) for import and the demo seed. */
export class DirectoryStore {
  constructor(private readonly db: Client) {}
}
