// A person's own account: signing in (password or single sign-on) and out, who a session or an API
// token belongs to, changing their own password, and their API tokens.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import { recordAudit, recordAuditAlone, type Actor } from '../platform/audit/service.ts';
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
import { isRole, type Role } from '../platform/domain/roles.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { fieldErrors, parseOrThrow } from '../platform/http/validation.ts';
import { providerSummary } from '../providers/service.ts';
import { tokenRevocation } from './audit-entries.ts';
import { apiTokenInput, ownPasswordInput, type OwnPasswordInput } from './input.ts';
import * as repository from './repository.ts';
import { footerOf } from './service.ts';

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

async function currentUserOf(
  db: Db,
  user: repository.UserRow,
  organisation: repository.OrganisationRow | null,
): Promise<CurrentUser> {
  const provider = user.providerId ? await providerSummary(db, user.providerId) : undefined;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.filter(isRole) as Role[],
    organisationId: user.organisationId,
    organisationName: organisation?.name ?? null,
    organisationIsDemo: organisation?.isDemo ?? false,
    organisationType: organisation?.type ?? null,
    organisationFooter: organisation ? footerOf(organisation) : null,
    providerId: user.providerId,
    providerName: provider?.name ?? null,
  };
}

export function userDirectory(db: Db): UserDirectory {
  return {
    async byId(id) {
      const row = isUuid(id) ? await repository.userWithOrganisation(db, id) : undefined;
      return row?.user.active ? currentUserOf(db, row.user, row.organisation) : null;
    },
    async byApiToken(token) {
      const row = await repository.activeTokenWithUser(db, sha256Hex(token));
      if (!row?.user.active) return null;
      // Recorded at most once a minute, to spare a write on every call.
      if (!row.token.lastUsedAt || Date.now() - row.token.lastUsedAt.getTime() > 60_000)
        await repository.updateToken(db, row.token.id, { lastUsedAt: new Date() });
      return currentUserOf(db, row.user, row.organisation);
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
  const organisation = user.organisationId ? await repository.organisationById(tx, user.organisationId) : undefined;
  const current = await currentUserOf(tx, user, organisation ?? null);
  await recordAudit(
    tx,
    actorOf(current),
    [{ action: 'user.sign-in', recordType: 'user', recordId: user.id, after: { method } }],
    now,
  );
  return current;
}

export async function recordSignOut(db: Db, user: CurrentUser): Promise<void> {
  await recordAuditAlone(db, actorOf(user), [{ action: 'user.sign-out', recordType: 'user', recordId: user.id }]);
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
