import type { Role } from "./role.ts";

/** Someone the office imported: an enterprise head, grid worker, leader or admin. */
export type Person = {
  id: string;
  name: string;
  phone: string;
  role: Role;
  /** The enterprise an enterprise head answers for; null for every other role. */
  enterpriseId: string | null;
  active: boolean;
};
