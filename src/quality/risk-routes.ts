// The early-warning risk dashboard's pages: every service's colour with its reasons and trend (a
// provider sees its own), one service's indicators with their sources, and the risk model, changed
// through a check page that shows which services the change would turn another colour.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { GOVUK_COLOURS, stackedBarChart } from '../platform/charts/charts.ts';
import { renderChart } from '../platform/charts/render-chart.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import type { TagColour } from '../platform/http/list-page.ts';
import { formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { zonesOf } from '../organisations/service.ts';
import { staffOrganisation } from '../platform/auth/current-user.ts';
import { SERVICE_TYPES } from '../providers/domain/cqc-vocabulary.ts';
import { RISK_COLOUR_LABELS, RISK_COLOURS, RISK_INDICATORS, type RiskColour } from './domain/risk-model.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { registerProviders } from './intelligence-service.ts';
import { paths } from './paths.ts';
import { formOfModel, riskFilter, riskModelForm, STEPS_ON_PAGE } from './risk-input.ts';
import * as models from './risk-model-service.ts';
import * as risk from './risk-service.ts';

const column = columnsOf<risk.RiskListItem, risk.RiskSort>();
export const COLOUR_TAGS: Record<RiskColour, TagColour> = { green: 'green', amber: 'orange', red: 'red' };
const TREND_LABELS = { better: 'Better', same: 'Same', worse: 'Worse' } as const;
const isStaff = (call: PageCall) => call.user.providerId === null;
const trend = (value: risk.RiskListItem['trendSinceLast']) => (value ? TREND_LABELS[value] : 'First rating');

/** The colours over the last 90 days, drawn as a chart with its figures. */
async function coloursChart(db: Db, call: PageCall) {
  const days = await risk.coloursOverTime(db, call.user);
  if (days.length === 0) return null;
  const latest = days.at(-1)!;
  return renderChart(
    stackedBarChart({
      title: 'Services by colour over the last 90 days',
      description: `On ${longDate(latest.day)}: ${RISK_COLOURS.map((colour) => `${latest.counts[colour]} ${RISK_COLOUR_LABELS[colour]}`).join(', ')}. Each bar is a day on which the ratings were worked out.`,
      xTitle: 'Day',
      yTitle: 'Services',
      categories: [
        { key: 'green', label: 'Green', colour: GOVUK_COLOURS.green },
        { key: 'amber', label: 'Amber', colour: GOVUK_COLOURS.orange },
        { key: 'red', label: 'Red', colour: GOVUK_COLOURS.red },
      ],
      points: days.map((day) => ({
        x: new Date(`${day.day}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' }),
        counts: day.counts,
      })),
    }),
  );
}

function modelPageContext(version: models.RiskModelVersion) {
  return {
    version,
    indicators: RISK_INDICATORS.map((indicator) => ({
      ...indicator,
      rule: version.content.indicators[indicator.key],
    })),
  };
}

export function riskPages(db: Db): PageRoute[] {
  return [
    listPage<risk.RiskListItem, ReturnType<typeof riskFilter.parse>, risk.RiskSort>({
      path: paths.risk(),
      access: risk.RISK_READERS,
      title: (call) => (isStaff(call) ? 'Provider risk dashboard' : 'Your services’ risk ratings'),
      noun: { one: 'service', many: 'services' },
      filter: riskFilter,
      filters: [
        {
          name: 'colour',
          label: 'Colour',
          kind: 'select',
          any: 'Any colour',
          options: () => RISK_COLOURS.map((value) => ({ value, text: RISK_COLOUR_LABELS[value] })),
        },
        {
          name: 'zone',
          label: 'Zone',
          kind: 'select',
          any: 'Any zone',
          offeredTo: isStaff,
          options: async ({ user }) =>
            (await zonesOf(db, staffOrganisation(user, QUALITY_READERS))).map((zone) => ({
              value: zone.id,
              text: zone.name,
            })),
        },
        {
          name: 'provider',
          label: 'Provider',
          kind: 'select',
          any: 'Any provider',
          offeredTo: isStaff,
          options: async ({ user }) =>
            (await registerProviders(db, user)).map((provider) => ({ value: provider.id, text: provider.name })),
        },
        {
          name: 'serviceType',
          label: 'Service type',
          kind: 'select',
          any: 'Any service type',
          offeredTo: isStaff,
          options: async ({ user }) =>
            (await risk.serviceTypeChoices(db, user)).map((type) => ({
              value: type,
              text: SERVICE_TYPES.labels[type] ?? type,
            })),
        },
        {
          name: 'changed',
          label: 'Colour changed',
          kind: 'select',
          any: 'Any time',
          options: () => [
            { value: 'day', text: 'Since yesterday' },
            { value: 'week', text: 'In the last week' },
            { value: 'month', text: 'In the last 30 days' },
          ],
        },
        { name: 'search', label: 'Service or provider', kind: 'search' },
      ],
      columns: [
        column.text('Service', (row) => row.serviceName, {
          sort: 'service',
          href: (row) => paths.riskService(row.serviceId),
        }),
        { ...column.text('Provider', (row) => row.providerName, { sort: 'provider' }), shownTo: isStaff },
        {
          ...column.text('Commissioned by', (row) => row.organisationName),
          shownTo: (call) => !isStaff(call),
        },
        {
          ...column.text('Colour', (row) => RISK_COLOUR_LABELS[row.colour], { sort: 'colour' }),
          tag: (row) => COLOUR_TAGS[row.colour],
        },
        { ...column.text('Score', (row) => row.score, { sort: 'score' }), numeric: true },
        column.text('Since last run', (row) => trend(row.trendSinceLast)),
        column.text('Over 90 days', (row) => trend(row.trendOver90Days)),
        column.text('Top reasons', (row) => row.reasons.slice(0, 3).join('; ') || 'Nothing scores points'),
        { ...column.text('Zone', (row) => row.zoneName ?? 'Not set', { sort: 'zone' }), shownTo: isStaff },
        {
          ...column.text('Tier', (row) => row.tiers?.replace(/tier(\d)/g, 'Tier $1').replace(',', ', ') ?? 'None'),
          shownTo: isStaff,
        },
        column.date('Colour since', (row) => row.colourSince, { sort: 'changed' }),
      ],
      defaultSort: risk.RISK_ORDER,
      summary: async ({ user }) => {
        const counts = await risk.riskCounts(db, user);
        return [...RISK_COLOURS].reverse().map((colour) => ({
          text: RISK_COLOUR_LABELS[colour],
          count: counts[colour],
          href: `${paths.risk()}?colour=${colour}`,
          tag: COLOUR_TAGS[colour],
        }));
      },
      actions: (call) =>
        hasRole(call.user, ...QUALITY_READERS) ? [{ text: 'Risk model', href: paths.riskModel() }] : [],
      empty:
        'No service has a rating yet: ratings are worked out each night, and at once when a service’s records change.',
      view: {
        template: 'quality/views/risk-dashboard.njk',
        load: async (call) => ({ figure: await coloursChart(db, call) }),
      },
      fetch: ({ user }, request) => risk.riskList(db, user, request),
    }),
    page({
      path: paths.riskService(':id'),
      access: risk.RISK_READERS,
      view: 'quality/views/risk-service.njk',
      load: async ({ user, params, mayOpen }) => {
        const found = await risk.serviceRisk(db, user, params.id!);
        return {
          title: `Risk rating: ${found.service.name}`,
          found,
          colourTags: COLOUR_TAGS,
          colourLabels: RISK_COLOUR_LABELS,
          indicators: (found.rating?.indicators ?? []).map((indicator) => ({
            ...indicator,
            href: indicator.href && mayOpen(indicator.href) ? indicator.href : null,
          })),
          serviceHref: mayOpen(paths.service(found.service.id)) ? paths.service(found.service.id) : null,
        };
      },
    }),
    page({
      path: '/quality/risk/model/versions/:version',
      access: QUALITY_READERS,
      view: 'quality/views/risk-model-version.njk',
      load: async ({ user, params }) => {
        const version = await models.riskModelVersion(db, user, Number(params.version));
        return {
          title: `Risk model, version ${version.version}`,
          ...modelPageContext(version),
          modelHref: paths.riskModel(),
        };
      },
    }),
    formPage({
      path: paths.riskModel(),
      access: QUALITY_READERS,
      view: 'quality/views/risk-model.njk',
      form: riskModelForm,
      initial: async ({ user }) => formOfModel((await models.currentRiskModel(db, user)).content),
      load: async ({ user }) => {
        const [current, versions] = await Promise.all([
          models.currentRiskModel(db, user),
          models.riskModelVersions(db, user),
        ]);
        return {
          title: 'Risk model',
          ...modelPageContext(current),
          versions,
          mayChange: hasRole(user, ...QUALITY_KEEPERS),
          stepRows: Array.from({ length: STEPS_ON_PAGE }, (_, index) => index),
          versionHref: paths.riskModelVersion,
        };
      },
      confirm: async ({ user }, input) => {
        const preview = await models.previewRiskModel(db, user, input);
        const moved = preview.changes.length;
        return {
          title: 'Check the change to the risk model before you save it',
          rows: [
            ...preview.counts.map((count) => ({
              key: RISK_COLOUR_LABELS[count.colour],
              value: `${count.current} services now, ${count.proposed} under the change`,
            })),
            { key: 'What the change is', value: input.changeNote },
          ],
          table: {
            caption: `${moved} service${moved === 1 ? '' : 's'} would change colour`,
            head: ['Service', 'Provider', 'Now', 'Under the change'],
            rows: preview.changes.map((change) => [
              change.name,
              change.providerName,
              `${RISK_COLOUR_LABELS[change.from.colour]} (${change.from.score})`,
              `${RISK_COLOUR_LABELS[change.to.colour]} (${change.to.score})`,
            ]),
            empty: 'No service would change colour.',
          },
          warning:
            preview.scoreChanges > 0
              ? `${preview.scoreChanges} more services would keep their colour with different points. Saving rates every service again at once.`
              : 'Saving rates every service again at once.',
          button: 'Save this version',
          changeHref: paths.riskModel(),
        };
      },
      save: ({ user }, input) => models.saveRiskModel(db, user, input),
      next: (_call, saved) => ({
        to: paths.risk(),
        flash: `Version ${saved.version} of the risk model is saved, and every service is rated under it`,
      }),
    }),
  ];
}
