// Which public notices a vehicle's own events require, under the rules it runs under, and by when.
// Procurement Act 2023 notices are those of the Central Digital Platform (Find a Tender), numbered
// as it numbers them; PCR 2015 vehicles keep their contract notice and award notice. Supported
// living is a light-touch service: the Act's rules change for it (Cabinet Office guidance on
// light-touch contracts), and each rule below says where it does.
import { addDays, type IsoDate } from '../../platform/domain/calendar.ts';
import { valuesOf } from '../../platform/domain/labels.ts';
import type { Regime, VehicleKind } from './vehicles.ts';
import { hasPsrStandstill, PSR_PROCESS_LABELS, type PsrProcess } from './psr.ts';

export const NOTICE_KIND_LABELS = {
  UK4: 'UK4 tender notice',
  UK6: 'UK6 contract award notice',
  UK7: 'UK7 contract details notice',
  UK8: 'UK8 contract payments notice',
  UK9: 'UK9 contract performance notice',
  UK10: 'UK10 contract change notice',
  UK11: 'UK11 contract termination notice',
  UK12: 'UK12 procurement termination notice',
  UK14: 'UK14 dynamic market notice: establishment',
  UK15: 'UK15 dynamic market notice: modification',
  UK16: 'UK16 dynamic market notice: cessation',
  'PCR-CN': 'Contract notice (PCR 2015)',
  'PCR-CAN': 'Contract award notice (PCR 2015)',
  'PSR-INT': 'Intention to award notice (Provider Selection Regime)',
  'PSR-CAN': 'Contract award notice (Provider Selection Regime)',
} as const;
export const NOTICE_KINDS = valuesOf(NOTICE_KIND_LABELS);
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The rules a vehicle's notices follow. */
export interface NoticeRegime {
  kind: VehicleKind;
  regime: Regime;
  /** A light-touch service (schedule 1 of the Procurement Regulations 2024): supported living is. */
  lightTouch: boolean;
  /** Light-touch only: whether the commissioner keeps a standstill the Act does not require. */
  voluntaryStandstill: boolean;
}

/** The regime of a stored vehicle, whose kind and regime are kept as text. */
export const noticeRegimeOf = (vehicle: {
  kind: string;
  regime: string;
  lightTouch: boolean;
  voluntaryStandstill: boolean;
}): NoticeRegime => ({
  kind: vehicle.kind as VehicleKind,
  regime: vehicle.regime as Regime,
  lightTouch: vehicle.lightTouch,
  voluntaryStandstill: vehicle.voluntaryStandstill,
});

/** What has happened to the vehicle that a notice may report, each with its day. */
export interface VehicleEvents {
  /** The first day it was advertised (opened to applications). */
  advertisedOn: IsoDate | null;
  /** The day it was closed, if it has been. */
  closedOn: IsoDate | null;
  awards: readonly { id: string; decidedOn: IsoDate }[];
  /** Per award decision, the first day a contract it awarded started. */
  contractsStarted: readonly { awardId: string; startOn: IsoDate }[];
  /**
   * Contracts ended early by a contract termination action, with the day it took effect, and
   * whether a default notice on the contract came before it (the provider was told of its failure
   * and given the chance to put it right).
   */
  terminations: readonly { id: string; on: IsoDate; afterDefaultNotice?: boolean }[];
  /** Contracts changed (a provider's tier changed), with the day it took effect. */
  changes: readonly { id: string; on: IsoDate }[];
  /** Changes to the vehicle's settings once it was advertised (its history's), each with its day. */
  modifications?: readonly { id: string; on: IsoDate }[];
  /** Under the Provider Selection Regime: the process the decision record names, once recorded. */
  psrProcess?: PsrProcess | null;
  /** Per provider, each quarter now ended in which a payment over £30,000 was made under its contract. */
  largePayments?: readonly { quarterStart: IsoDate; quarterEnd: IsoDate; providerId: string }[];
}

/** A payment above this is published in a contract payments notice (s.70): £30,000, in pence. */
export const PAYMENT_NOTICE_THRESHOLD_PENCE = 3_000_000;

/** The calendar quarter a day falls in (to 31 March, 30 June, 30 September, 31 December): its first and last days. */
export function quarterOf(day: IsoDate): { start: IsoDate; end: IsoDate } {
  const year = Number(day.slice(0, 4));
  const first = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  const start = `${year}-${String(first).padStart(2, '0')}-01`;
  const next = first === 10 ? `${year + 1}-01-01` : `${year}-${String(first + 3).padStart(2, '0')}-01`;
  return { start, end: addDays(next, -1) };
}

/**
 * Each provider's quarters, ended by `today`, in which a payment over £30,000 was made to it: each
 * needs a contract payments notice. A quarter still running needs none yet.
 */
export function largePaymentQuarters(
  payments: readonly { providerId: string; paidOn: IsoDate; pence: number }[],
  today: IsoDate,
): { quarterStart: IsoDate; quarterEnd: IsoDate; providerId: string }[] {
  const found = new Map<string, { quarterStart: IsoDate; quarterEnd: IsoDate; providerId: string }>();
  for (const payment of payments) {
    const quarter = quarterOf(payment.paidOn);
    if (payment.pence <= PAYMENT_NOTICE_THRESHOLD_PENCE || quarter.end >= today) continue;
    found.set(`${quarter.start}/${payment.providerId}`, {
      quarterStart: quarter.start,
      quarterEnd: quarter.end,
      providerId: payment.providerId,
    });
  }
  return [...found.values()].sort(
    (a, b) => a.quarterStart.localeCompare(b.quarterStart) || a.providerId.localeCompare(b.providerId),
  );
}

/** A notice the vehicle's events require: which, about what, since when and by when. */
export interface RequiredNotice {
  kind: NoticeKind;
  /** What the notice is about, unique per kind for the vehicle: "vehicle", "award:…", "termination:…". */
  subject: string;
  eventOn: IsoDate;
  dueBy: IsoDate;
  /** Why it is required and what sets its time limit, in a commissioner's words. */
  why: string;
}

/** Calendar days the contract details notice may follow the contract (s.53; 120 for light-touch contracts). */
export const contractDetailsDays = (regime: NoticeRegime) => (regime.lightTouch ? 120 : 30);

/** Whether the vehicle's award waits through a standstill: always, except a light-touch one the commissioner chose not to. */
export const hasStandstill = (regime: NoticeRegime) =>
  regime.regime !== 'pa2023' || !regime.lightTouch || regime.voluntaryStandstill;

const isDynamicMarket = (regime: NoticeRegime) => regime.kind === 'dynamic-market';

/** Every notice the vehicle's events so far require, in the order they fell due. */
export function requiredNotices(regime: NoticeRegime, events: VehicleEvents): RequiredNotice[] {
  const notices =
    regime.regime === 'pcr2015'
      ? pcr2015Notices(events)
      : regime.regime === 'pa2023'
        ? procurementActNotices(regime, events)
        : psrNotices(events);
  return notices.sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.kind.localeCompare(b.kind));
}

function pcr2015Notices(events: VehicleEvents): RequiredNotice[] {
  return [
    ...(events.advertisedOn
      ? [
          {
            kind: 'PCR-CN' as const,
            subject: 'vehicle',
            eventOn: events.advertisedOn,
            dueBy: events.advertisedOn,
            why: 'A light-touch contract is advertised by a contract notice (PCR 2015 reg. 75(1))',
          },
        ]
      : []),
    ...events.awards.map((award) => ({
      kind: 'PCR-CAN' as const,
      subject: `award:${award.id}`,
      eventOn: award.decidedOn,
      dueBy: addDays(award.decidedOn, 30),
      why: 'The award of a light-touch contract is published within 30 days (PCR 2015 reg. 75(2))',
    })),
  ];
}

// The Provider Selection Regime: an intention to award notice starts the standstill of direct
// award C, the most suitable provider process and the competitive process; every contract awarded
// is published within 30 days of being entered into (as found, to verify in reg. 9-12).
function psrNotices(events: VehicleEvents): RequiredNotice[] {
  const process = events.psrProcess;
  if (!process) return [];
  return [
    ...(hasPsrStandstill(process)
      ? events.awards.map((award) => ({
          kind: 'PSR-INT' as const,
          subject: `award:${award.id}`,
          eventOn: award.decidedOn,
          dueBy: award.decidedOn,
          why: `${PSR_PROCESS_LABELS[process]}: the intention to award is published, and the standstill runs from the day after it`,
        }))
      : []),
    ...events.contractsStarted.map((started) => ({
      kind: 'PSR-CAN' as const,
      subject: `contracts:${started.awardId}`,
      eventOn: started.startOn,
      dueBy: addDays(started.startOn, 30),
      why: 'A contract awarded under the Provider Selection Regime is published within 30 days of being entered into',
    })),
  ];
}

function procurementActNotices(regime: NoticeRegime, events: VehicleEvents): RequiredNotice[] {
  const notices: RequiredNotice[] = [];
  if (events.advertisedOn)
    notices.push(
      isDynamicMarket(regime)
        ? {
            kind: 'UK14',
            subject: 'vehicle',
            eventOn: events.advertisedOn,
            dueBy: events.advertisedOn,
            why: 'A dynamic market is established by a dynamic market notice (s.39)',
          }
        : {
            kind: 'UK4',
            subject: 'vehicle',
            eventOn: events.advertisedOn,
            dueBy: events.advertisedOn,
            why: 'Tenders are invited by a tender notice (s.21)',
          },
    );
  // Admission to a dynamic market awards no contract: its contracts come later, each by its own
  // competition, so its admissions need neither an award nor a contract details notice.
  const contractAwards = isDynamicMarket(regime) ? [] : events.awards;
  const contractsStarted = isDynamicMarket(regime) ? [] : events.contractsStarted;
  for (const award of contractAwards) {
    notices.push({
      kind: 'UK6',
      subject: `award:${award.id}`,
      eventOn: award.decidedOn,
      dueBy: award.decidedOn,
      why: hasStandstill(regime)
        ? 'A contract award notice is published before the contract is entered into, and starts the standstill (s.50, s.51)'
        : 'A contract award notice is still required for a light-touch contract, though the standstill is not (s.50)',
    });
  }
  for (const started of contractsStarted) {
    const days = contractDetailsDays(regime);
    notices.push({
      kind: 'UK7',
      subject: `contracts:${started.awardId}`,
      eventOn: started.startOn,
      dueBy: addDays(started.startOn, days),
      why: `A contract details notice is published within ${days} days of entering into the contract (s.53${regime.lightTouch ? ', light-touch' : ''})`,
    });
  }
  if (isDynamicMarket(regime))
    for (const modification of events.modifications ?? [])
      notices.push({
        kind: 'UK15',
        subject: `modification:${modification.id}`,
        eventOn: modification.on,
        dueBy: modification.on,
        why: 'A dynamic market whose terms change is modified by a dynamic market notice (s.39)',
      });
  if (events.closedOn && isDynamicMarket(regime))
    notices.push({
      kind: 'UK16',
      subject: 'vehicle',
      eventOn: events.closedOn,
      dueBy: events.closedOn,
      why: 'A dynamic market that ceases to operate is closed by a dynamic market notice (s.39)',
    });
  else if (events.closedOn && events.awards.length === 0)
    notices.push({
      kind: 'UK12',
      subject: 'vehicle',
      eventOn: events.closedOn,
      dueBy: events.closedOn,
      why: 'A procurement ended before award is closed by a procurement termination notice, as soon as practicable (s.55)',
    });
  for (const quarter of events.largePayments ?? [])
    notices.push({
      kind: 'UK8',
      subject: `payments:${quarter.quarterStart}:${quarter.providerId}`,
      eventOn: quarter.quarterEnd,
      dueBy: addDays(quarter.quarterEnd, 30),
      why: 'Each payment over £30,000 under a contract is published within 30 days of the end of the quarter it was made in (s.70)',
    });
  // A breach that ended in termination, or a failure not put right after notice, is published as
  // the contract's performance (light-touch contracts need no KPIs, so this is their only one).
  for (const termination of events.terminations.filter((one) => one.afterDefaultNotice))
    notices.push({
      kind: 'UK9',
      subject: `performance:${termination.id}`,
      eventOn: termination.on,
      dueBy: addDays(termination.on, 30),
      why: 'The provider was given a default notice and the contract was then terminated: its poor performance is published within 30 days (s.71)',
    });
  for (const termination of events.terminations)
    notices.push({
      kind: 'UK11',
      subject: `termination:${termination.id}`,
      eventOn: termination.on,
      dueBy: addDays(termination.on, 30),
      why: 'A contract termination notice is published within 30 days of the contract ending (s.80)',
    });
  // Modifying a light-touch contract needs no contract change notice.
  if (!regime.lightTouch)
    for (const change of events.changes)
      notices.push({
        kind: 'UK10',
        subject: `change:${change.id}`,
        eventOn: change.on,
        dueBy: change.on,
        why: 'A contract change notice is published before the modification is made (s.75)',
      });
  return notices;
}

/** What the vehicle's regime means for its notices and time limits, for its page. */
export function regimeRules(regime: NoticeRegime): string[] {
  if (regime.regime === 'pcr2015')
    return [
      'Runs under the Public Contracts Regulations 2015 light-touch regime: a contract notice when advertised and a contract award notice within 30 days of each award.',
      'Standstill: 10 calendar days from the day after the award decision notice is sent.',
    ];
  if (regime.regime === 'psr')
    return [
      'Runs under the NHS Provider Selection Regime 2023: the process the decision makers chose, its conditions, the key criteria and the reasons are recorded before the award.',
      'Direct award C, the most suitable provider process and the competitive process publish an intention to award and keep a standstill of 8 working days from the day after it, 5 more when a provider makes representations; direct award A and B have none.',
      'Every contract awarded is published within 30 days of being entered into.',
    ];
  const rules = [
    isDynamicMarket(regime)
      ? 'Procurement Act 2023: a dynamic market notice when the market is established and when it ceases.'
      : 'Procurement Act 2023: a tender notice when advertised, a contract award notice for each award, a contract details notice once contracts start, and a procurement termination notice if it ends before award.',
  ];
  if (regime.lightTouch)
    rules.push(
      'Light-touch service: no minimum time limits for tendering; contract details are due within 120 days rather than 30; KPIs are not required, so a contract performance notice is only for a breach or poor performance; modifications need no contract change notice.',
      regime.voluntaryStandstill
        ? 'Standstill: the 8-working-day standstill does not apply to a light-touch contract, but a voluntary one is kept.'
        : 'Standstill: none. The 8-working-day standstill does not apply to a light-touch contract, and no voluntary one is kept.',
    );
  else rules.push('Standstill: 8 working days from the day the contract award notice is published.');
  return rules;
}

/**
 * A dynamic purchasing system set up under PCR 2015 runs on under those rules only until the end of
 * the fourth year from the Act's commencement (SI 2024/716 reg. 5, as amended when commencement
 * moved to 24 February 2025): its last day is 23 February 2029.
 */
export const PCR_DPS_LAST_DAY: IsoDate = '2029-02-23';

/** For a PCR 2015 DPS: when it must stop, and whether to warn now (within a year of it) so a dynamic market can replace it. */
export function dpsTransition(
  regime: Pick<NoticeRegime, 'kind' | 'regime'>,
  today: IsoDate,
): { lastDay: IsoDate; warn: boolean } | null {
  if (regime.kind !== 'dps' || regime.regime !== 'pcr2015') return null;
  return { lastDay: PCR_DPS_LAST_DAY, warn: today >= addDays(PCR_DPS_LAST_DAY, -365) };
}
