// Transition plans: where a provider's contract is terminated, it is left out of a new framework or
// its Tier 2 services are reviewed, the schemes whose care it provides move to a Tier 1 provider of
// the scheme's zone by a target date. People keep their homes: each scheme's care moves under TUPE
// through brokerage's transfer, and the plan records when it did.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import { showWhole, type HistoryRule } from '../platform/audit/history.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ConflictError, HttpError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { userNames } from '../organisations/user-service.ts';
import { providerNames } from '../providers/service.ts';
import { PERSON_READERS } from '../brokerage/people-service.ts';
import { listSchemes, schemesByIds } from '../brokerage/scheme-service.ts';
import { transferScheme } from '../brokerage/transfer-service.ts';
import { vehicleMarket, type MarketMembership } from '../procurement/market-service.ts';
import { frameworkStartOn, membershipOnLot } from '../procurement/membership-service.ts';
import { TRANSITION_CAUSE_LABELS, transitionTargetOn, type TransitionCause } from './domain/contract-actions.ts';
import { transitionMoveInput, transitionPlanInput } from './contract-action-input.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import * as repository from './contract-action-repository.ts';
import { historyIfReadable } from './history-rule.ts';
import { paths } from './paths.ts';

/** Who receives a scheme's care: an active Tier 1 member (any member, on an untiered vehicle) of its zone and band. */
function receiverFor(
  memberships: readonly MarketMembership[],
  scheme: { zoneId: string; accommodationBand: string },
  leavingProviderId: string,
): MarketMembership | undefined {
  return memberships.find(
    (membership) =>
      membership.providerId !== leavingProviderId &&
      membership.status === 'active' &&
      membership.serviceType === 'supported-living' &&
      membership.zoneId === scheme.zoneId &&
      membership.band === scheme.accommodationBand &&
      (membership.tier === 'tier1' || membership.tier === null),
  );
}

/**
 * Opens a plan in the caller's transaction (a contract termination's, or its own): each scheme of the leaving provider in scope (under the
 * terminated membership; under its Tier 2 memberships of the vehicle; or, left out of a framework,
 * all of its schemes), with the receiving provider proposed from the vehicle's members.
 */
export async function openTransitionPlan(
  tx: Tx,
  viewer: CurrentUser,
  plan: {
    organisationId: string;
    providerId: string;
    cause: TransitionCause;
    vehicleId: string;
    targetOn: string;
    membershipId?: string;
    contractActionId?: string;
  },
): Promise<string> {
  // One read after the other: `tx` is one connection.
  const schemes = await listSchemes(tx, viewer, { providerId: plan.providerId });
  const market = await vehicleMarket(tx, plan.organisationId, plan.vehicleId);
  const memberships = market?.memberships ?? [];
  const tier2 = new Set(
    memberships
      .filter((membership) => membership.providerId === plan.providerId && membership.tier === 'tier2')
      .map((membership) => membership.membershipId),
  );
  const inScope = schemes.filter(({ scheme }) =>
    plan.cause === 'contract-termination'
      ? scheme.membershipId === plan.membershipId
      : plan.cause === 'tier2-review'
        ? scheme.membershipId !== null && tier2.has(scheme.membershipId)
        : true,
  );
  const id = randomUUID();
  const moves = inScope.map(({ scheme }) => {
    const receiver = receiverFor(memberships, scheme, plan.providerId);
    return {
      organisationId: plan.organisationId,
      id: randomUUID(),
      planId: id,
      schemeId: scheme.id,
      receivingProviderId: receiver?.providerId ?? null,
      receivingMembershipId: receiver?.membershipId ?? null,
    };
  });
  await repository.insertPlan(
    tx,
    {
      organisationId: plan.organisationId,
      id,
      providerId: plan.providerId,
      contractActionId: plan.contractActionId ?? null,
      cause: plan.cause,
      vehicleId: plan.vehicleId,
      targetOn: plan.targetOn,
      createdBy: viewer.id,
      createdAt: new Date(),
    },
    moves,
  );
  await recordAudit(tx, actorOf(viewer), [
    {
      action: 'transition-plan.open',
      recordType: 'transition-plan',
      recordId: id,
      organisationId: plan.organisationId,
      after: {
        providerId: plan.providerId,
        cause: plan.cause,
        vehicleId: plan.vehicleId,
        targetOn: plan.targetOn,
        schemes: moves.length,
      },
    },
  ]);
  return id;
}

/**
 * Opens a plan by hand: a provider left out of a new framework (its schemes move within 18 months
 * of the framework's start), or a Tier 2 provider's services reviewed (24 months).
 */
export async function openPlanByHand(db: Db, viewer: CurrentUser, input: unknown): Promise<TransitionPlanView> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const { cause, providerId, vehicleId } = parseOrThrow(transitionPlanInput, input);
  const [names, market, startOn] = await Promise.all([
    providerNames(db, [providerId]),
    vehicleMarket(db, organisationId, vehicleId),
    frameworkStartOn(db, organisationId, vehicleId),
  ]);
  const own = market?.memberships.filter((membership) => membership.providerId === providerId) ?? [];
  const problems = [
    ...(names.size === 0 ? [{ field: 'providerId', message: 'Choose a provider in the registry' }] : []),
    ...(!market
      ? [{ field: 'vehicleId', message: 'Choose one of the organisation’s frameworks' }]
      : !startOn
        ? [
            {
              field: 'vehicleId',
              message: 'The framework’s contracts have not started: the target date counts from then',
            },
          ]
        : []),
    ...(market && cause === 'left-framework' && own.some((membership) => membership.status !== 'removed')
      ? [{ field: 'providerId', message: 'The provider has a place on this framework: it was not left out' }]
      : []),
    ...(market &&
    cause === 'tier2-review' &&
    !own.some((membership) => membership.tier === 'tier2' && membership.status !== 'removed')
      ? [{ field: 'providerId', message: 'The provider has no Tier 2 place on this framework' }]
      : []),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  const id = await db.transaction((tx) =>
    openTransitionPlan(tx, viewer, {
      organisationId,
      providerId,
      cause,
      vehicleId,
      targetOn: transitionTargetOn(cause, { frameworkStartOn: startOn })!,
    }),
  );
  return transitionPlanFor(db, viewer, id);
}

export interface TransitionMoveView {
  id: string;
  schemeId: string;
  schemeName: string;
  zoneName: string;
  /** How many people live there: everyone is told this much. */
  people: number;
  /** Staff who may read people: each tenant's record, by their unit. */
  tenants: { unitName: string; personId: string }[] | null;
  receivingProviderId: string | null;
  receivingProviderName: string | null;
  receivingMembershipId: string | null;
  /** Who provides the care now. */
  careProviderName: string | null;
  movedOn: string | null;
}

export interface TransitionPlanView {
  id: string;
  organisationId: string;
  organisationName: string;
  providerId: string;
  providerName: string;
  cause: TransitionCause;
  causeLabel: string;
  vehicleId: string | null;
  contractActionId: string | null;
  targetOn: string;
  createdByName: string | null;
  createdAt: Date;
  moves: TransitionMoveView[];
  moved: number;
}

async function planRowFor(db: Db, viewer: CurrentUser, id: string) {
  if (!isUuid(id)) throw new NotFoundError();
  const row =
    viewer.providerId !== null
      ? await repository.planById(db, id)
      : await repository.planById(db, id, staffOrganisation(viewer, QUALITY_READERS));
  if (!row || (viewer.providerId !== null && row.providerId !== viewer.providerId)) throw new NotFoundError();
  return row;
}

/** Plans the viewer may see: the organisation's, or (a provider's users) those moving its own services. */
export async function transitionPlans(db: Db, viewer: CurrentUser) {
  const scope =
    viewer.providerId !== null
      ? { providerId: viewer.providerId }
      : { organisationId: staffOrganisation(viewer, QUALITY_READERS) };
  return (await repository.plansOf(db, scope)).map((plan) => ({
    ...plan,
    causeLabel: TRANSITION_CAUSE_LABELS[plan.cause as TransitionCause],
  }));
}

export async function transitionPlanFor(db: Db, viewer: CurrentUser, id: string): Promise<TransitionPlanView> {
  const row = await planRowFor(db, viewer, id);
  const moves = await repository.movesOf(db, row.organisationId, id);
  const [schemes, names, creators, [named]] = await Promise.all([
    schemesByIds(
      db,
      row.organisationId,
      moves.map((move) => move.schemeId),
    ),
    providerNames(db, [row.providerId, ...moves.flatMap((move) => move.receivingProviderId ?? [])]),
    userNames(db, row.createdBy ? [row.createdBy] : []),
    repository
      .plansOf(db, { organisationId: row.organisationId, providerId: row.providerId })
      .then((plans) => plans.filter((plan) => plan.id === id)),
  ]);
  const showsPeople = viewer.providerId === null && hasRole(viewer, ...PERSON_READERS);
  const views = moves.map((move): TransitionMoveView => {
    const view = schemes.find((scheme) => scheme.scheme.id === move.schemeId)!;
    return {
      id: move.id,
      schemeId: move.schemeId,
      schemeName: view.scheme.name,
      zoneName: view.zoneName,
      people: view.tenants,
      tenants: showsPeople
        ? view.units.flatMap((unit) =>
            unit.tenancy ? [{ unitName: unit.unit.name, personId: unit.tenancy.personId }] : [],
          )
        : null,
      receivingProviderId: move.receivingProviderId,
      receivingProviderName: move.receivingProviderId ? (names.get(move.receivingProviderId) ?? null) : null,
      receivingMembershipId: move.receivingMembershipId,
      careProviderName: view.careProviderName,
      movedOn: move.movedOn,
    };
  });
  return {
    id,
    organisationId: row.organisationId,
    organisationName: named!.organisationName,
    providerId: row.providerId,
    providerName: names.get(row.providerId) ?? '',
    cause: row.cause as TransitionCause,
    causeLabel: TRANSITION_CAUSE_LABELS[row.cause as TransitionCause],
    vehicleId: row.vehicleId,
    contractActionId: row.contractActionId,
    targetOn: row.targetOn,
    createdByName: row.createdBy ? (creators.get(row.createdBy) ?? null) : null,
    createdAt: row.createdAt,
    moves: views,
    moved: views.filter((move) => move.movedOn !== null).length,
  };
}

/** A plan's history, whole, for whoever may open the plan: the organisation's quality readers and the leaving provider. */
export const transitionPlanHistory: HistoryRule = (db, viewer, id) =>
  historyIfReadable(
    () => transitionPlanFor(db, viewer, id),
    (plan) => ({ label: `Transition plan for ${plan.providerName}`, href: paths.transitionPlan(id), show: showWhole }),
  );

/** transferScheme's fields, as the plan's form names them. */
const MOVE_FIELDS: Record<string, string> = {
  careProviderId: 'receivingMembershipId',
  membershipId: 'receivingMembershipId',
  transferOn: 'transferOn',
  reason: 'reason',
};

/**
 * Moves one scheme's care to the receiving provider through brokerage's transfer (TUPE: every
 * tenant's placement moves, nobody's home changes) and marks the move done, in one transaction.
 */
export async function recordMove(
  db: Db,
  viewer: CurrentUser,
  planId: string,
  moveId: string,
  input: unknown,
): Promise<TransitionPlanView> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const plan = await planRowFor(db, viewer, planId);
  const move = (await repository.movesOf(db, organisationId, planId)).find((one) => one.id === moveId);
  if (!move) throw new NotFoundError();
  if (move.movedOn) throw new ConflictError('This scheme’s care has already moved');
  const { receivingMembershipId, transferOn, reason } = parseOrThrow(transitionMoveInput, input);
  const receiving = await membershipOnLot(db, organisationId, receivingMembershipId);
  if (!receiving || receiving.providerId === plan.providerId)
    throw new ValidationError([
      { field: 'receivingMembershipId', message: 'Choose another provider’s membership with this organisation' },
    ]);
  try {
    await db.transaction(async (tx) => {
      await transferScheme(
        tx,
        viewer,
        move.schemeId,
        { careProviderId: receiving.providerId, membershipId: receiving.id, transferOn, reason },
        QUALITY_KEEPERS,
      );
      await repository.updateMove(tx, organisationId, moveId, {
        movedOn: transferOn,
        receivingProviderId: receiving.providerId,
        receivingMembershipId: receiving.id,
      });
      await recordAudit(tx, actorOf(viewer), [
        {
          action: 'transition-plan.move',
          recordType: 'transition-plan',
          recordId: planId,
          before: { scheme: move.schemeId, movedOn: null },
          after: { scheme: move.schemeId, movedOn: transferOn, receivingProviderId: receiving.providerId },
          reason,
        },
      ]);
    });
  } catch (error) {
    if (!(error instanceof HttpError) || error.fieldErrors.length === 0) throw error;
    throw new HttpError(
      error.status,
      error.title,
      error.message,
      error.fieldErrors.map((problem) => ({ ...problem, field: MOVE_FIELDS[problem.field] ?? problem.field })),
    );
  }
  return transitionPlanFor(db, viewer, planId);
}

/** The organisation's running memberships other than the leaving provider's, to choose a receiver from. */
export async function receivingChoices(db: Db, viewer: CurrentUser, plan: TransitionPlanView) {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const market = plan.vehicleId ? await vehicleMarket(db, organisationId, plan.vehicleId) : undefined;
  const names = await providerNames(db, market?.memberships.map((membership) => membership.providerId) ?? []);
  return (market?.memberships ?? [])
    .filter((membership) => membership.providerId !== plan.providerId && membership.status === 'active')
    .map((membership) => ({
      value: membership.membershipId,
      text: `${names.get(membership.providerId) ?? ''}${membership.tier ? ` (${membership.tier === 'tier1' ? 'Tier 1' : 'Tier 2'})` : ''}`,
      zoneId: membership.zoneId,
    }));
}
