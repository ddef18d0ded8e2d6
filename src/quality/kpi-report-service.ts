// What KPI returns show: a vehicle's table of providers against KPIs for a quarter, rated Green,
// Amber or Red (with its CSV and XLSX), the report's sentences across all providers, and one
// membership's history as a chart per KPI against its target. The "listened to" KPI is counted
// from the people's survey, never from fewer than five responses.
import writeExcelFile from 'write-excel-file/node';
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { lineChart } from '../platform/charts/charts.ts';
import { renderChart } from '../platform/charts/render-chart.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { toCsv } from '../platform/http/csv.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import {
  acrossProviders,
  askedIn,
  isQuarterKey,
  lastEndedQuarter,
  LISTENED_TO_STATEMENT,
  previousQuarter,
  quarterBounds,
  quarterLabel,
  quarterOf,
  quartersBetween,
  RAG_LABELS,
  rated,
  summarySentence,
  type Figures,
  type QuarterKey,
  type Rating,
} from './domain/kpi.ts';
import { SMALLEST_GROUP_SHOWN } from './domain/survey.ts';
import * as repository from './kpi-repository.ts';
import { membershipFor, shownDefinition, vehicleFor, type KpiDefinition } from './kpi-service.ts';

const today = () => isoDateInLondon(new Date());

/** The survey's "staff listen to me" figures per provider and quarter, where at least five responded. */
async function surveyFigures(
  db: Db,
  organisationId: string,
  quarters: readonly QuarterKey[],
  providerId?: string,
): Promise<Map<string, Figures>> {
  if (quarters.length === 0) return new Map();
  const rows = await repository.surveyFigures(db, organisationId, LISTENED_TO_STATEMENT, {
    providerId,
    from: quarterBounds(quarters[0]!).startsOn,
    to: quarterBounds(quarters.at(-1)!).endsOn,
  });
  return new Map(
    rows
      .filter((row) => row.responses >= SMALLEST_GROUP_SHOWN && row.answered >= SMALLEST_GROUP_SHOWN)
      .map((row) => [
        `${row.providerId} ${quarterOf(row.quarterStartsOn)}`,
        { numerator: row.yes, denominator: row.given },
      ]),
  );
}

/** Quarters the vehicle's KPIs have been asked for, newest first, for choosing one. */
function quarterChoices(kpis: readonly KpiDefinition[]): QuarterKey[] {
  const first = kpis.map((kpi) => kpi.firstQuarter).sort()[0];
  const last = lastEndedQuarter(today());
  return first && first <= last ? quartersBetween(first, last).reverse() : [];
}

function chosenQuarter(choices: readonly QuarterKey[], asked: string | undefined): QuarterKey {
  if (asked !== undefined && !(isQuarterKey(asked) && choices.includes(asked))) throw new NotFoundError();
  return asked ?? choices[0] ?? lastEndedQuarter(today());
}

const percentOrCount = (kpi: KpiDefinition, value: number | null) =>
  value === null ? 'No one counted' : kpi.measure === 'percentage' ? `${value}%` : String(value);

export interface TableCell {
  figures: Figures | null;
  rating: Rating | null;
  text: string;
  ragLabel: string | null;
}

/** A vehicle's providers against its KPIs for one quarter (the last ended unless chosen). */
export async function kpiTable(db: Db, viewer: CurrentUser, vehicleId: string, quarter?: string) {
  const vehicle = await vehicleFor(db, viewer, vehicleId);
  const all = (await repository.definitionsOf(db, vehicle.organisationId, [vehicle.id])).map(shownDefinition);
  const choices = quarterChoices(all);
  const chosen = chosenQuarter(choices, quarter);
  const kpis = all.filter((kpi) => askedIn(kpi, chosen));
  const { startsOn, endsOn } = quarterBounds(chosen);
  const [memberships, { returns, values }, survey] = await Promise.all([
    repository.membershipsWhere(db, { organisationId: vehicle.organisationId, vehicleId: vehicle.id }),
    repository.returnsOfVehicle(db, vehicle.organisationId, vehicle.id, [chosen]),
    kpis.some((kpi) => kpi.source === 'survey') ? surveyFigures(db, vehicle.organisationId, [chosen]) : new Map(),
  ]);
  const returnOf = new Map(returns.map((row) => [row.membershipId, row]));
  const figuresOf = new Map(values.map((value) => [`${value.returnId} ${value.kpiId}`, value]));
  const rows = memberships
    .filter((m) => m.startOn !== null && m.startOn <= endsOn && (m.endOn === null || m.endOn >= startsOn))
    .map((membership) => {
      const made = returnOf.get(membership.id);
      return {
        membership,
        made: made ?? null,
        cells: kpis.map((kpi): TableCell => {
          const figures =
            kpi.source === 'survey'
              ? (survey.get(`${membership.providerId} ${chosen}`) ?? null)
              : made
                ? (figuresOf.get(`${made.id} ${kpi.id}`) ?? null)
                : null;
          const rating = figures ? rated(kpi, figures) : null;
          return {
            figures,
            rating,
            text: figures
              ? `${percentOrCount(kpi, rating!.value)} (${figures.numerator} of ${figures.denominator})`
              : kpi.source === 'survey'
                ? 'Fewer than 5 responses'
                : 'No return',
            ragLabel: rating?.rag ? RAG_LABELS[rating.rag] : null,
          };
        }),
      };
    });
  return { vehicle, quarter: chosen, quarterLabel: quarterLabel(chosen), choices, kpis, rows };
}

/** The table as CSV or XLSX: a row per membership, each KPI's figures, value and rating. */
export async function kpiTableFile(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  quarter: string | undefined,
  format: 'csv' | 'xlsx',
) {
  const table = await kpiTable(db, viewer, vehicleId, quarter);
  const head = [
    'Provider',
    'Lot',
    'Quarter',
    'Return',
    ...table.kpis.flatMap((kpi) => [
      `${kpi.name}: achieving`,
      `${kpi.name}: counted`,
      `${kpi.name}: value`,
      `${kpi.name}: rating`,
    ]),
  ];
  const body = table.rows.map((row) => [
    row.membership.providerName,
    row.membership.lotTitle,
    table.quarter,
    row.made ? (row.made.late ? 'Late' : 'On time') : 'None',
    ...row.cells.flatMap((cell) => [
      cell.figures?.numerator ?? '',
      cell.figures?.denominator ?? '',
      cell.rating?.value ?? '',
      cell.ragLabel ?? '',
    ]),
  ]);
  const filename = `kpis-${table.quarter}`;
  if (format === 'csv')
    return {
      filename: `${filename}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: toCsv(
        body.map((cells) => Object.fromEntries(cells.map((cell, i) => [head[i]!, cell]))),
        head,
      ),
    };
  return {
    filename: `${filename}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await writeExcelFile(
      [
        head.map((value) => ({ value, fontWeight: 'bold' as const })),
        ...body.map((cells) => cells.map((value) => ({ value }))),
      ],
      { stickyRowsCount: 1 },
    ).toBuffer(),
  };
}

/** The report's sentence for each KPI across all the vehicle's providers, this quarter against the one before. */
export async function kpiSummary(db: Db, viewer: CurrentUser, vehicleId: string, quarter?: string) {
  const current = await kpiTable(db, viewer, vehicleId, quarter);
  const before = previousQuarter(current.quarter);
  const previous = current.choices.includes(before) ? await kpiTable(db, viewer, vehicleId, before) : null;
  const totals = (table: typeof current, kpi: KpiDefinition) => {
    const index = table.kpis.findIndex((asked) => asked.id === kpi.id);
    const given =
      index < 0
        ? []
        : table.rows.flatMap((row) => {
            const figures = row.cells[index]!.figures;
            return figures ? [{ providerId: row.membership.providerId, figures }] : [];
          });
    return acrossProviders(kpi.source, given);
  };
  return {
    ...current,
    previousLabel: previous ? previous.quarterLabel : null,
    sentences: current.kpis.map((kpi) => {
      const now = totals(current, kpi);
      const then = previous ? totals(previous, kpi) : null;
      const rating = now ? rated(kpi, now.total) : null;
      return {
        kpi,
        sentence: now ? summarySentence(kpi, now.total, then?.total ?? null) : 'No figures yet for this quarter.',
        providers: now?.providers ?? 0,
        ragLabel: rating?.rag ? RAG_LABELS[rating.rag] : null,
        rag: rating?.rag ?? null,
      };
    }),
  };
}

/** One membership's returns over time: a chart per KPI against its target, with the figures beside it. */
export async function kpiHistory(db: Db, viewer: CurrentUser, membershipId: string) {
  const membership = await membershipFor(db, viewer, membershipId);
  const kpis = (await repository.definitionsOf(db, membership.organisationId, [membership.vehicleId])).map(
    shownDefinition,
  );
  const quarters = quarterChoices(kpis).reverse();
  const [{ returns, values }, survey] = await Promise.all([
    repository.returnsOfVehicle(db, membership.organisationId, membership.vehicleId),
    kpis.some((kpi) => kpi.source === 'survey')
      ? surveyFigures(db, membership.organisationId, quarters, membership.providerId)
      : new Map<string, Figures>(),
  ]);
  const mine = new Map(returns.filter((row) => row.membershipId === membership.id).map((row) => [row.id, row.quarter]));
  const figures = new Map(
    values.flatMap((value) =>
      mine.has(value.returnId) ? [[`${mine.get(value.returnId)} ${value.kpiId}`, value]] : [],
    ),
  );
  const charts = await Promise.all(
    kpis.map(async (kpi) => {
      const asked = quarters.filter((quarter) => askedIn(kpi, quarter));
      const points = asked.map((quarter) => {
        const given =
          kpi.source === 'survey'
            ? survey.get(`${membership.providerId} ${quarter}`)
            : figures.get(`${quarter} ${kpi.id}`);
        return { x: quarterLabel(quarter).split(' (')[0]!, y: given ? rated(kpi, given).value : null };
      });
      const percentage = kpi.measure === 'percentage';
      return {
        kpi,
        chart:
          asked.length === 0
            ? null
            : await renderChart(
                lineChart({
                  title: `${kpi.name}: ${membership.providerName}`,
                  description: `${percentage ? 'The share of' : 'The number of'} ${kpi.denominatorLabel} (${kpi.numeratorLabel}) each quarter from ${quarterLabel(asked[0]!)}, against the target of ${percentOrCount(kpi, kpi.target)}.`,
                  xTitle: 'Quarter',
                  yTitle: percentage ? `Share of ${kpi.denominatorLabel}` : kpi.numeratorLabel,
                  series: [{ name: membership.providerName, points }],
                  target: { value: kpi.target, label: 'Target' },
                  yDomain: percentage ? [0, 100] : undefined,
                  yFormat: percentage ? 'percent' : 'count',
                }),
              ),
      };
    }),
  );
  return { membership, charts };
}
