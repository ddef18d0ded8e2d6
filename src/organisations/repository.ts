import { and, arrayContains, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { escapeLike } from '../platform/db/like.ts';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { signInAttempts } from '../platform/auth/schema.ts';
import { apiTokens, organisations, users, zones } from './schema.ts';

export type OrganisationRow = typeof organisations.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ZoneRow = typeof zones.$inferSelect;

export async function insertOrganisation(db: Db, row: typeof organisations.$inferInsert): Promise<void> {
  await db.insert(organisations).values(row);
}

export async function organisationByCode(db: Db, code: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.code, code));
  return row;
}

export async function organisationById(db: Db, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function updateOrganisation(
  db: Db,
  id: string,
  set: Partial<typeof organisations.$inferInsert>,
): Promise<void> {
  await db.update(organisations).set(set).where(eq(organisations.id, id));
}

export async function organisationsByIds(db: Db, ids: string[]): Promise<OrganisationRow[]> {
  return ids.length === 0 ? [] : db.select().from(organisations).where(inArray(organisations.id, ids));
}

export async function usersByIds(db: Db, ids: string[]): Promise<UserRow[]> {
  return ids.length === 0 ? [] : db.select().from(users).where(inArray(users.id, ids));
}

export async function countOrganisations(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return row?.n ?? 0;
}

export async function insertZones(db: Db, rows: (typeof zones.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(zones).values(rows);
}

export async function zonesOf(db: Db, organisationId: string): Promise<ZoneRow[]> {
  return db.select().from(zones).where(eq(zones.organisationId, organisationId)).orderBy(asc(zones.sortOrder));
}

export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<void> {
  await db.insert(users).values(row);
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function userById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function userByOidcSubject(db: Db, subject: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.oidcSubject, subject));
  return row;
}

export async function updateUser(db: Db, id: string, set: Partial<typeof users.$inferInsert>): Promise<void> {
  await db.update(users).set(set).where(eq(users.id, id));
}

/**
 * Active people of an organisation who need an administrator: never signed in since added before
 * `addedBefore`, or not signed in since `lastSeenBefore`. The count, and the first few, oldest first.
 */
export async function accountsAwaitingAction(
  db: Db,
  organisationId: string,
  which: { neverSignedInAddedBefore: Date } | { lastSignedInBefore: Date },
  limit: number,
): Promise<{ rows: UserRow[]; total: number }> {
  const where = and(
    eq(users.organisationId, organisationId),
    eq(users.active, true),
    'neverSignedInAddedBefore' in which
      ? and(isNull(users.lastSignInAt), lt(users.createdAt, which.neverSignedInAddedBefore))
      : lt(users.lastSignInAt, which.lastSignedInBefore),
  );
  const oldest = 'neverSignedInAddedBefore' in which ? asc(users.createdAt) : asc(users.lastSignInAt);
  return pageWithTotal(
    db.select().from(users).where(where).orderBy(oldest, asc(users.id)).limit(limit),
    db.select({ n: count() }).from(users).where(where),
    { offset: 0, limit },
  );
}

/** Who an administrator's list of people shows, and in what order. */
export interface PeopleQuery {
  search?: string;
  role?: string;
  active?: boolean;
  sort?: { key: 'name' | 'lastSignIn'; direction: 'asc' | 'desc' };
}

export async function usersOf(
  db: Db,
  scope: { organisationId: string } | { providerIds: string[] },
  offset: number,
  limit: number,
  query: PeopleQuery = {},
): Promise<{ rows: UserRow[]; total: number }> {
  const pattern = query.search ? `%${escapeLike(query.search)}%` : undefined;
  const where = and(
    'organisationId' in scope
      ? eq(users.organisationId, scope.organisationId)
      : inArray(users.providerId, scope.providerIds),
    pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
    query.role ? sql`${query.role} = any(${users.roles})` : undefined,
    query.active === undefined ? undefined : eq(users.active, query.active),
  );
  const { key, direction } = query.sort ?? { key: 'name', direction: 'asc' };
  const column = key === 'name' ? users.name : users.lastSignInAt;
  // Never signed in sorts as the oldest.
  const ordered = direction === 'asc' ? sql`${column} asc nulls first` : sql`${column} desc nulls last`;
  return pageWithTotal(
    db.select().from(users).where(where).orderBy(ordered, asc(users.name), asc(users.id)).offset(offset).limit(limit),
    db.select({ n: count() }).from(users).where(where),
    { offset, limit },
  );
}

export async function insertApiToken(db: Db, row: typeof apiTokens.$inferInsert): Promise<void> {
  await db.insert(apiTokens).values(row);
}

/** A person with their organisation (none for a provider's staff), in one read: who is asking, on every request. */
export interface UserWithOrganisation {
  user: UserRow;
  organisation: OrganisationRow | null;
}

export async function userWithOrganisation(db: Db, id: string): Promise<UserWithOrganisation | undefined> {
  const [row] = await db
    .select({ user: users, organisation: organisations })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, id));
  return row;
}

/** An unrevoked API token with the person it is for and their organisation, in one read. */
export async function activeTokenWithUser(
  db: Db,
  tokenHash: string,
): Promise<(UserWithOrganisation & { token: ApiTokenRow }) | undefined> {
  const [row] = await db
    .select({ token: apiTokens, user: users, organisation: organisations })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

export async function tokensOf(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export async function updateToken(db: Db, id: string, set: Partial<typeof apiTokens.$inferInsert>): Promise<void> {
  await db.update(apiTokens).set(set).where(eq(apiTokens.id, id));
}

/** Revokes every token of a person still in use; the tokens it revoked. */
export async function revokeTokensOf(db: Db, userId: string, at: Date): Promise<ApiTokenRow[]> {
  return db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
}

export async function insertSignInAttempt(db: Db, row: typeof signInAttempts.$inferInsert): Promise<void> {
  await db.insert(signInAttempts).values(row);
}

export async function recentSignInAttempts(db: Db, email: string, ip: string, since: Date) {
  // One after the other: `db` may be a transaction's one connection, which takes one statement at a time.
  const byEmail = await db
    .select()
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), gte(signInAttempts.attemptedAt, since)))
    .orderBy(asc(signInAttempts.attemptedAt));
  const byIp = await db
    .select()
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false), gte(signInAttempts.attemptedAt, since)))
    .orderBy(asc(signInAttempts.attemptedAt));
  return { byEmail, byIp };
}

/** Who a message goes to: active people by id, a provider's, or an organisation's holding a role. */
export async function activeRecipients(
  db: Db,
  who: { users: readonly string[] } | { providerUsersOf: string } | { organisation: string; role: string },
): Promise<{ id: string; email: string }[]> {
  const whom =
    'users' in who
      ? who.users.length > 0
        ? inArray(users.id, [...who.users])
        : sql`false`
      : 'providerUsersOf' in who
        ? and(eq(users.providerId, who.providerUsersOf), arrayContains(users.roles, ['provider_user']))
        : and(eq(users.organisationId, who.organisation), arrayContains(users.roles, [who.role]));
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(whom, eq(users.active, true)));
}
