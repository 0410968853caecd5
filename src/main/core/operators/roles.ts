// Roles (pos-practice.md §1.8 "Identity": clerk, supervisor, technician). Ordered: a higher role may do
// whatever a lower one may. The technician is the installer's account (creates operators, first run).
export const ROLES = ['clerk', 'supervisor', 'technician'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { clerk: 1, supervisor: 2, technician: 3 };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when `have` is at least `need`. */
export function roleAtLeast(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}
