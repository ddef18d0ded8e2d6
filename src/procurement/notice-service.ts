// Public notices: which a vehicle's events require (drafted from what has happened to it), checked
// by a commissioner and published once. A published notice keeps the release it was published as.
// Who may see what is decided here: the vehicle's staff see its notices, due and published; its
// lead organisation's commissioners publish them; the public reads only published ones (see
// public-service.ts).
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { eventsOfRecord, recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, type IsoDate } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { noticeInput, type NoticeInput } from './input.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { providerIdentity } from '../providers/service.ts';
import { contractEventsOn } from '../quality/contract-action-service.ts';
import { placementIdsOfVehicle } from '../brokerage/placement-service.ts';
import { paymentsForPlacements } from '../pricing/payment-service.ts';
import {
  NOTICE_KIND_LABELS,
  dpsTransition,
  largePaymentQuarters,
  noticeRegimeOf,
  regimeRules,
  requiredNotices,
  type RequiredNotice,
  type VehicleEvents,
} from './domain/notice-rules.ts';
import { noticeProblems, noticeRelease, type NoticeFacts, type NoticeHeader } from './domain/notice-release.ts';
import * as awardRepository from './award-repository.ts';
import * as noticeRepository from './notice-repository.ts';
import * as psrRepository from './psr-repository.ts';
import { PSR_PROCESS_LABELS, type PsrProcess } from './domain/psr.ts';
import * as vehicleRepository from './vehicle-repository.ts';
import { getVehicle, type Vehicle } from './service.ts';
import { paths } from './paths.ts';

/** Where notices and their ocids come from: the organisation's prefix, else the service's, and the public address. */
export interface NoticeSettings {
  ocidPrefix: string;
  publicUrl: string;
}

const dayOf = (moment: Date) => isoDateInLondon(moment);

/** Everything a vehicle's notices are drawn from: its events for the rules, its facts for the releases. */
export async function noticeFactsOf(
  db: Db,
  vehicle: Vehicle,
  settings: NoticeSettings,
): Promise<{ events: VehicleEvents; facts: NoticeFacts }> {
  // One read after the other: a notice is drafted inside the transaction that records it.
  const partners = await vehicleRepository.partnersOf(db, vehicle.id);
  const lots = await vehicleRepository.lotsOf(db, vehicle.id);
  const decisions = await noticeRepository.awardDecisionsOf(db, vehicle.organisationId, vehicle.id);
  const memberships = await awardRepository.membershipsOf(db, vehicle.id);
  const history = await eventsOfRecord(db, 'vehicle', vehicle.id);
  const psr =
    vehicle.regime === 'psr' ? await psrRepository.psrDecisionOf(db, vehicle.organisationId, vehicle.id) : undefined;
  const psrProcess = (psr?.process as PsrProcess | undefined) ?? null;
  // What was paid under the Act's contracts, for its contract payments notices (s.70).
  const payments =
    vehicle.regime === 'pa2023'
      ? await paymentsForPlacements(
          db,
          vehicle.organisationId,
          await placementIdsOfVehicle(db, vehicle.organisationId, vehicle.id),
        )
      : [];
  const organisations = await organisationsByIds(db, [
    vehicle.organisationId,
    ...partners.map((partner) => partner.partnerOrganisationId),
  ]);
  const lead = organisations.get(vehicle.organisationId)!;
  const statusChanges = history
    .filter((event) => event.action === 'vehicle.status')
    .map((event) => ({ status: (event.after as { status?: string } | null)?.status, on: dayOf(event.occurredAt) }));
  // Advertised on the advert date the vehicle gives, where it is no later than the day it was opened.
  const openedOn =
    statusChanges.find((change) => change.status === 'open')?.on ??
    (vehicle.status !== 'draft' ? dayOf(vehicle.createdAt) : null);
  const advertisedOn = openedOn && vehicle.advertOn && vehicle.advertOn <= openedOn ? vehicle.advertOn : openedOn;
  // Its settings changed once advertised: a dynamic market publishes each modification.
  const openedAt = history.find(
    (event) => event.action === 'vehicle.status' && (event.after as { status?: string } | null)?.status === 'open',
  )?.occurredAt;
  const modifications = openedAt
    ? history
        .filter((event) => event.action === 'vehicle.update' && event.occurredAt > openedAt)
        .map((event) => ({ id: String(event.seq), on: dayOf(event.occurredAt) }))
    : [];
  const closedOn =
    vehicle.status === 'closed'
      ? ([...statusChanges].reverse().find((change) => change.status === 'closed')?.on ?? dayOf(vehicle.updatedAt))
      : null;
  // A membership comes from the last award decided before it was made (a DPS's come from none).
  const awardOf = (createdAt: Date) =>
    [...decisions].reverse().find((decision) => decision.decidedAt <= createdAt)?.id ?? null;
  const kept = memberships.filter((membership) => membership.status !== 'removed' || membership.startOn);
  const identities = new Map<string, Awaited<ReturnType<typeof providerIdentity>>>();
  for (const providerId of new Set(kept.map((membership) => membership.providerId)))
    identities.set(providerId, await providerIdentity(db, providerId));
  const namedMemberships = kept.map((membership) => ({
    lotId: membership.lotId,
    providerId: membership.providerId,
    providerName: identities.get(membership.providerId)?.name ?? '',
    companiesHouseNumber: identities.get(membership.providerId)?.companiesHouseNumber ?? null,
    status: membership.status,
    startOn: membership.startOn,
    endOn: membership.endOn,
    awardId: awardOf(membership.createdAt),
  }));
  const contractEvents = await contractEventsOn(
    db,
    vehicle.organisationId,
    memberships.map((membership) => membership.id),
  );
  const terminations = contractEvents.filter((event) => event.kind === 'termination');
  const changes = contractEvents.filter((event) => event.kind === 'change');
  const regime = noticeRegimeOf(vehicle);
  const events: VehicleEvents = {
    advertisedOn,
    closedOn,
    awards: decisions.map((decision) => ({ id: decision.id, decidedOn: decision.noticeDate })),
    contractsStarted: decisions.flatMap((decision) => {
      const starts = namedMemberships
        .filter((membership) => membership.awardId === decision.id && membership.startOn)
        .map((membership) => membership.startOn as IsoDate)
        .sort();
      return starts.length > 0 ? [{ awardId: decision.id, startOn: starts[0]! }] : [];
    }),
    terminations,
    changes,
    psrProcess,
    modifications,
    largePayments: largePaymentQuarters(payments, isoDateInLondon(new Date())),
  };
  const facts: NoticeFacts = {
    ocidPrefix: lead.ocdsPrefix ?? settings.ocidPrefix,
    vehicle,
    lead,
    partners: partners.map((partner) => organisations.get(partner.partnerOrganisationId)!),
    lots: lots.map((lot) => ({ id: lot.id, title: lot.title })),
    lightTouch: regime.regime === 'pa2023' && regime.lightTouch,
    awards: decisions.map((decision) => ({
      id: decision.id,
      noticeDate: decision.noticeDate,
      standstillEnds: decision.standstillEnds,
      hasStandstill: decision.standstillRegime !== 'none',
    })),
    memberships: namedMemberships,
    closedOn,
    terminations,
    changes,
    psrProcessLabel: psrProcess ? PSR_PROCESS_LABELS[psrProcess] : null,
    payments,
  };
  return { events, facts };
}

export interface NoticeLine extends RequiredNotice {
  label: string;
  overdue: boolean;
  published: { id: string; identifier: string; publishedAt: Date } | null;
}

export interface VehicleNotices {
  vehicle: Vehicle;
  rules: string[];
  /** A PCR 2015 DPS: its last day under the old rules, and whether to warn of it now. */
  transition: { lastDay: IsoDate; warn: boolean } | null;
  notices: NoticeLine[];
  canPublish: boolean;
}

/** The vehicle's lead-organisation commissioners publish its notices. */
const mayPublish = (viewer: CurrentUser, vehicle: Vehicle) =>
  viewer.organisationId === vehicle.organisationId && hasRole(viewer, 'commissioner');

/** The vehicle as its staff see it; a provider's user (who may see an open vehicle) sees no notices from here. */
async function staffVehicle(db: Db, viewer: CurrentUser, vehicleId: string): Promise<Vehicle> {
  const detail = await getVehicle(db, viewer, vehicleId);
  if (viewer.providerId !== null || viewer.organisationId === null) throw new NotFoundError();
  return detail.vehicle;
}

/** The notices the vehicle's events require, each due or published, with its regime's rules. */
export async function vehicleNotices(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  settings: NoticeSettings,
): Promise<VehicleNotices> {
  const vehicle = await staffVehicle(db, viewer, vehicleId);
  const today = isoDateInLondon(new Date());
  const [{ events }, published] = await Promise.all([
    noticeFactsOf(db, vehicle, settings),
    noticeRepository.noticesOfVehicle(db, vehicle.organisationId, vehicle.id),
  ]);
  const regime = noticeRegimeOf(vehicle);
  const publishedOf = (kind: string, subject: string) =>
    published.find((row) => row.kind === kind && row.subject === subject);
  const lines = requiredNotices(regime, events).map((notice) => {
    const row = publishedOf(notice.kind, notice.subject);
    return {
      ...notice,
      label: NOTICE_KIND_LABELS[notice.kind],
      overdue: !row && notice.dueBy < today,
      published: row ? { id: row.id, identifier: row.identifier, publishedAt: row.publishedAt } : null,
    };
  });
  return {
    vehicle,
    rules: regimeRules(regime),
    transition: dpsTransition(regime, today),
    notices: lines,
    canPublish: mayPublish(viewer, vehicle),
  };
}

export interface NoticeDraft {
  vehicle: Vehicle;
  required: RequiredNotice;
  header: NoticeHeader;
  release: ReturnType<typeof noticeRelease>;
  problems: ReturnType<typeof noticeProblems>;
}

/**
 * The notice as it would be published now. Refused when its event has not happened (the vehicle's
 * events do not require it) or it is already published; its problems (missing fields) are listed.
 */
export async function draftNotice(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: NoticeInput,
  settings: NoticeSettings,
  at = new Date(),
): Promise<NoticeDraft> {
  const { kind, subject } = parseOrThrow(noticeInput, input);
  const vehicle = await staffVehicle(db, viewer, vehicleId);
  if (!mayPublish(viewer, vehicle))
    throw new ForbiddenError("Only the lead organisation's commissioners publish its notices.");
  const { events, facts } = await noticeFactsOf(db, vehicle, settings);
  const required = requiredNotices(noticeRegimeOf(vehicle), events).find(
    (notice) => notice.kind === kind && notice.subject === subject,
  );
  if (!required)
    throw new ValidationError([
      {
        field: 'kind',
        message: `Nothing that has happened to ${vehicle.name} requires a ${NOTICE_KIND_LABELS[kind]} about ${subject}`,
      },
    ]);
  const published = await noticeRepository.noticesOfVehicle(db, vehicle.organisationId, vehicle.id);
  const already = published.find((row) => row.kind === required.kind && row.subject === required.subject);
  if (already) throw alreadyPublished(already.identifier);
  const number = published.filter((row) => row.kind === required.kind).length + 1;
  const header: NoticeHeader = {
    kind: required.kind,
    subject: required.subject,
    identifier: `${vehicle.reference}/${required.kind}/${number}`,
    publishedAt: at,
    url: `${settings.publicUrl}${paths.publicVehicle(facts.lead.code, vehicle.id)}`,
  };
  return {
    vehicle,
    required,
    header,
    release: noticeRelease(header, facts),
    problems: noticeProblems(required.kind, required.subject, facts),
  };
}

const alreadyPublished = (identifier: string) =>
  new ConflictError(`This notice was already published as ${identifier}`, [
    { field: 'kind', message: `This notice was already published as ${identifier}` },
  ]);

/** Publishes the notice: every problem refuses it; once published it is kept as it was and audited. */
export async function publishNotice(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: NoticeInput,
  settings: NoticeSettings,
): Promise<noticeRepository.NoticeRow> {
  return db.transaction(async (tx) => {
    const draft = await draftNotice(tx, viewer, vehicleId, input, settings);
    if (draft.problems.length > 0) throw new ValidationError(draft.problems);
    const row = {
      organisationId: draft.vehicle.organisationId,
      id: randomUUID(),
      vehicleId: draft.vehicle.id,
      kind: draft.header.kind,
      subject: draft.header.subject,
      identifier: draft.header.identifier,
      release: JSON.parse(JSON.stringify(draft.release)) as Record<string, unknown>,
      publishedAt: draft.header.publishedAt,
      publishedBy: viewer.id,
    };
    try {
      await noticeRepository.insertNotice(tx, row);
    } catch (error) {
      // Two commissioners publishing at once: the second finds it published.
      if ((error as { code?: string }).code === '23505') throw alreadyPublished(row.identifier);
      throw error;
    }
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'notice.published',
        recordType: 'vehicle',
        recordId: draft.vehicle.id,
        organisationId: draft.vehicle.organisationId,
        after: { notice: row.identifier, kind: row.kind, subject: row.subject },
      },
    ]);
    return row;
  });
}

/** One published notice, for the vehicle's staff (its release as published). */
export async function publishedNotice(db: Db, viewer: CurrentUser, vehicleId: string, noticeId: string) {
  const vehicle = await staffVehicle(db, viewer, vehicleId);
  const row = isUuid(noticeId) ? await noticeRepository.noticeById(db, vehicle.organisationId, noticeId) : undefined;
  if (!row || row.vehicleId !== vehicle.id) throw new NotFoundError();
  return row;
}
