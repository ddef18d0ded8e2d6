// An exercise's analysis: for every line and every result worked out from the workbooks, the count
// of responses and the lower quartile, median and upper quartile (QUARTILE.INC), never under five
// responses; outliers beyond 1.5 × the interquartile range flagged for a finance officer to query
// with the provider or exclude with a reason; the medians beside the council's current rates and
// comparator councils' rates; pay against the National Living Wage; zero-hours contracts and staff
// turnover. Everyone who reads the exercise sees the aggregates; only its runners see which
// provider an outlier is.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { cardInForce } from '../brokerage/domain/prices.ts';
import { RATE_CARD_READERS, rateCards } from '../brokerage/price-service.ts';
import { getVehicle } from '../procurement/service.ts';
import { providerNames } from '../providers/service.ts';
import {
  answerShown,
  LINE_GROUP_LABELS,
  MINIMUM_RESPONSES,
  outliers,
  PAY_LINES,
  quartiles,
  RESULT_FORMULAS,
  RESULT_LABELS,
  RESULT_UNITS,
  RESULTS,
  divideHalfUp,
  type LineUnit,
  type OutlierSide,
  type Quartiles,
} from './domain/exercise.ts';
import { livingWageOn } from './domain/living-wage.ts';
import { livingWageRates } from './living-wage.ts';
import { comparatorInput, reviewInput, type ComparedResult } from './exercise-input.ts';
import * as repository from './exercise-repository.ts';
import { analysedResults, type AnalysedWorkbook } from './exercise-results.ts';
import { EXERCISE_READERS, exerciseFor, exerciseToRun, runsExercises, type Exercise } from './exercise-service.ts';

export interface FigureRow {
  key: string;
  label: string;
  /** The group's name for a line; "Worked out" for a result. */
  group: string;
  unit: LineUnit;
  count: number;
  quartiles: Quartiles | null;
  /** The quartiles as shown: "£12.50"; null under five responses. */
  shown: { lowerQuartile: string; median: string; upperQuartile: string } | null;
  formula: string | null;
}

export interface Outlier {
  providerId: string;
  providerName: string;
  what: string;
  value: string;
  side: OutlierSide;
}

export interface RateComparison {
  what: string;
  median: string | null;
  /** The council's rate in force today, vehicle by vehicle, and comparator councils' rates with their source. */
  rates: { who: string; rate: string; difference: string | null; source: string }[];
}

const shownQuartiles = (unit: LineUnit, figures: Quartiles | undefined) =>
  figures
    ? {
        lowerQuartile: answerShown(unit, figures.lowerQuartile),
        median: answerShown(unit, figures.median),
        upperQuartile: answerShown(unit, figures.upperQuartile),
      }
    : null;

const figureRow = (
  key: string,
  label: string,
  group: string,
  unit: LineUnit,
  values: number[],
  formula: string | null = null,
): FigureRow => {
  const figures = quartiles(values);
  return {
    key,
    label,
    group,
    unit,
    count: values.length,
    quartiles: figures ?? null,
    shown: shownQuartiles(unit, figures),
    formula,
  };
};

/** The lines and results of the workbooks analysed, each a row of the table. */
function figureRows(exercise: Exercise, analysed: readonly AnalysedWorkbook[]): FigureRow[] {
  const lines = exercise.lines.map((line) =>
    figureRow(
      line.key,
      line.label,
      LINE_GROUP_LABELS[line.group],
      line.unit,
      analysed.flatMap((workbook) => (workbook.answers[line.key] === undefined ? [] : [workbook.answers[line.key]!])),
    ),
  );
  const results = RESULTS.map((key) =>
    figureRow(
      key,
      RESULT_LABELS[key],
      'Worked out',
      RESULT_UNITS[key],
      analysed.flatMap((workbook) => (workbook.results[key] === undefined ? [] : [workbook.results[key]!])),
      RESULT_FORMULAS[key],
    ),
  );
  return [...lines, ...results];
}

/** Outliers among the costs and results (volumes are sizes, not costs, and are not flagged). */
function outliersOf(exercise: Exercise, analysed: readonly AnalysedWorkbook[], names: Map<string, string>): Outlier[] {
  const flagged: Outlier[] = [];
  const check = (what: string, unit: LineUnit, valueOf: (workbook: AnalysedWorkbook) => number | undefined) => {
    const having = analysed.filter((workbook) => valueOf(workbook) !== undefined);
    for (const [index, side] of outliers(having.map((workbook) => valueOf(workbook)!))) {
      const workbook = having[index]!;
      flagged.push({
        providerId: workbook.providerId,
        providerName: names.get(workbook.providerId) ?? '',
        what,
        value: answerShown(unit, valueOf(workbook)),
        side,
      });
    }
  };
  for (const line of exercise.lines)
    if (line.group !== 'volumes') check(line.label, line.unit, (workbook) => workbook.answers[line.key]);
  for (const key of RESULTS) check(RESULT_LABELS[key], RESULT_UNITS[key], (workbook) => workbook.results[key]);
  return flagged;
}

const COMPARED: Record<ComparedResult, { label: string; hourly?: 'supportHour' | 'sleepInNight' }> = {
  'cost-per-hour': { label: 'Cost per care hour', hourly: 'supportHour' },
  'cost-per-sleep-in': { label: 'Cost per sleep-in night', hourly: 'sleepInNight' },
  'cost-per-person-week': { label: 'Cost per person per week' },
};

/** The council's hourly rates in force today on the exercise's vehicles, where the viewer may read rate cards. */
async function councilRates(db: Db, viewer: CurrentUser, exercise: Exercise) {
  if (!hasRole(viewer, ...RATE_CARD_READERS)) return [];
  const today = isoDateInLondon(new Date());
  return Promise.all(
    exercise.vehicleIds.map(async (vehicleId) => {
      const [cards, vehicle] = await Promise.all([rateCards(db, viewer, vehicleId), getVehicle(db, viewer, vehicleId)]);
      const card =
        cardInForce(
          cards.filter((row) => row.lotId === null),
          today,
        ) ?? cardInForce(cards, today);
      return { vehicleName: vehicle.vehicle.name, card };
    }),
  );
}

function comparisons(
  rows: readonly FigureRow[],
  council: Awaited<ReturnType<typeof councilRates>>,
  comparators: readonly repository.ComparatorRow[],
): RateComparison[] {
  return (Object.keys(COMPARED) as ComparedResult[]).map((key) => {
    const row = rows.find((one) => one.key === key)!;
    const median = row.quartiles?.median ?? null;
    const difference = (rate: number) =>
      median === null
        ? null
        : rate === median
          ? 'The same as the median'
          : `${answerShown(row.unit, Math.abs(rate - median))} ${rate > median ? 'above' : 'below'} the median`;
    const hourly = COMPARED[key].hourly;
    return {
      what: COMPARED[key].label,
      median: row.shown?.median ?? null,
      rates: [
        ...council.flatMap(({ vehicleName, card }) =>
          hourly && card
            ? [
                {
                  who: `This council: ${vehicleName}`,
                  rate: answerShown(row.unit, card.rates.hourly[hourly]),
                  difference: difference(card.rates.hourly[hourly]),
                  source: `Rate card in force from ${longDate(card.effectiveFrom)}`,
                },
              ]
            : [],
        ),
        ...comparators
          .filter((comparator) => comparator.measure === key)
          .map((comparator) => ({
            who: comparator.council,
            rate: answerShown(row.unit, comparator.pence),
            difference: difference(comparator.pence),
            source: comparator.source,
          })),
      ],
    };
  });
}

/** Hourly pay lines against the National Living Wage in force from the April the costs' year begins. */
function livingWageComparison(exercise: Exercise, analysed: readonly AnalysedWorkbook[], rows: readonly FigureRow[]) {
  const rate = livingWageOn(livingWageRates(), `${exercise.financialYear}-04-01`);
  if (!rate) return null;
  return {
    rate: answerShown('pence-per-hour', rate.pence),
    from: rate.from,
    source: rate.source,
    lines: exercise.lines
      .filter((line) => (PAY_LINES as readonly string[]).includes(line.key))
      .map((line) => {
        const paid = analysed.flatMap((workbook) =>
          workbook.answers[line.key] === undefined ? [] : [workbook.answers[line.key]!],
        );
        const row = rows.find((one) => one.key === line.key)!;
        const below = paid.filter((pence) => pence < rate.pence).length;
        return {
          label: line.label,
          median: row.shown?.median ?? null,
          medianAbove: row.quartiles === null ? null : answerShown('pence-per-hour', row.quartiles.median - rate.pence),
          // How many pay below the rate is shown only once there are enough responses to hide who.
          belowWords:
            paid.length < MINIMUM_RESPONSES
              ? null
              : `${below} of ${paid.length} ${paid.length === 1 ? 'provider pays' : 'providers pay'} below it`,
        };
      }),
  };
}

/** Of the providers answering, how many use zero-hours contracts; and care staff turnover, all providers together. */
function workforce(analysed: readonly AnalysedWorkbook[]) {
  const zeroHours = analysed.filter((workbook) => workbook.answers['zero-hours'] !== undefined);
  const using = zeroHours.filter((workbook) => workbook.answers['zero-hours']! > 0).length;
  const staffed = analysed.filter(
    (workbook) => workbook.answers['headcount'] !== undefined && workbook.answers['leavers'] !== undefined,
  );
  const headcount = staffed.reduce((sum, workbook) => sum + workbook.answers['headcount']!, 0);
  const leavers = staffed.reduce((sum, workbook) => sum + workbook.answers['leavers']!, 0);
  return {
    zeroHours:
      zeroHours.length < MINIMUM_RESPONSES
        ? null
        : {
            providers: using,
            of: zeroHours.length,
            share: answerShown('basis-points', divideHalfUp(using * 10_000, zeroHours.length)),
          },
    turnover:
      staffed.length < MINIMUM_RESPONSES || headcount === 0
        ? null
        : {
            leavers: leavers.toLocaleString('en-GB'),
            headcount: headcount.toLocaleString('en-GB'),
            share: answerShown('basis-points', divideHalfUp(leavers * 10_000, headcount)),
          },
  };
}

/** The exercise's analysis, as the viewer may see it. */
export async function exerciseAnalysis(db: Db, viewer: CurrentUser, exerciseId: string) {
  const exercise = await exerciseFor(db, viewer, exerciseId);
  staffOrganisation(viewer, EXERCISE_READERS);
  const runner = runsExercises(viewer, exercise.organisationId);
  const [analysed, all, comparators, council] = await Promise.all([
    analysedResults(db, exercise),
    repository.workbooksOf(db, exercise.organisationId, exercise.id),
    repository.comparatorsOf(db, exercise.organisationId, exercise.id),
    councilRates(db, viewer, exercise),
  ]);
  const rows = figureRows(exercise, analysed);
  const names = runner
    ? await providerNames(
        db,
        all.map((workbook) => workbook.providerId),
      )
    : new Map<string, string>();
  return {
    exercise,
    responses: analysed.length,
    invited: all.length,
    enough: analysed.length >= MINIMUM_RESPONSES,
    rows,
    comparisons: comparisons(rows, council, comparators),
    livingWage: livingWageComparison(exercise, analysed, rows),
    workforce: workforce(analysed),
    /** For the exercise's runners only: which providers' figures stand out, and the workbooks queried or left out. */
    outliers: runner ? outliersOf(exercise, analysed, names) : null,
    reviewed: runner
      ? all
          .filter((workbook) => workbook.excludedReason !== null || workbook.query !== null)
          .map((workbook) => ({
            providerId: workbook.providerId,
            providerName: names.get(workbook.providerId) ?? '',
            excludedReason: workbook.excludedReason,
            query: workbook.query,
          }))
      : null,
  };
}
export type ExerciseAnalysis = Awaited<ReturnType<typeof exerciseAnalysis>>;

/**
 * A finance officer's (or commissioner's) decision on a submitted workbook: query its figures with
 * the provider (the question is kept and shown to the provider), exclude it from the analysis with
 * a reason, or include it again. Audited with the reason.
 */
export async function reviewWorkbook(
  db: Db,
  viewer: CurrentUser,
  exerciseId: string,
  providerId: string,
  input: unknown,
) {
  const review = parseOrThrow(reviewInput, input);
  const exercise = await exerciseToRun(db, viewer, exerciseId);
  if (!runsExercises(viewer, exercise.organisationId)) throw new ForbiddenError();
  const row = await repository.workbookOf(db, exercise.organisationId, exercise.id, providerId);
  if (!row) throw new NotFoundError();
  if (row.status !== 'submitted')
    throw new ValidationError([{ field: 'action', message: 'Only a submitted workbook can be queried or excluded' }]);
  const changes =
    review.action === 'query'
      ? { query: review.reason }
      : review.action === 'exclude'
        ? { excludedReason: review.reason }
        : { excludedReason: null };
  await db.transaction(async (tx) => {
    await repository.updateWorkbook(tx, exercise.organisationId, row.id, { ...changes, updatedAt: new Date() });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: `cost-workbook.${review.action}`,
        recordType: 'cost-workbook',
        recordId: row.id,
        before: { excludedReason: row.excludedReason, query: row.query },
        after: changes,
        reason: review.reason,
      },
    ]);
  });
  return { exerciseId: exercise.id, providerId, ...review };
}

/** A comparator council's rate, entered by hand with its source. */
export async function addComparator(db: Db, viewer: CurrentUser, exerciseId: string, input: unknown) {
  const comparator = parseOrThrow(comparatorInput, input);
  const exercise = await exerciseToRun(db, viewer, exerciseId);
  const row: repository.ComparatorRow = {
    organisationId: exercise.organisationId,
    id: randomUUID(),
    exerciseId: exercise.id,
    ...comparator,
    createdBy: viewer.id,
    createdAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await repository.insertComparator(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      { action: 'cost-exercise.add-comparator', recordType: 'cost-exercise', recordId: exercise.id, after: comparator },
    ]);
  });
  return row;
}
