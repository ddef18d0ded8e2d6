// Contract actions and transition plans: stored, read within an organisation (or, for a provider's
// users, across the organisations that contract it), and listed with filters, sorted and paged in SQL.
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, not, or, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { ordered, type Sort } from '../platform/db/ordering.ts';
import { organisations } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { contractActions, transitionMoves, transitionPlans } from './contract-action-schema.ts';
import { contractedServices } from './schema.ts';

export type ContractActionRow = typeof contractActions.$inferSelect;
export type TransitionPlanRow = typeof transitionPlans.$inferSelect;
export type TransitionMoveRow = typeof transitionMoves.$inferSelect;

export async function insertAction(db: Db, row: typeof contractActions.$inferInsert): Promise<void> {
  await db.insert(contractActions).values(row);
}

/** An action by id: within an organisation, or (no organisation given) wherever it is, for a provider's user. */
export async function actionById(db: Db, id: string, organisationId?: string): Promise<ContractActionRow | undefined> {
  const [row] = await db
    .select()
    .from(contractActions)
    .where(
      and(eq(contractActions.id, id), organisationId ? eq(contractActions.organisationId, organisationId) : undefined),
    );
  return row;
}

export async function updateAction(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<Pick<ContractActionRow, 'endedOn' | 'endedReason' | 'acknowledgedBy' | 'acknowledgedAt'>>,
): Promise<void> {
  await db
    .update(contractActions)
    .set(set)
    .where(and(eq(contractActions.organisationId, organisationId), eq(contractActions.id, id)));
}

export interface ActionQuery {
  /** Staff: their organisation's. */
  organisationId?: string;
  /** A provider's users: theirs, in every organisation. */
  providerId?: string;
  kind?: string;
  inForce?: 'yes' | 'no';
  today: string;
}
export type ActionSort = 'startsOn' | 'kind' | 'provider';

export interface ActionListRow {
  action: ContractActionRow;
  providerName: string;
  organisationName: string;
}

const inForce = (today: string) =>
  and(lte(contractActions.startsOn, today), or(isNull(contractActions.endedOn), gt(contractActions.endedOn, today)))!;

const namedAction = (db: Db) =>
  db
    .select({ action: contractActions, providerName: providers.name, organisationName: organisations.name })
    .from(contractActions)
    .innerJoin(providers, eq(providers.id, contractActions.providerId))
    .innerJoin(organisations, eq(organisations.id, contractActions.organisationId));

/** An action with its provider's and organisation's names. */
export async function namedActionById(db: Db, organisationId: string, id: string): Promise<ActionListRow | undefined> {
  const [row] = await namedAction(db).where(
    and(eq(contractActions.organisationId, organisationId), eq(contractActions.id, id)),
  );
  return row;
}

export async function findActions(
  db: Db,
  query: ActionQuery,
  sort: Sort<ActionSort>,
  page: { offset: number; limit: number },
): Promise<{ rows: ActionListRow[]; total: number }> {
  const where = and(
    query.organisationId ? eq(contractActions.organisationId, query.organisationId) : undefined,
    query.providerId ? eq(contractActions.providerId, query.providerId) : undefined,
    query.kind ? eq(contractActions.kind, query.kind) : undefined,
    query.inForce === 'yes' ? inForce(query.today) : query.inForce === 'no' ? not(inForce(query.today)) : undefined,
  );
  const order: Record<ActionSort, SQL[]> = {
    startsOn: [ordered(contractActions.startsOn, sort.direction)],
    kind: [ordered(contractActions.kind, sort.direction), desc(contractActions.startsOn)],
    provider: [ordered(providers.name, sort.direction), desc(contractActions.startsOn)],
  };
  return pageWithTotal(
    namedAction(db)
      .where(where)
      .orderBy(...order[sort.key], desc(contractActions.createdAt), asc(contractActions.id))
      .offset(page.offset)
      .limit(page.limit),
    db
      .select({ n: count() })
      .from(contractActions)
      .innerJoin(providers, eq(providers.id, contractActions.providerId))
      .where(where),
    page,
  );
}

export async function insertPlan(
  db: Db,
  plan: typeof transitionPlans.$inferInsert,
  moves: (typeof transitionMoves.$inferInsert)[],
): Promise<void> {
  await db.insert(transitionPlans).values(plan);
  if (moves.length > 0) await db.insert(transitionMoves).values(moves);
}

export async function planById(db: Db, id: string, organisationId?: string): Promise<TransitionPlanRow | undefined> {
  const [row] = await db
    .select()
    .from(transitionPlans)
    .where(
      and(eq(transitionPlans.id, id), organisationId ? eq(transitionPlans.organisationId, organisationId) : undefined),
    );
  return row;
}

/** The plan a contract action opened, if it opened one. */
export async function planOfAction(
  db: Db,
  organisationId: string,
  actionId: string,
): Promise<TransitionPlanRow | undefined> {
  const [row] = await db
    .select()
    .from(transitionPlans)
    .where(and(eq(transitionPlans.organisationId, organisationId), eq(transitionPlans.contractActionId, actionId)));
  return row;
}

export async function plansOf(
  db: Db,
  query: { organisationId?: string; providerId?: string },
): Promise<(TransitionPlanRow & { providerName: string; organisationName: string })[]> {
  const rows = await db
    .select({ plan: transitionPlans, providerName: providers.name, organisationName: organisations.name })
    .from(transitionPlans)
    .innerJoin(providers, eq(providers.id, transitionPlans.providerId))
    .innerJoin(organisations, eq(organisations.id, transitionPlans.organisationId))
    .where(
      and(
        query.organisationId ? eq(transitionPlans.organisationId, query.organisationId) : undefined,
        query.providerId ? eq(transitionPlans.providerId, query.providerId) : undefined,
      ),
    )
    .orderBy(asc(transitionPlans.targetOn), asc(transitionPlans.id));
  return rows.map((row) => ({ ...row.plan, providerName: row.providerName, organisationName: row.organisationName }));
}

export async function movesOf(db: Db, organisationId: string, planId: string): Promise<TransitionMoveRow[]> {
  return db
    .select()
    .from(transitionMoves)
    .where(and(eq(transitionMoves.organisationId, organisationId), eq(transitionMoves.planId, planId)))
    .orderBy(asc(transitionMoves.id));
}

export async function updateMove(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<Pick<TransitionMoveRow, 'movedOn' | 'receivingProviderId' | 'receivingMembershipId'>>,
): Promise<void> {
  await db
    .update(transitionMoves)
    .set(set)
    .where(and(eq(transitionMoves.organisationId, organisationId), eq(transitionMoves.id, id)));
}

/** A provider's running services on the organisation's register, for choosing one. */
export async function runningServicesOf(
  db: Db,
  organisationId: string,
  providerId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: contractedServices.id, name: contractedServices.name })
    .from(contractedServices)
    .where(
      and(
        eq(contractedServices.organisationId, organisationId),
        eq(contractedServices.providerId, providerId),
        isNull(contractedServices.endedOn),
      ),
    )
    .orderBy(asc(contractedServices.name));
}

/**
 * The actions of some kinds on any of these memberships (one vehicle's), or given to any of these
 * providers, oldest first.
 */
export async function actionsOf(
  db: Db,
  organisationId: string,
  on: { membershipIds: readonly string[] } | { providerIds: readonly string[] },
  kinds: readonly string[],
): Promise<ContractActionRow[]> {
  const [column, ids] =
    'membershipIds' in on
      ? [contractActions.membershipId, on.membershipIds]
      : [contractActions.providerId, on.providerIds];
  if (ids.length === 0) return [];
  return db
    .select()
    .from(contractActions)
    .where(
      and(
        eq(contractActions.organisationId, organisationId),
        inArray(column, [...ids]),
        inArray(contractActions.kind, [...kinds]),
      ),
    )
    .orderBy(asc(contractActions.startsOn), asc(contractActions.createdAt));
}
