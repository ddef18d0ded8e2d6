// A vehicle's KPIs for the organisation: its definitions (added, changed and retired by quality
// officers and commissioners), its providers against its KPIs for a quarter rated Green, Amber or
// Red with CSV and XLSX, and the report's sentences across all its providers.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { field, formSchema, noFields } from '../platform/http/form-fields.ts';
import { one, type FormBody } from '../platform/http/forms.ts';
import { download, formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import {
  KPI_DIRECTION_LABELS,
  KPI_MEASURE_LABELS,
  KPI_SOURCE_LABELS,
  lastEndedQuarter,
  nextQuarter,
  quarterLabel,
  quartersBetween,
  RAG_LABELS,
} from './domain/kpi.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { kpiSummary, kpiTable, kpiTableFile } from './kpi-report-service.ts';
import { RAG_TAGS } from './kpi-routes.ts';
import * as kpis from './kpi-service.ts';
import { paths } from './paths.ts';

const FORM_VIEW = 'quality/views/kpi-definition-form.njk';

const definitionForm = formSchema({
  name: field.text(),
  description: field.text(),
  numeratorLabel: field.text(),
  denominatorLabel: field.text(),
  summaryPhrase: field.text(),
  measure: field.text(),
  target: field.number(null),
  direction: field.text(),
  amberTolerance: field.number(null),
  source: field.text(),
  firstQuarter: field.text(),
});

const choices = (labels: Record<string, string>, chosen: string) =>
  Object.entries(labels).map(([value, text]) => ({ value, text, checked: value === chosen }));

/** From a year back to the quarter after the one under way, for a new KPI's first quarter. */
function firstQuarterItems(chosen: string) {
  const last = lastEndedQuarter(isoDateInLondon(new Date()));
  const yearBefore = `${Number(last.slice(0, 4)) - 1}${last.slice(4)}`;
  return quartersBetween(yearBefore, nextQuarter(nextQuarter(last))).map((value) => ({
    value,
    text: quarterLabel(value),
    selected: value === (chosen || nextQuarter(last)),
  }));
}

const tablePath = (vehicleId: string, quarter: string, format?: string) =>
  `${paths.kpiTable(vehicleId)}${format ? `.${format}` : ''}?quarter=${quarter}`;

export function kpiVehiclePages(db: Db): PageRoute[] {
  const formPageContext = async ({ user, params }: PageCall, values: FormBody) => {
    const vehicle = await kpis.vehicleFor(db, user, params.vehicleId!, QUALITY_KEEPERS);
    const existing = params.id ? await kpis.definition(db, user, vehicle.id, params.id) : null;
    return {
      title: existing ? `Change the KPI: ${existing.name}` : `Add a KPI to ${vehicle.name}`,
      vehicle,
      existing,
      values,
      measureItems: choices(KPI_MEASURE_LABELS, one(values.measure)),
      directionItems: choices(KPI_DIRECTION_LABELS, one(values.direction)),
      sourceItems: choices(KPI_SOURCE_LABELS, one(values.source) || 'return'),
      quarterItems: firstQuarterItems(one(values.firstQuarter)),
      backLink: { href: paths.vehicleKpis(vehicle.id), text: `${vehicle.name}: KPIs` },
    };
  };

  const asInput = (form: Record<string, unknown>) => ({ ...form, description: form.description ?? '' });

  const tableDownload = (format: 'csv' | 'xlsx') =>
    download({
      path: `/quality/vehicles/:vehicleId/kpi-table.${format}`,
      access: QUALITY_READERS,
      load: ({ user, params, query }) => kpiTableFile(db, user, params.vehicleId!, query.quarter || undefined, format),
    });

  return [
    page({
      path: paths.kpiVehicles(),
      access: QUALITY_READERS,
      view: 'quality/views/kpi-vehicles.njk',
      load: async ({ user }) => ({
        title: 'KPIs by vehicle',
        vehicles: (await kpis.vehicles(db, user)).map((vehicle) => ({
          ...vehicle,
          kpisHref: paths.vehicleKpis(vehicle.id),
          tableHref: paths.kpiTable(vehicle.id),
          summaryHref: paths.kpiSummary(vehicle.id),
        })),
        backLink: { href: paths.kpiReturns(), text: 'KPI returns' },
      }),
    }),
    page({
      path: '/quality/vehicles/:vehicleId/kpis',
      access: QUALITY_READERS,
      view: 'quality/views/kpi-definitions.njk',
      load: async ({ user, params }) => {
        const vehicle = await kpis.vehicleFor(db, user, params.vehicleId!);
        return {
          title: `${vehicle.name}: KPIs`,
          vehicle,
          definitions: await kpis.definitions(db, user, vehicle.id),
          canKeep: hasRole(user, ...QUALITY_KEEPERS),
          addHref: `${paths.vehicleKpis(vehicle.id)}/new`,
          changeHref: (id: string) => paths.vehicleKpi(vehicle.id, id),
          tableHref: paths.kpiTable(vehicle.id),
          summaryHref: paths.kpiSummary(vehicle.id),
          backLink: { href: paths.kpiVehicles(), text: 'KPIs by vehicle' },
        };
      },
    }),
    formPage({
      path: '/quality/vehicles/:vehicleId/kpis/new',
      access: QUALITY_KEEPERS,
      view: FORM_VIEW,
      form: definitionForm,
      load: formPageContext,
      save: ({ user, params }, form) =>
        kpis.addDefinition(db, user, params.vehicleId!, {
          ...asInput(form),
          firstQuarter: form.firstQuarter || undefined,
        }),
      next: (_call, saved) => ({ to: paths.vehicleKpis(saved.vehicleId), flash: `${saved.name} added` }),
    }),
    formPage({
      path: '/quality/vehicles/:vehicleId/kpis/:id',
      access: QUALITY_KEEPERS,
      view: FORM_VIEW,
      form: definitionForm,
      initial: async ({ user, params }) => {
        const kpi = await kpis.definition(db, user, params.vehicleId!, params.id!);
        return { ...kpi, target: String(kpi.target), amberTolerance: String(kpi.amberTolerance) } as FormBody;
      },
      load: formPageContext,
      save: ({ user, params }, { source: _source, firstQuarter: _first, ...form }) =>
        kpis.changeDefinition(db, user, params.vehicleId!, params.id!, asInput(form)),
      next: (_call, saved) => ({ to: paths.vehicleKpis(saved.vehicleId), flash: `${saved.name} changed` }),
    }),
    formPage({
      path: '/quality/vehicles/:vehicleId/kpis/:id/retire',
      access: QUALITY_KEEPERS,
      view: FORM_VIEW,
      showsOn: false,
      form: noFields,
      load: formPageContext,
      confirm: async ({ user, params }) => {
        const kpi = await kpis.definition(db, user, params.vehicleId!, params.id!);
        return {
          title: `Retire ${kpi.name}?`,
          rows: [
            { key: 'KPI', value: kpi.name },
            { key: 'Last quarter asked for', value: quarterLabel(lastEndedQuarter(isoDateInLondon(new Date()))) },
          ],
          warning: 'Providers will not be asked for it in later quarters. Returns already made keep their figures.',
          button: 'Retire the KPI',
          changeHref: paths.vehicleKpi(params.vehicleId!, params.id!),
        };
      },
      save: ({ user, params }) => kpis.changeDefinition(db, user, params.vehicleId!, params.id!, { retired: true }),
      next: (_call, saved) => ({ to: paths.vehicleKpis(saved.vehicleId), flash: `${saved.name} retired` }),
    }),
    page({
      path: '/quality/vehicles/:vehicleId/kpi-table',
      access: QUALITY_READERS,
      view: 'quality/views/kpi-table.njk',
      load: async ({ user, params, query }) => {
        const table = await kpiTable(db, user, params.vehicleId!, query.quarter || undefined);
        return {
          title: `${table.vehicle.name}: KPIs for ${table.quarterLabel}`,
          table,
          ragTags: RAG_TAGS,
          quarterItems: table.choices.map((value) => ({
            value,
            text: quarterLabel(value),
            selected: value === table.quarter,
          })),
          historyHref: paths.kpiHistory,
          exports: [
            { text: 'CSV', href: tablePath(table.vehicle.id, table.quarter, 'csv') },
            { text: 'Excel (XLSX)', href: tablePath(table.vehicle.id, table.quarter, 'xlsx') },
          ],
          summaryHref: `${paths.kpiSummary(table.vehicle.id)}?quarter=${table.quarter}`,
          backLink: { href: paths.vehicleKpis(table.vehicle.id), text: `${table.vehicle.name}: KPIs` },
        };
      },
    }),
    tableDownload('csv'),
    tableDownload('xlsx'),
    page({
      path: '/quality/vehicles/:vehicleId/kpi-summary',
      access: QUALITY_READERS,
      view: 'quality/views/kpi-summary.njk',
      load: async ({ user, params, query }) => {
        const summary = await kpiSummary(db, user, params.vehicleId!, query.quarter || undefined);
        return {
          title: `${summary.vehicle.name}: KPI summary for ${summary.quarterLabel}`,
          summary,
          ragTags: RAG_TAGS,
          ragLabels: RAG_LABELS,
          quarterItems: summary.choices.map((value) => ({
            value,
            text: quarterLabel(value),
            selected: value === summary.quarter,
          })),
          tableHref: tablePath(summary.vehicle.id, summary.quarter),
          backLink: { href: paths.vehicleKpis(summary.vehicle.id), text: `${summary.vehicle.name}: KPIs` },
        };
      },
    }),
  ];
}
