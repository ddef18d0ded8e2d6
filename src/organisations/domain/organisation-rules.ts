// Who an organisation is (by its official code) and which roles a person may hold.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { changedFields } from '../../platform/domain/changes.ts';
import { STAFF_ROLES, type Role } from '../../platform/domain/roles.ts';

export type OrganisationType = 'council' | 'nhs';

const GSS_CODE = /^[ENSW]\d{8}$/;
const ODS_CODE = /^[A-Z0-9]{3,6}$/;
const DEMO_CODE = /^demo-[a-z0-9-]+$/;

export interface KnownCouncil {
  name: string;
  current: boolean;
}

/** Null when the code is right for the type; otherwise what is wrong with it. */
export function organisationCodeProblem(
  type: OrganisationType,
  code: string,
  isDemo: boolean,
  councilByCode: (code: string) => KnownCouncil | undefined,
): string | null {
  if (isDemo)
    return DEMO_CODE.test(code) ? null : 'A demo organisation\'s code starts "demo-", for example demo-county';
  if (type === 'council') {
    if (!GSS_CODE.test(code)) return "Enter the council's ONS GSS code, for example E10000028";
    const council = councilByCode(code);
    if (!council) return `${code} is not the GSS code of a UK local authority`;
    if (!council.current) return `${code} belongs to ${council.name}, which is no longer a local authority`;
    return null;
  }
  return ODS_CODE.test(code)
    ? null
    : "Enter the NHS body's ODS code, 3 to 6 capital letters and digits, for example QNC";
}

/** Staff belong to an organisation; a provider user belongs to one provider and holds no other role. */
export function roleProblems(roles: readonly Role[], hasOrganisation: boolean, hasProvider: boolean): FieldError[] {
  const problems: FieldError[] = [];
  if (roles.length === 0) problems.push({ field: 'roles', message: 'Choose at least one role' });
  const isProviderUser = roles.includes('provider_user');
  if (isProviderUser && roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role))) {
    problems.push({ field: 'roles', message: 'A provider user cannot also hold a council or NHS role' });
  }
  if (isProviderUser) {
    if (!hasProvider) problems.push({ field: 'provider', message: 'A provider user must be tied to a provider' });
    if (hasOrganisation)
      problems.push({ field: 'organisation', message: 'A provider user does not belong to a council or NHS body' });
  } else if (roles.length > 0) {
    if (!hasOrganisation) problems.push({ field: 'organisation', message: 'Staff must belong to an organisation' });
    if (hasProvider) problems.push({ field: 'provider', message: 'Only provider users are tied to a provider' });
  }
  return problems;
}

/**
 * An administrator may not change their own standing: roles are granted and removed, and people
 * deactivated, by another administrator (so no one makes themselves an auditor, or locks everyone
 * out); and their own password is changed from their account, where they give the current one.
 */
export function selfChangeProblems(
  isSelf: boolean,
  currentRoles: readonly string[],
  wanted: { roles: readonly Role[]; active: boolean; password: boolean },
): FieldError[] {
  if (!isSelf) return [];
  const problems: FieldError[] = [];
  if (changedFields({ roles: currentRoles }, { roles: [...new Set(wanted.roles)] }).length > 0) {
    problems.push({ field: 'roles', message: 'You cannot change your own roles: ask another administrator' });
  }
  if (!wanted.active)
    problems.push({ field: 'active', message: 'You cannot deactivate yourself: ask another administrator' });
  if (wanted.password)
    problems.push({
      field: 'password',
      message: 'Change your own password from Your account, where you give your current one',
    });
  return problems;
}

export interface RoleChange {
  at: Date;
  by: string;
  from: string[];
  to: string[];
}

const rolesIn = (record: unknown): string[] | undefined => {
  const roles = (record as { roles?: unknown } | null)?.roles;
  return Array.isArray(roles) ? roles.map(String) : undefined;
};

/** The role changes among a person's audit events, in their order: events whose `after` holds roles (being added changes from none). */
export function roleChanges(
  events: readonly { occurredAt: Date; actorLabel: string; before: unknown; after: unknown }[],
): RoleChange[] {
  return events.flatMap((event) => {
    const to = rolesIn(event.after);
    return to ? [{ at: event.occurredAt, by: event.actorLabel, from: rolesIn(event.before) ?? [], to }] : [];
  });
}
