// The roles people hold. A person may hold several; a provider user holds only that one.

export const STAFF_ROLES = [
  'administrator',
  'commissioner',
  'evaluator',
  'finance_officer',
  'brokerage_officer',
  'social_worker',
  'quality_officer',
  'auditor',
] as const;

export const ROLES = [...STAFF_ROLES, 'provider_user'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  commissioner: 'Commissioner',
  evaluator: 'Evaluator',
  finance_officer: 'Finance officer',
  brokerage_officer: 'Brokerage officer',
  social_worker: 'Social worker',
  quality_officer: 'Quality officer',
  auditor: 'Auditor (read only)',
  provider_user: 'Provider user',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who may use a page or API route: a list of roles, anyone signed in, or anyone at all. */
export type Access = readonly Role[] | 'signed-in' | 'public';

export function allows(access: Access, roles: readonly Role[] | undefined): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (access === 'signed-in') return true;
  return roles.some((role) => access.includes(role));
}

/** Every staff role: for pages any member of an organisation may read. */
export const ANY_STAFF: readonly Role[] = STAFF_ROLES;
