// Brokerage's part of today's work (platform/work/work.ts): for a brokerage officer, referrals to
// send, offers about to lapse, acceptances to choose from and approved off-framework purchases to
// place; for a commissioner, off-framework purchases to approve; for a social worker, their own open
// referrals; for a provider, the offers it has still to answer. Staff see their own organisation's
// records only, a provider only the offers made to it. An item says where and by when, never who:
// staff (who may all read people) are given the person's case reference to tell referrals apart,
// a provider not even that; the page an item links to shows the person to those allowed to see them.
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import type { Role } from '../platform/domain/roles.ts';
import { WORK_ITEMS_SHOWN, type WorkItem, type WorkQueue, type WorkSource } from '../platform/work/work.ts';
import { organisationsByIds, zoneNamesOf } from '../organisations/service.ts';
import { providerNames } from '../providers/service.ts';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type ReferralStatus } from './domain/referrals.ts';
import { URGENCY_LABELS } from './input.ts';
import { paths } from './paths.ts';
import * as repository from './work-repository.ts';

/** " in North zone": where a referral's care is wanted, or nothing where no zone is named. */
function inZones(line: { zoneIds: readonly string[] }, zoneNames: ReadonlyMap<string, string>) {
  const zones = line.zoneIds.map((id) => zoneNames.get(id)).filter((name): name is string => Boolean(name));
  return zones.length === 0 ? '' : ` in ${zones.join(' or ')} zone${zones.length > 1 ? 's' : ''}`;
}

/** "a person in North zone": where, never who. */
const aPerson = (line: { zoneIds: readonly string[] }, zoneNames: ReadonlyMap<string, string>) =>
  `a person${inZones(line, zoneNames)}`;

/** "case WV-10023 in North zone": the reference staff know a person by, and where. */
const aCase = (line: { caseReference: string; zoneIds: readonly string[] }, zoneNames: ReadonlyMap<string, string>) =>
  `case ${line.caseReference}${inZones(line, zoneNames)}`;

/** An item due when care should start. */
const startingBy = (row: { startBy: string }) => ({ due: row.startBy, dueWords: 'start by' });

const referralsWith = (status: ReferralStatus | 'open') => `${paths.referrals()}?status=${status}`;

const urgencyOf = (urgency: string) => URGENCY_LABELS[urgency as keyof typeof URGENCY_LABELS] ?? urgency;

/** The viewer's organisation where they hold `role` in it; null where they do not. */
const organisationFor = (viewer: CurrentUser, role: Role): string | null =>
  viewer.organisationId !== null && hasRole(viewer, role) ? staffOrganisation(viewer, [role]) : null;

function queue(key: string, title: string, href: string, found: { total: number }, items: WorkItem[]): WorkQueue {
  return { key: `brokerage.${key}`, title, count: found.total, items, href };
}

/** A brokerage officer's four queues. */
async function brokerageQueues(db: Db, organisationId: string, zoneNames: Promise<Map<string, string>>) {
  const today = isoDateInLondon(new Date());
  const tomorrow = addDays(today, 1);
  const [toSend, lapsing, toChoose, toPlace, zones] = await Promise.all([
    repository.referralsInStatus(db, { organisationId, statuses: ['new'] }, 'oldest', WORK_ITEMS_SHOWN),
    repository.offersDueBetween(db, organisationId, today, tomorrow, WORK_ITEMS_SHOWN),
    repository.referralsToChoose(db, organisationId, WORK_ITEMS_SHOWN),
    repository.referralsInStatus(
      db,
      { organisationId, statuses: ['off-framework-approved'] },
      'start-by',
      WORK_ITEMS_SHOWN,
    ),
    zoneNames,
  ]);
  const names = await providerNames(db, [
    ...lapsing.rows.map((row) => row.providerId),
    ...toPlace.rows.flatMap((row) => (row.offFrameworkProviderId ? [row.offFrameworkProviderId] : [])),
  ]);
  return [
    queue(
      'referrals-to-send',
      'Referrals to send to providers',
      referralsWith('new'),
      toSend,
      toSend.rows.map((row) => ({
        text: `Referral for ${aCase(row, zones)}`,
        href: paths.referral(row.id),
        ...startingBy(row),
        hint: `${urgencyOf(row.urgency)}, referred on ${longDate(isoDateInLondon(row.createdAt))}`,
      })),
    ),
    queue(
      'offers-lapsing',
      'Offers lapsing today or tomorrow',
      referralsWith('offering'),
      lapsing,
      lapsing.rows.map((row) => ({
        text: `Offer to ${names.get(row.providerId) ?? 'a provider'} for ${aPerson(row, zones)}, start by ${longDate(row.startBy)}`,
        href: paths.referral(row.referralId),
        due: row.respondBy,
        dueWords: 'answer by',
        hint: row.respondBy === today ? 'Lapses at the end of today' : 'Lapses at the end of tomorrow',
      })),
    ),
    queue(
      'acceptances-to-choose',
      'Acceptances to choose from',
      referralsWith('offering'),
      toChoose,
      toChoose.rows.map((row) => ({
        text: `Choose a provider for ${aCase(row, zones)}`,
        href: paths.referral(row.id),
        ...startingBy(row),
        hint: `${row.accepted} provider${row.accepted === 1 ? '' : 's'} accepted`,
      })),
    ),
    queue(
      'off-framework-to-place',
      'Off-framework purchases to place',
      referralsWith('off-framework-approved'),
      toPlace,
      toPlace.rows.map((row) => ({
        text: `Place the approved purchase for ${aCase(row, zones)}`,
        href: paths.referral(row.id),
        ...startingBy(row),
        hint: `Approved from ${(row.offFrameworkProviderId && names.get(row.offFrameworkProviderId)) || 'a provider off the framework'}`,
      })),
    ),
  ];
}

/** A commissioner's queue: off-framework purchases brokerage has asked them to approve. */
async function approvalQueue(db: Db, organisationId: string, zoneNames: Promise<Map<string, string>>) {
  const [found, zones] = await Promise.all([
    repository.referralsInStatus(
      db,
      { organisationId, statuses: ['off-framework-requested'] },
      'start-by',
      WORK_ITEMS_SHOWN,
    ),
    zoneNames,
  ]);
  const names = await providerNames(
    db,
    found.rows.flatMap((row) => (row.offFrameworkProviderId ? [row.offFrameworkProviderId] : [])),
  );
  return queue(
    'off-framework-to-approve',
    'Off-framework purchases to approve',
    referralsWith('off-framework-requested'),
    found,
    found.rows.map((row) => ({
      text: `Off-framework purchase for ${aCase(row, zones)}`,
      href: paths.referral(row.id),
      ...startingBy(row),
      hint: `A spot purchase from ${(row.offFrameworkProviderId && names.get(row.offFrameworkProviderId)) || 'a provider off the framework'}`,
    })),
  );
}

/** A social worker's queue: the open referrals they made, each with where it stands. */
async function ownReferralsQueue(
  db: Db,
  viewer: CurrentUser,
  organisationId: string,
  zoneNames: Promise<Map<string, string>>,
) {
  const [found, zones] = await Promise.all([
    repository.referralsInStatus(
      db,
      { organisationId, statuses: OPEN_REFERRAL_STATUSES, referredBy: viewer.id },
      'start-by',
      WORK_ITEMS_SHOWN,
    ),
    zoneNames,
  ]);
  return queue(
    'your-referrals',
    'Your open referrals',
    referralsWith('open'),
    found,
    found.rows.map((row) => ({
      text: `Referral for ${aCase(row, zones)}`,
      href: paths.referral(row.id),
      ...startingBy(row),
      hint: REFERRAL_STATUS_LABELS[row.status as ReferralStatus] ?? row.status,
    })),
  );
}

/** A provider's queue: offers made to it that it may still answer, soonest deadline first. */
async function providerQueue(db: Db, providerId: string) {
  const found = await repository.offersAwaitingProvider(db, providerId, isoDateInLondon(new Date()), WORK_ITEMS_SHOWN);
  const organisationIds = [...new Set(found.rows.map((row) => row.organisationId))];
  const [organisations, zoneNames] = await Promise.all([
    organisationsByIds(db, organisationIds),
    Promise.all(organisationIds.map(async (id) => [id, await zoneNamesOf(db, id)] as const)).then(
      (entries) => new Map(entries),
    ),
  ]);
  return queue(
    'offers-to-answer',
    'Offers to answer',
    paths.offers(),
    found,
    found.rows.map((row) => ({
      text: `Offer of work for ${aPerson(row, zoneNames.get(row.organisationId) ?? new Map())}, start by ${longDate(row.startBy)}`,
      href: paths.offer(row.offerId),
      due: row.respondBy,
      dueWords: 'answer by',
      hint: `From ${organisations.get(row.organisationId)?.name ?? 'a commissioning organisation'}`,
    })),
  );
}

/** What brokerage has waiting for the signed-in person: only the queues of the roles they hold. */
export function brokerageWork(db: Db): WorkSource {
  return async (viewer) => {
    const brokerage = organisationFor(viewer, 'brokerage_officer');
    const commissioner = organisationFor(viewer, 'commissioner');
    const socialWorker = organisationFor(viewer, 'social_worker');
    const providerId = viewer.providerId !== null && hasRole(viewer, 'provider_user') ? viewer.providerId : null;
    const staffOf = brokerage ?? commissioner ?? socialWorker;
    // Every staff queue names the zones of the one organisation the viewer works for: read once.
    const zoneNames = staffOf ? zoneNamesOf(db, staffOf) : Promise.resolve(new Map<string, string>());
    const queues = await Promise.all([
      brokerage ? brokerageQueues(db, brokerage, zoneNames) : [],
      commissioner ? approvalQueue(db, commissioner, zoneNames).then((one) => [one]) : [],
      socialWorker ? ownReferralsQueue(db, viewer, socialWorker, zoneNames).then((one) => [one]) : [],
      providerId ? providerQueue(db, providerId).then((one) => [one]) : [],
    ]);
    return queues.flat();
  };
}
