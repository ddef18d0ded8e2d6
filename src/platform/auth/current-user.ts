import type { Role } from '../domain/roles.ts';
import type { Actor } from '../audit/service.ts';
import { ForbiddenError } from '../http/errors.ts';

/** The person making a request, with what scopes their access. */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** Staff: their organisation. Provider users: null. */
  organisationId: string | null;
  organisationName: string | null;
  organisationIsDemo: boolean;
  /** A council or an NHS body: pages say which, never calling an NHS body a council. */
  organisationType: 'council' | 'nhs' | null;
  /** What every page's footer links to for this organisation's people. */
  organisationFooter: {
    accessibilityStatementUrl: string | null;
    privacyNoticeUrl: string | null;
    contactEmail: string | null;
    contactPhone: string | null;
  } | null;
  /** Provider users: the one provider whose records they may see. */
  providerId: string | null;
  providerName: string | null;
}

export function actorOf(user: CurrentUser): Actor {
  return { userId: user.id, label: `${user.name} <${user.email}>`, organisationId: user.organisationId };
}

export function hasRole(user: CurrentUser, ...roles: Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}

/** The viewer's organisation, where they hold one of `roles` in it; else refused. */
export function staffOrganisation(viewer: CurrentUser, roles: readonly Role[]): string {
  if (viewer.organisationId === null || !hasRole(viewer, ...roles)) throw new ForbiddenError();
  return viewer.organisationId;
}
