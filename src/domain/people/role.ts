/** What a person does in the system; decides what they see and may change. */
export const Roles = ["enterprise_head", "grid_worker", "leader", "admin", "inspector", "expert"] as const;
export type Role = (typeof Roles)[number];

export function isRole(v: string): v is Role {
  return (Roles as readonly string[]).includes(v);
}
