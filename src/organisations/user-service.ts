// The people who use Hearth: an administrator adds and changes the people of their organisation;
// other parts ask for people's names, and history for who may see a person's record.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { listAuditEvents, recordAudit, type Actor } from '../platform/audit/service.ts';
import { canSeeOrganisationRecord } from '../platform/audit/routes.ts';
import { showWhole, type RecordHistory } from '../platform/audit/history.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { endSessionsOf } from '../platform/auth/session-store.ts';
import { hashPassword } from '../platform/auth/secrets.ts';
import { changedFields, pick } from '../platform/domain/changes.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { isRole, type Role } from '../platform/domain/roles.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../platform/http/errors.ts';
import { fieldErrors } from '../platform/http/validation.ts';
import { providerSummary } from '../providers/service.ts';
import { creation, tokenRevocation } from './audit-entries.ts';
import { roleChanges, roleProblems, selfChangeProblems, type RoleChange } from './domain/organisation-rules.ts';
import { userChangeInput, userInput, type UserChangeInput, type UserInput } from './input.ts';
import * as repository from './repository.ts';

/** A person's record as shown and audited: never the password hash. */
function publicUser(user: repository.UserRow) {
  const { passwordHash: _passwordHash, ...rest } = user;
  return { ...rest, hasPassword: user.passwordHash !== null };
}
export type PublicUser = ReturnType<typeof publicUser>;

/**
 * A person's details checked against their form's schema, keeping the roles asked for (those that
 * are roles) even when the rest is wrong, so that the rules about roles can be checked as well.
 */
function checkPerson<S extends z.ZodType<{ roles: Role[] }>>(schema: S, input: { roles?: readonly string[] }) {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { data: parsed.data, errors: [] as FieldError[], roles: parsed.data.roles }
    : { data: undefined, errors: fieldErrors(parsed.error), roles: (input.roles ?? []).filter(isRole) };
}

/** Every problem at once: the rules' problems join the form's, except on a field the form already faults. */
function withRuleProblems(errors: readonly FieldError[], problems: readonly FieldError[]): FieldError[] {
  const known = new Set(errors.map((error) => error.field));
  return [...errors, ...problems.filter((problem) => !known.has(problem.field))];
}

/** `hash` turns the password into its stored hash: a loader creating many users with one password hashes it once. */
export async function createUser(
  db: Db,
  actor: Actor,
  input: UserInput,
  hash: (password: string) => Promise<string> = hashPassword,
): Promise<PublicUser> {
  const checked = checkPerson(userInput, input);
  const errors = [...checked.errors];
  const organisation = input.organisation
    ? ((await repository.organisationByCode(db, input.organisation)) ??
      (isUuid(input.organisation) ? await repository.organisationById(db, input.organisation) : undefined))
    : undefined;
  if (input.organisation && !organisation)
    errors.push({ field: 'organisation', message: `There is no organisation ${input.organisation}` });
  const provider = input.provider && isUuid(input.provider) ? await providerSummary(db, input.provider) : undefined;
  if (input.provider && !provider)
    errors.push({ field: 'provider', message: `There is no provider ${input.provider}` });
  const problems = withRuleProblems(
    errors,
    roleProblems(checked.roles, input.organisation !== undefined, input.provider !== undefined),
  );
  const data = checked.data;
  if (problems.length > 0 || !data) throw new ValidationError(problems);
  return db.transaction(async (tx) => {
    if (await repository.userByEmail(tx, data.email)) {
      throw new ConflictError(`Someone already uses ${data.email}`, [
        { field: 'email', message: `Someone already uses ${data.email}` },
      ]);
    }
    const user = {
      id: randomUUID(),
      email: data.email,
      name: data.name,
      passwordHash: data.password ? await hash(data.password) : null,
      roles: [...new Set(data.roles)],
      organisationId: organisation?.id ?? null,
      providerId: provider?.id ?? null,
      oidcSubject: null,
      active: true,
      createdAt: new Date(),
      lastSignInAt: null,
    };
    await repository.insertUser(tx, user);
    await recordAudit(tx, actor, [creation('user', user.id, user.organisationId, publicUser(user))]);
    return publicUser(user);
  });
}

export async function listUsers(
  db: Db,
  viewer: CurrentUser,
  page: number,
  pageSize = 25,
  query: repository.PeopleQuery = {},
): Promise<Page<PublicUser>> {
  if (!viewer.organisationId) throw new NotFoundError();
  const { rows, total } = await repository.usersOf(
    db,
    { organisationId: viewer.organisationId },
    (page - 1) * pageSize,
    pageSize,
    query,
  );
  return pageOf(rows.map(publicUser), total, page, pageSize);
}

/** A person of the administrator's own organisation; anyone else answers not found. */
export async function userForAdministrator(db: Db, viewer: CurrentUser, userId: string): Promise<PublicUser> {
  const user = isUuid(userId) ? await repository.userById(db, userId) : undefined;
  if (!user || !viewer.organisationId || user.organisationId !== viewer.organisationId) throw new NotFoundError();
  return publicUser(user);
}

/**
 * An administrator changes a person of their organisation: name, roles, whether they can sign in
 * (a deactivated person's sessions and API tokens stop working at once), or a new password (which
 * ends all their sessions); and may revoke all their API tokens.
 */
export async function changeUser(
  db: Db,
  viewer: CurrentUser,
  userId: string,
  input: UserChangeInput,
): Promise<PublicUser> {
  const current = await userForAdministrator(db, viewer, userId);
  const checked = checkPerson(userChangeInput, input);
  const selfProblems = selfChangeProblems(userId === viewer.id, current.roles, {
    roles: checked.roles,
    active: input.active !== false,
    password: Boolean(input.password),
  });
  const problems = withRuleProblems(checked.errors, [...roleProblems(checked.roles, true, false), ...selfProblems]);
  const data = checked.data;
  if (problems.length > 0 || !data) throw new ValidationError(problems);
  const { name, active, password, revokeApiTokens } = data;
  const fields = { name, roles: [...new Set(data.roles)], active };
  const changed = changedFields(current, fields);
  if (changed.length === 0 && !password && !revokeApiTokens) return current;
  return db.transaction(async (tx) => {
    await repository.updateUser(tx, userId, {
      ...fields,
      ...(password ? { passwordHash: await hashPassword(password) } : {}),
    });
    // Whoever knew the old password is signed out wherever they were.
    const sessionsEnded = password ? await endSessionsOf(tx, userId) : 0;
    const revoked = revokeApiTokens ? await repository.revokeTokensOf(tx, userId, new Date()) : [];
    await recordAudit(tx, actorOf(viewer), [
      ...(changed.length > 0 || password
        ? [
            {
              action: active || !current.active ? 'user.update' : 'user.deactivate',
              recordType: 'user',
              recordId: userId,
              before: pick(current, changed),
              after: { ...pick(fields, changed), ...(password ? { passwordReset: true, sessionsEnded } : {}) },
            },
          ]
        : []),
      ...revoked.map((token) => tokenRevocation(token, current.organisationId)),
    ]);
    return { ...current, ...fields, hasPassword: current.hasPassword || Boolean(password) };
  });
}

/** Who changed a person's roles, when, and from what to what, newest first: read from the audit trail. */
export async function roleChangesOf(db: Db, viewer: CurrentUser, userId: string): Promise<RoleChange[]> {
  await userForAdministrator(db, viewer, userId);
  const events = await listAuditEvents(db, { recordType: 'user', recordId: userId, changed: 'roles' }, 1);
  return roleChanges(events.items);
}

/** A person's account history: their own, or for their organisation's administrators and auditors. */
export async function userHistory(db: Db, viewer: CurrentUser, userId: string): Promise<RecordHistory | null> {
  const user = isUuid(userId) ? await repository.userById(db, userId) : undefined;
  if (!user || !canSeeOrganisationRecord(viewer, user.organisationId, user.id)) return null;
  return { label: user.name, href: viewer.id === user.id ? '/account' : `/admin/users/${user.id}`, show: showWhole };
}

/** People's names by id, for other parts to show (evaluators beside their scores). */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await repository.usersByIds(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Who did something, as a history's viewer may know them: by name when the actor is one of their
 * own organisation or provider, or (to staff) a provider's person acting on their records, or the
 * command line; anyone else only by their organisation, so evaluators and officers elsewhere stay
 * unnamed.
 */
export async function actorNamesFor(
  db: Db,
  viewer: CurrentUser,
  events: readonly { seq: number; actorUserId: string | null; actorLabel: string }[],
): Promise<Map<number, string>> {
  const actors = new Map(
    (await repository.usersByIds(db, [...new Set(events.flatMap((event) => event.actorUserId ?? []))])).map((user) => [
      user.id,
      user,
    ]),
  );
  const organisations = await repository.organisationsByIds(db, [
    ...new Set([...actors.values()].flatMap((user) => user.organisationId ?? [])),
  ]);
  const organisationName = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
  return new Map(
    events.map((event) => {
      const actor = event.actorUserId ? actors.get(event.actorUserId) : undefined;
      if (!actor) return [event.seq, event.actorLabel];
      const known =
        viewer.providerId !== null
          ? actor.providerId === viewer.providerId
          : actor.organisationId === viewer.organisationId || actor.providerId !== null;
      return [
        event.seq,
        known ? event.actorLabel : (organisationName.get(actor.organisationId ?? '') ?? 'Another organisation'),
      ];
    }),
  );
}

/** The active people a message is for: by id, a provider's users, or an organisation's holders of a role. */
export function activeRecipients(db: Db, who: Parameters<typeof repository.activeRecipients>[1]) {
  return repository.activeRecipients(db, who);
}

/**
 * A care provider's people, for administrators: the registry is shared by every council, so any
 * council's administrator sets up the people of a provider it works with.
 */
function providerAdministrator(viewer: CurrentUser): void {
  if (!hasRole(viewer, 'administrator')) throw new ForbiddenError("Only administrators manage a provider's people.");
}

export async function providerUsers(db: Db, viewer: CurrentUser, providerId: string): Promise<PublicUser[]> {
  providerAdministrator(viewer);
  const { rows } = await repository.usersOf(db, { providerIds: [providerId] }, 0, 200);
  return rows.map(publicUser);
}

export async function addProviderUser(
  db: Db,
  viewer: CurrentUser,
  providerId: string,
  input: { email: string; name: string; password?: string },
): Promise<PublicUser> {
  providerAdministrator(viewer);
  return createUser(db, actorOf(viewer), { ...input, roles: ['provider_user'], provider: providerId });
}
