// Organisations (councils and NHS bodies), their zones, the people who use Hearth and their API tokens.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import {
  listAuditEvents,
  recordAudit,
  recordAuditAlone,
  type Actor,
  type AuditEntry,
} from '../platform/audit/service.ts';
import { canSeeOrganisationRecord } from '../platform/audit/routes.ts';
import { showWhole, type RecordHistory } from '../platform/audit/history.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import type { UserDirectory } from '../platform/auth/guard.ts';
import { endSessionsOf } from '../platform/auth/session-store.ts';
import {
  hashPassword,
  newApiToken,
  sha256Hex,
  spendPasswordCheckTime,
  verifyPassword,
} from '../platform/auth/secrets.ts';
import { decideSignIn, DEFAULT_THROTTLE, throttleMessage } from '../platform/domain/sign-in-throttle.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { isRole, type Role } from '../platform/domain/roles.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { fieldErrors, parseOrThrow } from '../platform/http/validation.ts';
import { localAuthorityIndex } from '../platform/reference/reference-data.ts';
import { providerSummary } from '../providers/service.ts';
import { changedFields, pick } from '../platform/domain/changes.ts';
import {
  organisationCodeProblem,
  roleChanges,
  roleProblems,
  selfChangeProblems,
  type RoleChange,
} from './domain/organisation-rules.ts';
import {
  apiTokenInput,
  organisationInput,
  ownPasswordInput,
  userChangeInput,
  userInput,
  type OrganisationInput,
  type OwnPasswordInput,
  type UserChangeInput,
  type UserInput,
} from './input.ts';
import * as repository from './repository.ts';

export type Organisation = repository.OrganisationRow;
export type Zone = repository.ZoneRow;

export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput): Promise<Organisation> {
  const data = parseOrThrow(organisationInput, input);
  const problem = organisationCodeProblem(data.type, data.code, data.isDemo, (code) => {
    const la = localAuthorityIndex().byCode(code);
    return la && { name: la.officialName, current: la.current };
  });
  if (problem) throw new ValidationError([{ field: 'code', message: problem }]);
  return db.transaction(async (tx) => {
    if (await repository.organisationByCode(tx, data.code)) {
      throw new ConflictError(`An organisation with code ${data.code} already exists`, [
        { field: 'code', message: `An organisation with code ${data.code} already exists` },
      ]);
    }
    const organisation = { id: randomUUID(), ...data, createdAt: new Date() };
    await repository.insertOrganisation(tx, organisation);
    await recordAudit(tx, actor, [
      {
        action: 'organisation.create',
        recordType: 'organisation',
        recordId: organisation.id,
        organisationId: organisation.id,
        after: organisation,
      },
    ]);
    return organisation;
  });
}

export function organisationByCode(db: Db, code: string) {
  return repository.organisationByCode(db, code);
}

/** Names and codes of organisations, for other parts to show (a vehicle's lead and partners). */
export async function organisationsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { id: string; code: string; name: string; type: string }>> {
  const rows = await repository.organisationsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, { id: row.id, code: row.code, name: row.name, type: row.type }]));
}

/** People's names by id, for other parts to show (evaluators beside their scores). */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await repository.usersByIds(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

export function countOrganisations(db: Db) {
  return repository.countOrganisations(db);
}

export async function createZones(
  db: Db,
  actor: Actor,
  organisationId: string,
  names: readonly string[],
): Promise<Zone[]> {
  const rows = names.map((name, index) => ({ organisationId, id: randomUUID(), name, sortOrder: index + 1 }));
  await db.transaction(async (tx) => {
    await repository.insertZones(tx, rows);
    await recordAudit(
      tx,
      actor,
      rows.map((zone) => ({
        action: 'zone.create',
        recordType: 'zone',
        recordId: zone.id,
        organisationId,
        after: zone,
      })),
    );
  });
  return rows;
}

export function zonesOf(db: Db, organisationId: string) {
  return repository.zonesOf(db, organisationId);
}

/** A person's record as shown and audited: never the password hash. */
function publicUser(user: repository.UserRow) {
  const { passwordHash: _passwordHash, ...rest } = user;
  return { ...rest, hasPassword: user.passwordHash !== null };
}
export type PublicUser = ReturnType<typeof publicUser>;

export async function createUser(db: Db, actor: Actor, input: UserInput): Promise<PublicUser> {
  // Every problem at once: the form's fields and the rules about roles together.
  const parsed = userInput.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error);
  const roles = parsed.success ? parsed.data.roles : (input.roles ?? []).filter((role): role is Role => isRole(role));
  const organisation = input.organisation
    ? ((await repository.organisationByCode(db, input.organisation)) ??
      (isUuid(input.organisation) ? await repository.organisationById(db, input.organisation) : undefined))
    : undefined;
  if (input.organisation && !organisation)
    errors.push({ field: 'organisation', message: `There is no organisation ${input.organisation}` });
  const provider = input.provider && isUuid(input.provider) ? await providerSummary(db, input.provider) : undefined;
  if (input.provider && !provider)
    errors.push({ field: 'provider', message: `There is no provider ${input.provider}` });
  const known = new Set(errors.map((error) => error.field));
  errors.push(
    ...roleProblems(roles, input.organisation !== undefined, input.provider !== undefined).filter(
      (problem) => !known.has(problem.field),
    ),
  );
  if (errors.length > 0 || !parsed.success) throw new ValidationError(errors);
  const data = parsed.data;
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
      passwordHash: data.password ? await hashPassword(data.password) : null,
      roles: [...new Set(data.roles)],
      organisationId: organisation?.id ?? null,
      providerId: provider?.id ?? null,
      oidcSubject: null,
      active: true,
      createdAt: new Date(),
      lastSignInAt: null,
    };
    await repository.insertUser(tx, user);
    await recordAudit(tx, actor, [
      {
        action: 'user.create',
        recordType: 'user',
        recordId: user.id,
        organisationId: user.organisationId,
        after: publicUser(user),
      },
    ]);
    return publicUser(user);
  });
}

export async function listUsers(db: Db, viewer: CurrentUser, page: number, pageSize = 25): Promise<Page<PublicUser>> {
  if (!viewer.organisationId) throw new NotFoundError();
  const { rows, total } = await repository.usersOf(
    db,
    { organisationId: viewer.organisationId },
    (page - 1) * pageSize,
    pageSize,
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
  const parsed = userChangeInput.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error);
  const roles = parsed.success ? parsed.data.roles : (input.roles ?? []).filter((role): role is Role => isRole(role));
  const known = new Set(errors.map((error) => error.field));
  const selfProblems = selfChangeProblems(userId === viewer.id, current.roles, {
    roles,
    active: input.active !== false,
    password: Boolean(input.password),
  });
  errors.push(...[...roleProblems(roles, true, false), ...selfProblems].filter((problem) => !known.has(problem.field)));
  if (errors.length > 0 || !parsed.success) throw new ValidationError(errors);
  const { name, active, password, revokeApiTokens } = parsed.data;
  const fields = { name, roles: [...new Set(parsed.data.roles)], active };
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

/** Someone changes their own password, proving who they are with the current one. All their sessions end: the page starts them a new one. */
export async function changeOwnPassword(db: Db, user: CurrentUser, input: OwnPasswordInput): Promise<void> {
  const parsed = ownPasswordInput.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error);
  if (input.currentPassword) {
    const row = await repository.userById(db, user.id);
    const valid = row?.passwordHash ? await verifyPassword(row.passwordHash, input.currentPassword) : false;
    if (!valid)
      errors.unshift({ field: 'currentPassword', message: 'Your current password is not right: enter it again' });
  }
  if (errors.length > 0 || !parsed.success) throw new ValidationError(errors);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.transaction(async (tx) => {
    await repository.updateUser(tx, user.id, { passwordHash });
    const sessionsEnded = await endSessionsOf(tx, user.id);
    await recordAudit(tx, actorOf(user), [
      { action: 'user.password-change', recordType: 'user', recordId: user.id, after: { sessionsEnded } },
    ]);
  });
}

/** Whether the person has a Hearth password to change (people who use single sign-on alone have none). */
export async function hasPassword(db: Db, userId: string): Promise<boolean> {
  return Boolean((await repository.userById(db, userId))?.passwordHash);
}

/** Who changed a person's roles, when, and from what to what, newest first: read from the audit trail. */
export async function roleChangesOf(db: Db, viewer: CurrentUser, userId: string): Promise<RoleChange[]> {
  await userForAdministrator(db, viewer, userId);
  const events = await listAuditEvents(db, { recordType: 'user', recordId: userId, changed: 'roles' }, 1);
  return roleChanges(events.items);
}

async function currentUserOf(db: Db, user: repository.UserRow): Promise<CurrentUser> {
  const organisation = user.organisationId ? await repository.organisationById(db, user.organisationId) : undefined;
  const provider = user.providerId ? await providerSummary(db, user.providerId) : undefined;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.filter(isRole) as Role[],
    organisationId: user.organisationId,
    organisationName: organisation?.name ?? null,
    organisationIsDemo: organisation?.isDemo ?? false,
    providerId: user.providerId,
    providerName: provider?.name ?? null,
  };
}

export function userDirectory(db: Db): UserDirectory {
  return {
    async byId(id) {
      const user = isUuid(id) ? await repository.userById(db, id) : undefined;
      return user?.active ? currentUserOf(db, user) : null;
    },
    async byApiToken(token) {
      const row = await repository.activeTokenByHash(db, sha256Hex(token));
      if (!row) return null;
      const user = await repository.userById(db, row.userId);
      if (!user?.active) return null;
      // Recorded at most once a minute, to spare a write on every call.
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
        await repository.updateToken(db, row.id, { lastUsedAt: new Date() });
      return currentUserOf(db, user);
    },
  };
}

export type SignInResult =
  | { outcome: 'signed-in'; user: CurrentUser }
  | { outcome: 'refused'; message: string }
  | { outcome: 'throttled'; message: string };

const WRONG_DETAILS =
  'Enter a correct email address and password. After 5 failed attempts you will have to wait 15 minutes.';

export async function signInWithPassword(
  db: Db,
  email: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const since = new Date(now.getTime() - DEFAULT_THROTTLE.windowMinutes * 60_000);
  const recent = await repository.recentSignInAttempts(db, normalised, ip, since);
  const lastSuccess = recent.byEmail.filter((a) => a.succeeded).at(-1)?.attemptedAt;
  const decision = decideSignIn(now, {
    byEmail: recent.byEmail
      .filter((a) => !a.succeeded && (!lastSuccess || a.attemptedAt > lastSuccess))
      .map((a) => a.attemptedAt),
    byIp: recent.byIp.map((a) => a.attemptedAt),
  });
  if (!decision.allowed) return { outcome: 'throttled', message: throttleMessage(decision) };

  const user = await repository.userByEmail(db, normalised);
  const valid =
    user?.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : (await spendPasswordCheckTime(password), false);
  return db.transaction(async (tx) => {
    await repository.insertSignInAttempt(tx, { email: normalised, ip, succeeded: valid, attemptedAt: now });
    if (!user || !valid) {
      if (user)
        await recordAudit(
          tx,
          { userId: null, label: `sign-in attempt from ${ip}`, organisationId: user.organisationId },
          [{ action: 'user.sign-in-failed', recordType: 'user', recordId: user.id }],
          now,
        );
      return { outcome: 'refused', message: WRONG_DETAILS } as const;
    }
    return { outcome: 'signed-in', user: await recordSignIn(tx, user, 'password', now) } as const;
  });
}

async function recordSignIn(tx: Tx, user: repository.UserRow, method: string, now: Date): Promise<CurrentUser> {
  await repository.updateUser(tx, user.id, { lastSignInAt: now });
  const current = await currentUserOf(tx, user);
  await recordAudit(
    tx,
    { userId: user.id, label: `${user.name} <${user.email}>`, organisationId: user.organisationId },
    [{ action: 'user.sign-in', recordType: 'user', recordId: user.id, after: { method } }],
    now,
  );
  return current;
}

export async function recordSignOut(db: Db, user: CurrentUser): Promise<void> {
  await recordAuditAlone(
    db,
    { userId: user.id, label: `${user.name} <${user.email}>`, organisationId: user.organisationId },
    [{ action: 'user.sign-out', recordType: 'user', recordId: user.id }],
  );
}

/** Single sign-on: the identity provider vouches for the email; the account must already exist. */
export async function signInWithOidc(
  db: Db,
  claims: { subject: string; email: string | undefined; issuer: string },
): Promise<SignInResult> {
  const linked = await repository.userByOidcSubject(db, `${claims.issuer}|${claims.subject}`);
  const user = linked ?? (claims.email ? await repository.userByEmail(db, claims.email.toLowerCase()) : undefined);
  if (!user?.active) {
    return {
      outcome: 'refused',
      message:
        'Your organisation account is not set up in Hearth. Ask your administrator to add you with the same email address.',
    };
  }
  return db.transaction(async (tx) => {
    if (!linked) await repository.updateUser(tx, user.id, { oidcSubject: `${claims.issuer}|${claims.subject}` });
    return { outcome: 'signed-in', user: await recordSignIn(tx, user, 'single sign-on', new Date()) } as const;
  });
}

export async function createApiToken(
  db: Db,
  actor: Actor,
  userId: string,
  input: { name: string },
): Promise<{ token: string; id: string }> {
  const { name } = parseOrThrow(apiTokenInput, input);
  const token = newApiToken();
  const row = { id: randomUUID(), userId, name, tokenHash: sha256Hex(token), createdAt: new Date() };
  await db.transaction(async (tx) => {
    await repository.insertApiToken(tx, row);
    const user = await repository.userById(tx, userId);
    await recordAudit(tx, actor, [
      {
        action: 'api-token.create',
        recordType: 'user',
        recordId: userId,
        organisationId: user?.organisationId ?? null,
        after: { tokenId: row.id, name },
      },
    ]);
  });
  return { token, id: row.id };
}

/** Creates a token for the person with this email (the command line's `token create`). */
export async function createApiTokenForEmail(db: Db, actor: Actor, email: string, name: string): Promise<string> {
  const user = await repository.userByEmail(db, email.trim().toLowerCase());
  if (!user) throw new NotFoundError(`There is no user with email ${email}`);
  if (!user.active) throw new ConflictError(`${email} is deactivated`);
  return (await createApiToken(db, actor, user.id, { name })).token;
}

export async function listApiTokens(db: Db, userId: string) {
  const rows = await repository.tokensOf(db, userId);
  return rows.map(({ tokenHash: _hash, ...token }) => token);
}

const tokenRevocation = (token: repository.ApiTokenRow, organisationId: string | null): AuditEntry => ({
  action: 'api-token.revoke',
  recordType: 'user',
  recordId: token.userId,
  organisationId,
  before: { tokenId: token.id, name: token.name },
});

export async function revokeApiToken(db: Db, actor: Actor, userId: string, tokenId: string): Promise<void> {
  const token = (await repository.tokensOf(db, userId)).find((t) => t.id === tokenId);
  if (!token) throw new NotFoundError();
  if (token.revokedAt) return;
  await db.transaction(async (tx) => {
    await repository.updateToken(tx, tokenId, { revokedAt: new Date() });
    const user = await repository.userById(tx, userId);
    await recordAudit(tx, actor, [tokenRevocation(token, user?.organisationId ?? null)]);
  });
}

/** A person's history is theirs to see, and their organisation's administrators' and auditors'. */
/** A person's account history: their own, or for their organisation's administrators and auditors. */
export async function userHistory(db: Db, viewer: CurrentUser, userId: string): Promise<RecordHistory | null> {
  const user = isUuid(userId) ? await repository.userById(db, userId) : undefined;
  if (!user || !canSeeOrganisationRecord(viewer, user.organisationId, user.id)) return null;
  return { label: user.name, href: viewer.id === user.id ? '/account' : `/admin/users/${user.id}`, show: showWhole };
}

/** The organisation's zones, id → name, in their order. */
export async function zoneNamesOf(db: Db, organisationId: string): Promise<Map<string, string>> {
  return new Map((await repository.zonesOf(db, organisationId)).map((zone) => [zone.id, zone.name]));
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
