// Contract actions: quality officers and commissioners issue and end them, auditors read them, and
// the provider reads and acknowledges its own (in every organisation that contracts it). Each one's
// effect on brokerage is made by the service that owns it (the embargo, the membership's status or
// tier, the placement), inside the action's own transaction, so a refusal anywhere leaves nothing.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { showWhole, type HistoryRule } from '../platform/audit/history.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { userNames } from '../organisations/user-service.ts';
import { providerNames } from '../providers/service.ts';
import { liftEmbargo, listEmbargoes, placeEmbargo } from '../brokerage/embargo-service.ts';
import { endPlacement, getPlacement, PLACEMENT_ORDER, placementRegister } from '../brokerage/placement-service.ts';
import {
  changeMembershipTier,
  membershipOnLot,
  membershipsOfProvider,
  moveMembership,
  type MembershipOnLot,
} from '../procurement/membership-service.ts';
import {
  CONTRACT_ACTION_KIND_LABELS,
  contractActionProblems,
  ENDABLE_KINDS,
  fieldsOfKind,
  inForceOn,
  KIND_RULES,
  TIER_LABELS,
  type ContractActionKind,
  type Problem,
  type TierValue,
} from './domain/contract-actions.ts';
import { contractActionInput, endContractActionInput } from './contract-action-input.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { historyIfReadable } from './history-rule.ts';
import { paths } from './paths.ts';
import { serviceFor } from './register-service.ts';
import { rateProviders } from './risk-run-service.ts';
import { openTransitionPlan } from './transition-service.ts';
import * as repository from './contract-action-repository.ts';

export type ActionFilter = { kind?: ContractActionKind; providerId?: string; inForce?: 'yes' | 'no' };
export type ActionSort = repository.ActionSort;
export const ACTION_ORDER = { key: 'startsOn', direction: 'desc' } as const;

/** A contract action as its pages and the API show it, to staff and to its provider alike. */
export interface ContractActionView {
  id: string;
  organisationId: string;
  organisationName: string;
  kind: ContractActionKind;
  kindLabel: string;
  providerId: string;
  providerName: string;
  membershipId: string | null;
  serviceId: string | null;
  placementId: string | null;
  /** What the action is on, in words: the membership, service or package. */
  subject: string | null;
  reason: string;
  startsOn: string;
  dueOn: string | null;
  /** What the due date is: the cure date, the review date… */
  dueLabel: string | null;
  default: string | null;
  remedy: string | null;
  fromTier: string | null;
  toTier: string | null;
  embargoId: string | null;
  endedOn: string | null;
  endedReason: string | null;
  decidedByName: string | null;
  createdAt: Date;
  acknowledgedByName: string | null;
  acknowledgedAt: Date | null;
  inForce: boolean;
  /** Whether it runs until ended (a plan, a notice, an embargo, a suspension). */
  endable: boolean;
  /** The transition plan a contract termination opened. */
  transitionPlanId: string | null;
}

async function described(db: Db, rows: repository.ActionListRow[]): Promise<ContractActionView[]> {
  const today = isoDateInLondon(new Date());
  const names = await userNames(
    db,
    rows.flatMap(({ action }) => [action.decidedBy, action.acknowledgedBy].filter((id): id is string => id !== null)),
  );
  return Promise.all(
    rows.map(async ({ action, providerName, organisationName }) => {
      const kind = action.kind as ContractActionKind;
      const plan =
        kind === 'contract-termination'
          ? await repository.planOfAction(db, action.organisationId, action.id)
          : undefined;
      return {
        id: action.id,
        organisationId: action.organisationId,
        organisationName,
        kind,
        kindLabel: CONTRACT_ACTION_KIND_LABELS[kind],
        providerId: action.providerId,
        providerName,
        membershipId: action.membershipId,
        serviceId: action.serviceId,
        placementId: action.placementId,
        subject: action.details.subject ?? null,
        reason: action.reason,
        startsOn: action.startsOn,
        dueOn: action.dueOn,
        dueLabel: KIND_RULES[kind].due?.label ?? null,
        default: action.details.default ?? null,
        remedy: action.details.remedy ?? null,
        fromTier: action.details.fromTier ?? null,
        toTier: action.details.toTier ?? null,
        embargoId: action.embargoId,
        endedOn: action.endedOn,
        endedReason: action.endedReason,
        decidedByName: action.decidedBy ? (names.get(action.decidedBy) ?? null) : null,
        createdAt: action.createdAt,
        acknowledgedByName: action.acknowledgedBy ? (names.get(action.acknowledgedBy) ?? null) : null,
        acknowledgedAt: action.acknowledgedAt,
        inForce: inForceOn(action, today),
        endable: ENDABLE_KINDS.includes(kind) && action.endedOn === null,
        transitionPlanId: plan?.id ?? null,
      };
    }),
  );
}

/** The action, where the viewer may see it: its organisation's quality readers, or its provider's users. */
async function actionRowFor(db: Db, viewer: CurrentUser, id: string): Promise<repository.ContractActionRow> {
  if (!isUuid(id)) throw new NotFoundError();
  const row =
    viewer.providerId !== null
      ? await repository.actionById(db, id)
      : await repository.actionById(db, id, staffOrganisation(viewer, QUALITY_READERS));
  if (!row || (viewer.providerId !== null && row.providerId !== viewer.providerId)) throw new NotFoundError();
  return row;
}

export async function contractActionFor(db: Db, viewer: CurrentUser, id: string): Promise<ContractActionView> {
  const row = await actionRowFor(db, viewer, id);
  return (await described(db, [(await repository.namedActionById(db, row.organisationId, id))!]))[0]!;
}

/** An action's history, whole, for whoever may read the action: its organisation's quality readers and its provider. */
export const contractActionHistory: HistoryRule = (db, viewer, id) =>
  historyIfReadable(
    () => contractActionFor(db, viewer, id),
    (action) => ({
      label: `${action.kindLabel}: ${action.providerName}`,
      href: paths.contractAction(id),
      show: showWhole,
    }),
  );

/** Staff see their organisation's actions; a provider's users see their own, in every organisation. */
export async function contractActionList(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<ActionFilter, ActionSort>,
): Promise<Page<ContractActionView>> {
  const scope =
    viewer.providerId !== null
      ? { providerId: viewer.providerId }
      : { organisationId: staffOrganisation(viewer, QUALITY_READERS), providerId: request.filter.providerId };
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.findActions(
    db,
    { ...scope, kind: filter.kind, inForce: filter.inForce, today: isoDateInLondon(new Date()) },
    sort,
    { offset: (page - 1) * pageSize, limit: pageSize },
  );
  return pageOf(await described(db, rows), total, page, pageSize);
}

const membershipLabel = (membership: MembershipOnLot) =>
  `${membership.vehicleName}: ${membership.lotTitle}${membership.tier ? ` (${TIER_LABELS[membership.tier]})` : ''}`;

/** What the form offers once the provider is chosen: its memberships, services and current packages here. */
export async function subjectChoices(db: Db, viewer: CurrentUser, providerId: string) {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  if (!isUuid(providerId)) return { memberships: [], services: [], packages: [] };
  const [memberships, services, packages] = await Promise.all([
    membershipsOfProvider(db, organisationId, providerId),
    repository.runningServicesOf(db, organisationId, providerId),
    placementRegister(
      db,
      viewer,
      {
        filter: { providerId, activeOn: isoDateInLondon(new Date()), offFramework: undefined },
        sort: PLACEMENT_ORDER,
        page: 1,
        pageSize: 100,
      },
      QUALITY_KEEPERS,
    ),
  ]);
  return {
    memberships: memberships
      .filter((membership) => membership.status !== 'removed')
      .map((membership) => ({
        value: membership.id,
        text: `${membershipLabel(membership)}, ${membership.status}`,
      })),
    services: services.map((service) => ({ value: service.id, text: service.name })),
    packages: packages.items.map((placement) => ({
      value: placement.id,
      text: `${placement.personName}, from ${longDate(placement.startsOn)}`,
    })),
  };
}

interface Checked {
  problems: Problem[];
  membership?: MembershipOnLot;
  subject: string | null;
}

/** What the action names (membership, service, package) is the provider's, with this organisation, and can take it. */
async function checkSubject(
  db: Db,
  viewer: CurrentUser,
  organisationId: string,
  draft: ReturnType<typeof fieldsOfKind<ReturnType<typeof contractActionInput.parse>>>,
): Promise<Checked> {
  const problems: Problem[] = [];
  const subjects: string[] = [];
  let membership: MembershipOnLot | undefined;
  if ((await providerNames(db, [draft.providerId])).size === 0)
    problems.push({ field: 'providerId', message: 'Choose a provider in the registry' });
  if (draft.membershipId) {
    membership = await membershipOnLot(db, organisationId, draft.membershipId);
    if (!membership || membership.providerId !== draft.providerId) {
      problems.push({
        field: 'membershipId',
        message: 'Choose one of the provider’s memberships with this organisation',
      });
      membership = undefined;
    } else {
      subjects.push(membershipLabel(membership));
      const wanted = draft.kind === 'suspension' ? ['active'] : ['active', 'suspended', 'awarded'];
      if (!wanted.includes(membership.status))
        problems.push({
          field: 'membershipId',
          message: `This membership is ${membership.status}: it cannot be ${draft.kind === 'suspension' ? 'suspended' : 'changed'}`,
        });
      else if (draft.kind === 'tier-change' && !membership.vehicleTiered)
        problems.push({
          field: 'membershipId',
          message: `${membership.vehicleName} is not tiered: its memberships have no tier`,
        });
    }
  }
  if (draft.serviceId) {
    const service = await serviceFor(db, viewer, draft.serviceId, QUALITY_KEEPERS).catch(() => undefined);
    if (!service || service.providerId !== draft.providerId)
      problems.push({ field: 'serviceId', message: 'Choose one of the provider’s services on the register' });
    else subjects.push(service.name);
  }
  if (draft.placementId) {
    const placement = await getPlacement(db, viewer, draft.placementId, QUALITY_KEEPERS).catch(() => undefined);
    if (!placement || placement.providerId !== draft.providerId)
      problems.push({ field: 'placementId', message: 'Choose one of the provider’s packages with this organisation' });
    else if (placement.endsOn)
      problems.push({ field: 'placementId', message: `This package ended on ${longDate(placement.endsOn)}` });
    else subjects.push(`${placement.personName}’s package, from ${longDate(placement.startsOn)}`);
  }
  return { problems, membership, subject: subjects.join('; ') || null };
}

/** Checks an action as it would be issued, every problem at once; what the check-your-answers page shows. */
export async function checkContractAction(db: Db, viewer: CurrentUser, input: unknown) {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const draft = fieldsOfKind(parseOrThrow(contractActionInput, input));
  const checked = await checkSubject(db, viewer, organisationId, draft);
  const problems = [
    ...checked.problems,
    ...contractActionProblems(draft, {
      today: isoDateInLondon(new Date()),
      fromTier: checked.membership?.tier ?? null,
    }),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  const providerName = (await providerNames(db, [draft.providerId])).get(draft.providerId)!;
  return { organisationId, draft, membership: checked.membership, subject: checked.subject, providerName };
}

/**
 * Issues an action. Its effect is made in the same transaction as the action and its audit, by the
 * service that owns it: an embargo is placed (and its id kept), a membership suspended, moved to
 * the other tier or removed, a placement ended; a contract termination opens its transition plan.
 */
export async function issueContractAction(db: Db, viewer: CurrentUser, input: unknown): Promise<ContractActionView> {
  const { organisationId, draft, membership, subject } = await checkContractAction(db, viewer, input);
  const actor = actorOf(viewer);
  const id = randomUUID();
  const details: Record<string, string> = Object.fromEntries(
    Object.entries({
      subject,
      default: draft.default,
      remedy: draft.remedy,
      fromTier: draft.kind === 'tier-change' && membership?.tier ? TIER_LABELS[membership.tier] : null,
      toTier: draft.toTier ? TIER_LABELS[draft.toTier] : null,
    }).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  await db.transaction(async (tx) => {
    let embargoId: string | null = null;
    if (draft.kind === 'embargo')
      embargoId = (
        await placeEmbargo(tx, viewer, { providerId: draft.providerId, reason: draft.reason, startsOn: draft.startsOn })
      ).id;
    else if (draft.kind === 'suspension')
      await moveMembership(tx, actor, membership!, { status: 'suspended', reason: draft.reason });
    else if (draft.kind === 'tier-change')
      await changeMembershipTier(tx, actor, membership!, { tier: draft.toTier as TierValue, reason: draft.reason });
    else if (draft.kind === 'package-termination')
      await endPlacement(
        tx,
        viewer,
        draft.placementId!,
        { endsOn: draft.dueOn!, reason: 'provider-change' },
        QUALITY_KEEPERS,
      );
    else if (draft.kind === 'contract-termination')
      await moveMembership(tx, actor, membership!, { status: 'removed', reason: draft.reason });
    await repository.insertAction(tx, {
      organisationId,
      id,
      kind: draft.kind,
      providerId: draft.providerId,
      membershipId: draft.membershipId,
      serviceId: draft.serviceId,
      placementId: draft.placementId,
      embargoId,
      reason: draft.reason,
      startsOn: draft.startsOn,
      dueOn: draft.dueOn,
      details,
      decidedBy: viewer.id,
      createdAt: new Date(),
    });
    await recordAudit(tx, actor, [
      {
        action: 'contract-action.issue',
        recordType: 'contract-action',
        recordId: id,
        after: {
          kind: draft.kind,
          providerId: draft.providerId,
          startsOn: draft.startsOn,
          dueOn: draft.dueOn,
          ...details,
        },
        reason: draft.reason,
      },
    ]);
    await rateProviders(tx, organisationId, [draft.providerId]);
    if (draft.kind === 'contract-termination')
      await openTransitionPlan(tx, viewer, {
        organisationId,
        providerId: draft.providerId,
        cause: 'contract-termination',
        vehicleId: membership!.vehicleId,
        membershipId: membership!.id,
        contractActionId: id,
        targetOn: draft.dueOn!,
      });
  });
  return contractActionFor(db, viewer, id);
}

/** Ends an action that runs until ended, with the reason: an embargo is lifted, a suspension reinstated. */
export async function endContractAction(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: unknown,
): Promise<ContractActionView> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const row = isUuid(id) ? await repository.actionById(db, id, organisationId) : undefined;
  if (!row) throw new NotFoundError();
  const { reason } = parseOrThrow(endContractActionInput, input);
  const kind = row.kind as ContractActionKind;
  if (!ENDABLE_KINDS.includes(kind))
    throw new ConflictError(
      `A ${CONTRACT_ACTION_KIND_LABELS[kind].toLowerCase()} is done once made: issue another action to reverse it`,
    );
  if (row.endedOn) throw new ConflictError(`This action ended on ${longDate(row.endedOn)}`);
  const today = isoDateInLondon(new Date());
  const actor = actorOf(viewer);
  await db.transaction(async (tx) => {
    // Lifted already from the embargoes page, it stays lifted; the action still ends.
    if (row.embargoId && (await listEmbargoes(tx, viewer)).some((one) => one.id === row.embargoId && !one.liftedOn))
      await liftEmbargo(tx, viewer, row.embargoId, { reason });
    if (kind === 'suspension' && row.membershipId) {
      const membership = await membershipOnLot(tx, organisationId, row.membershipId);
      // A membership removed since stays removed: only a suspended one is reinstated.
      if (membership?.status === 'suspended') await moveMembership(tx, actor, membership, { status: 'active', reason });
    }
    await repository.updateAction(tx, organisationId, id, { endedOn: today, endedReason: reason });
    await recordAudit(tx, actor, [
      {
        action: 'contract-action.end',
        recordType: 'contract-action',
        recordId: id,
        before: { endedOn: null },
        after: { endedOn: today },
        reason,
      },
    ]);
    await rateProviders(tx, organisationId, [row.providerId]);
  });
  return contractActionFor(db, viewer, id);
}

/** The provider says it has received the action: once, by one of its own users. */
export async function acknowledgeContractAction(db: Db, viewer: CurrentUser, id: string): Promise<ContractActionView> {
  if (viewer.providerId === null || !hasRole(viewer, 'provider_user')) throw new ForbiddenError();
  const row = await actionRowFor(db, viewer, id);
  if (row.acknowledgedAt) throw new ConflictError(`This action was acknowledged on ${longDate(row.acknowledgedAt)}`);
  const now = new Date();
  await db.transaction(async (tx) => {
    await repository.updateAction(tx, row.organisationId, id, { acknowledgedBy: viewer.id, acknowledgedAt: now });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'contract-action.acknowledge',
        recordType: 'contract-action',
        recordId: id,
        organisationId: row.organisationId,
        after: { acknowledgedAt: now.toISOString() },
      },
    ]);
  });
  return contractActionFor(db, viewer, id);
}

/** Whether the viewer issues and ends actions. */
export const keepsContractActions = (viewer: CurrentUser) =>
  viewer.providerId === null && hasRole(viewer, ...QUALITY_KEEPERS);

/**
 * The contract terminations and tier changes taken on a vehicle's memberships, for the public
 * notices they require. Only the facts a notice states: which, whose, from when, and the change.
 * The caller (procurement's notices) has already checked who may see the vehicle.
 */
export async function contractEventsOn(
  db: Db,
  organisationId: string,
  membershipIds: readonly string[],
): Promise<
  {
    id: string;
    kind: 'termination' | 'change';
    providerId: string;
    on: string;
    description: string;
    /** A termination after a default notice on the same contract: the provider was told of its failure and given the chance to put it right. */
    afterDefaultNotice: boolean;
  }[]
> {
  const rows = await repository.actionsOf(db, organisationId, { membershipIds }, [
    'contract-termination',
    'tier-change',
  ]);
  // A default notice is given to the provider, on one contract or on none in particular.
  const providerIds = [
    ...new Set(rows.filter((row) => row.kind === 'contract-termination').map((row) => row.providerId)),
  ];
  const defaults = await repository.actionsOf(db, organisationId, { providerIds }, ['default-notice']);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind === 'contract-termination' ? ('termination' as const) : ('change' as const),
    providerId: row.providerId,
    on: row.startsOn,
    description: `${CONTRACT_ACTION_KIND_LABELS[row.kind as ContractActionKind]}${row.details.toTier ? `: to ${TIER_LABELS[row.details.toTier as keyof typeof TIER_LABELS] ?? row.details.toTier}` : ''}`,
    afterDefaultNotice:
      row.kind === 'contract-termination' &&
      defaults.some(
        (notice) =>
          notice.providerId === row.providerId &&
          (notice.membershipId === null || notice.membershipId === row.membershipId) &&
          notice.startsOn <= row.startsOn,
      ),
  }));
}
