// A framework's rounds (DOMAIN.md, "Procurement vehicles": a flexible framework is periodically
// reopened to add providers where demand is unmet). Its first advertisement is round 1; reopening
// it once live starts the next round with its own dates. Applications and the memberships they win
// belong to a round. A dynamic purchasing system or dynamic market is open continuously and has none.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { longDate, type IsoDate } from '../../platform/domain/calendar.ts';
import {
  reopensInRounds,
  VEHICLE_KIND_LABELS,
  VEHICLE_STATUS_LABELS,
  type VehicleKind,
  type VehicleStatus,
} from './vehicles.ts';

/** Whether a kind of vehicle keeps rounds: frameworks and open frameworks. */
export const hasRounds = (kind: VehicleKind) => reopensInRounds(kind);

/** The round applications made now belong to: the latest one, or 1 on a vehicle without rounds. */
export function currentRoundNumber(rounds: readonly { number: number }[]): number {
  return rounds.reduce((latest, round) => Math.max(latest, round.number), 1);
}

export interface RoundDates {
  clarificationDeadline: IsoDate | null;
  submissionDeadline: IsoDate | null;
}

/** What reopening depends on, besides the dates entered. */
export interface ReopeningFacts {
  kind: VehicleKind;
  status: VehicleStatus;
  /** Whether the vehicle takes clarification questions (it set a clarification deadline when first advertised). */
  usesClarification: boolean;
  /** The number the new round would have. */
  round: number;
  today: IsoDate;
}

/**
 * Everything wrong with reopening a vehicle in a new round with these dates, each against its
 * field: only a live framework or open framework is reopened; the round needs its submission
 * deadline (and its clarification deadline where the vehicle takes questions), neither in the
 * past, the clarification deadline not after the submission deadline.
 */
export function reopeningProblems(facts: ReopeningFacts, dates: RoundDates): FieldError[] {
  if (!hasRounds(facts.kind))
    return [
      {
        field: 'status',
        message:
          facts.kind === 'dps' || facts.kind === 'dynamic-market'
            ? `A ${VEHICLE_KIND_LABELS[facts.kind].toLowerCase()} is open to applications continuously: it has no rounds`
            : `A ${VEHICLE_KIND_LABELS[facts.kind].toLowerCase()} is not reopened in rounds`,
      },
    ];
  const problems: FieldError[] = [];
  if (facts.status !== 'live')
    problems.push({
      field: 'status',
      message: `A framework is reopened in a new round once it is live; this one is ${VEHICLE_STATUS_LABELS[facts.status].toLowerCase()}`,
    });
  const { clarificationDeadline, submissionDeadline } = dates;
  if (facts.usesClarification) {
    if (!clarificationDeadline)
      problems.push({
        field: 'clarificationDeadline',
        message: `Enter the clarification deadline for round ${facts.round}`,
      });
    else if (clarificationDeadline < facts.today)
      problems.push({
        field: 'clarificationDeadline',
        message: `The clarification deadline must be today (${longDate(facts.today)}) or later`,
      });
  }
  if (!submissionDeadline)
    problems.push({ field: 'submissionDeadline', message: `Enter the submission deadline for round ${facts.round}` });
  else if (submissionDeadline < facts.today)
    problems.push({
      field: 'submissionDeadline',
      message: `The submission deadline must be today (${longDate(facts.today)}) or later`,
    });
  else if (clarificationDeadline && submissionDeadline < clarificationDeadline)
    problems.push({
      field: 'submissionDeadline',
      message: 'The submission deadline must not be before the clarification deadline',
    });
  return problems;
}

/**
 * Why a provider may not start another application in the current round, or null where it may:
 * one application per provider per round. A failed, unsuccessful or withdrawn application of an
 * earlier round does not count against it.
 */
export function secondApplicationProblem(
  kind: VehicleKind,
  round: number,
  existing: readonly { roundNumber: number; status: string }[],
): string | null {
  const inRound = existing.find((application) => application.roundNumber === round);
  if (!inRound) return null;
  return hasRounds(kind)
    ? `You have already applied in round ${round}: a provider makes one application per round. Open your application to see where it stands`
    : 'You have already applied: a provider makes one application to this vehicle. Open your application to see where it stands';
}

/**
 * A provider already on the framework keeps its places, and may apply in a new round for lots it
 * does not hold: each lot it chose that it already holds a place on (from any round, ended places
 * included, since a place once ended stays on its record) is refused by name.
 */
export function heldLotProblems(
  chosenLotIds: readonly string[],
  held: readonly { lotId: string; lotTitle: string; roundNumber: number }[],
): FieldError[] {
  return chosenLotIds.flatMap((lotId) => {
    const place = held.find((membership) => membership.lotId === lotId);
    return place
      ? [
          {
            field: 'lotIds',
            message: `You already hold a place on ${place.lotTitle} (admitted in round ${place.roundNumber}): choose lots you do not hold`,
          },
        ]
      : [];
  });
}

/** A round as its vehicle's page shows it. */
export interface RoundSummary {
  number: number;
  opensOn: IsoDate;
  clarificationDeadline: IsoDate | null;
  submissionDeadline: IsoDate | null;
  /** Submitted applications made in the round. */
  applicationsReceived: number;
  /** Providers given a place on at least one lot by the round's award. */
  providersAdmitted: number;
}

/** Each round with its applications received and providers admitted, counted from the rows given. */
export function summariseRounds(
  rounds: readonly {
    number: number;
    opensOn: IsoDate;
    clarificationDeadline: IsoDate | null;
    submissionDeadline: IsoDate | null;
  }[],
  applications: readonly { roundNumber: number; status: string }[],
  memberships: readonly { roundNumber: number; providerId: string }[],
): RoundSummary[] {
  return [...rounds]
    .sort((a, b) => a.number - b.number)
    .map((round) => ({
      number: round.number,
      opensOn: round.opensOn,
      clarificationDeadline: round.clarificationDeadline,
      submissionDeadline: round.submissionDeadline,
      applicationsReceived: applications.filter(
        (application) => application.roundNumber === round.number && application.status !== 'draft',
      ).length,
      providersAdmitted: new Set(
        memberships.filter((membership) => membership.roundNumber === round.number).map((m) => m.providerId),
      ).size,
    }));
}
