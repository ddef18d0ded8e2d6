// Payment schedule pages: the year's periods with their schedules, a schedule's lines (direct
// payments and individual service funds apart), its check page and export, the finance system's
// file, the NHS recharge, the settings and supplier references, and providers' statements.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { formatPence } from '../platform/domain/money.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { paginationLinks } from '../platform/domain/pagination.ts';
import { field, formSchema, noFields } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { download, formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { PAYMENT_ROUTE_LABELS, PAYMENT_ROUTES } from '../brokerage/domain/people.ts';
import { PERIOD_KIND_LABELS, PERIOD_KINDS } from './domain/payment.ts';
import * as payments from './payment-service.ts';
import * as fileService from './payment-file-service.ts';
import * as settingsService from './payment-settings-service.ts';
import { paths } from './paths.ts';

const READERS = settingsService.PAYMENT_READERS;
const RUNNERS = settingsService.PAYMENT_RUNNERS;
const STATEMENT_READERS = [...READERS, 'provider_user'] as const;
const SCHEDULE_VIEW = 'pricing/views/payment-schedule.njk';
const SETTINGS_VIEW = 'pricing/views/payment-settings.njk';
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const one = (value: unknown) => (Array.isArray(value) ? String(value[0] ?? '') : String(value ?? ''));

export function paymentPages(db: Db): PageRoute[] {
  const schedulesPage = async ({ user }: PageCall) => {
    const year = await payments.periodsSoFar(db, user);
    return {
      title: 'Payment schedules',
      ...year,
      kindLabel: PERIOD_KIND_LABELS[year.settings.periodKind],
      canGenerate: hasRole(user, ...RUNNERS),
      generateAction: paths.generateSchedule(),
      settingsHref: paths.paymentSettings(),
      statementsHref: paths.statements(),
      scheduleHref: paths.schedule,
    };
  };

  const schedulePage = async ({ user, params, query }: PageCall) => {
    const [{ schedule, routes }, lines] = await Promise.all([
      payments.scheduleSummary(db, user, params.id!),
      payments.scheduleLines(db, user, params.id!, { ...query, pageSize: query.pageSize ?? '50' }),
    ]);
    const base = paths.schedule(schedule.id);
    const filterHref = (paymentRoute?: string) => (paymentRoute ? `${base}?paymentRoute=${paymentRoute}` : base);
    return {
      title: `Payment schedule: ${schedule.label}`,
      schedule,
      routes: routes.map((row) => ({ ...row, label: PAYMENT_ROUTE_LABELS[row.paymentRoute] })),
      lines,
      routeLabels: PAYMENT_ROUTE_LABELS,
      routeFilters: [
        { text: 'All lines', href: filterHref(), current: !lines.filter.paymentRoute },
        ...PAYMENT_ROUTES.map((route) => ({
          text: PAYMENT_ROUTE_LABELS[route],
          href: filterHref(route),
          current: lines.filter.paymentRoute === route,
        })),
      ],
      pagination: paginationLinks(
        lines,
        (n) => `${filterHref(lines.filter.paymentRoute)}${lines.filter.paymentRoute ? '&' : '?'}page=${n}`,
      ),
      canExport: schedule.status === 'draft' && hasRole(user, ...RUNNERS),
      exportAction: paths.exportSchedule(schedule.id),
      csvHref: schedule.status === 'exported' ? paths.scheduleCsv(schedule.id) : null,
      rechargeHref: paths.recharge(schedule.id),
      settingsHref: paths.paymentSettings(),
      backLink: { href: paths.schedules(), text: 'Payment schedules' },
    };
  };

  const settingsPage = async ({ user }: PageCall, values: FormBody) => {
    const [settings, suppliers] = await Promise.all([
      settingsService.paymentSettings(db, user),
      settingsService.supplierReferences(db, user),
    ]);
    return {
      title: 'Payment settings',
      settings,
      suppliers,
      values,
      periodKinds: PERIOD_KINDS.map((value) => ({
        value,
        text: PERIOD_KIND_LABELS[value],
        checked: (one(values.periodKind) || settings.periodKind) === value,
      })),
      routes: PAYMENT_ROUTES.map((route) => ({ route, label: PAYMENT_ROUTE_LABELS[route] })),
      partners: [
        { value: '', text: 'No NHS partner' },
        ...settings.partners.map((partner) => ({
          value: partner.id,
          text: `${partner.name} (${partner.code})`,
          selected:
            (values.nhsPartnerId === undefined ? settings.nhsPartnerId : one(values.nhsPartnerId)) === partner.id,
        })),
      ],
      canChange: hasRole(user, ...RUNNERS),
      suppliersAction: paths.supplierReferences(),
      backLink: { href: paths.schedules(), text: 'Payment schedules' },
    };
  };

  return [
    page({
      path: paths.schedules(),
      access: READERS,
      view: 'pricing/views/payment-schedules.njk',
      load: schedulesPage,
    }),
    formPage({
      path: paths.generateSchedule(),
      access: RUNNERS,
      view: 'pricing/views/payment-schedules.njk',
      showsOn: false,
      form: formSchema({ year: field.number(Number.NaN), period: field.number(Number.NaN) }),
      load: schedulesPage,
      save: ({ user }, input) => payments.generateSchedule(db, user, input),
      next: (_call, schedule) => ({
        to: paths.schedule(schedule.id),
        flash: `${schedule.label} generated: ${schedule.lineCount} lines, ${formatPence(schedule.netPence)} net`,
      }),
    }),
    page({ path: '/pricing/payment-schedules/:id', access: READERS, view: SCHEDULE_VIEW, load: schedulePage }),
    formPage({
      path: '/pricing/payment-schedules/:id/export',
      access: RUNNERS,
      view: SCHEDULE_VIEW,
      showsOn: false,
      form: noFields,
      load: (call) => schedulePage(call),
      confirm: async ({ user, params }) => {
        const check = await payments.checkExport(db, user, params.id!);
        if (check.problems.length > 0) throw new ValidationError(check.problems);
        return {
          title: `Check ${check.schedule.label} before you export it`,
          rows: [
            { key: 'Period', value: `${longDate(check.schedule.startsOn)} to ${longDate(check.schedule.endsOn)}` },
            ...check.routes
              .filter((row) => row.lines > 0)
              .map((row) => ({
                key: PAYMENT_ROUTE_LABELS[row.paymentRoute],
                value: `${count(row.lines, 'line')} (${count(row.adjustments, 'adjustment')}): gross ${formatPence(row.grossPence)}, contributions ${formatPence(row.contributionPence)}, NHS ${formatPence(row.nhsSharePence)}, net ${formatPence(row.netPence)}`,
              })),
            { key: 'Council’s net cost', value: formatPence(check.schedule.netPence) },
          ],
          warning:
            'Once exported the schedule is locked: a later change to these placements becomes an adjustment in the next schedule.',
          button: 'Export and lock',
          changeHref: paths.schedule(check.schedule.id),
        };
      },
      save: ({ user, params }) => payments.exportSchedule(db, user, params.id!),
      next: (_call, schedule) => ({
        to: paths.schedule(schedule.id),
        flash: `${schedule.label} exported and locked: download the file for the finance system`,
      }),
    }),
    download({
      path: '/pricing/payment-schedules/:id/schedule.csv',
      access: READERS,
      load: ({ user, params }) => fileService.scheduleCsv(db, user, params.id!),
    }),
    page({
      path: '/pricing/payment-schedules/:id/recharge',
      access: READERS,
      view: 'pricing/views/payment-recharge.njk',
      load: async ({ user, params }) => {
        const recharge = await fileService.recharge(db, user, params.id!);
        return {
          title: `NHS recharge: ${recharge.schedule.label}`,
          ...recharge,
          csvHref: paths.rechargeCsv(recharge.schedule.id),
          backLink: { href: paths.schedule(recharge.schedule.id), text: recharge.schedule.label },
        };
      },
    }),
    download({
      path: '/pricing/payment-schedules/:id/recharge.csv',
      access: READERS,
      load: ({ user, params }) => fileService.rechargeCsv(db, user, params.id!),
    }),
    formPage({
      path: paths.paymentSettings(),
      access: READERS,
      view: SETTINGS_VIEW,
      form: formSchema({
        periodKind: field.text(),
        commissioned: field.text(),
        directPayment: field.text(),
        individualServiceFund: field.text(),
        nhsPartnerId: field.optionalText(),
      }),
      errorFields: {
        'costCentres.commissioned': 'commissioned',
        'costCentres.direct-payment': 'directPayment',
        'costCentres.individual-service-fund': 'individualServiceFund',
      },
      initial: async ({ user }) => {
        const settings = await settingsService.paymentSettings(db, user);
        return {
          periodKind: settings.periodKind,
          commissioned: settings.costCentres.commissioned,
          directPayment: settings.costCentres['direct-payment'],
          individualServiceFund: settings.costCentres['individual-service-fund'],
          nhsPartnerId: settings.nhsPartnerId ?? '',
        };
      },
      load: settingsPage,
      save: ({ user }, form) =>
        settingsService.saveSettings(db, user, {
          periodKind: form.periodKind as never,
          costCentres: {
            commissioned: form.commissioned,
            'direct-payment': form.directPayment,
            'individual-service-fund': form.individualServiceFund,
          },
          nhsPartnerId: form.nhsPartnerId,
        }),
      next: () => ({ to: paths.paymentSettings(), flash: 'Payment settings saved' }),
    }),
    formPage({
      path: paths.supplierReferences(),
      access: RUNNERS,
      view: SETTINGS_VIEW,
      showsOn: false,
      form: formSchema({ references: field.each('reference-', field.text()) }),
      load: settingsPage,
      save: async ({ user }, { references }) => {
        const current = new Map(
          (await settingsService.supplierReferences(db, user)).map((row) => [row.providerId, row]),
        );
        const changed = Object.entries(references).filter(
          ([providerId, reference]) => reference.trim() !== (current.get(providerId)?.reference ?? ''),
        );
        await settingsService.setSupplierReferences(
          db,
          user,
          changed.map(([providerId, reference]) => ({ providerId, reference })),
        );
        return changed.length;
      },
      next: (_call, count) => ({ to: paths.paymentSettings(), flash: `${count} supplier references saved` }),
    }),
    page({
      path: paths.statements(),
      access: STATEMENT_READERS,
      view: 'pricing/views/payment-statements.njk',
      load: async ({ user, query }) => {
        const isProvider = hasRole(user, 'provider_user');
        const suppliers = isProvider ? [] : await settingsService.supplierReferences(db, user);
        const providerId = isProvider ? undefined : query.providerId || undefined;
        const rows = isProvider || providerId ? await fileService.statements(db, user, providerId) : [];
        return {
          title: isProvider ? 'Payment statements' : 'Providers’ payment statements',
          isProvider,
          rows,
          providerId,
          providers: suppliers.map((row) => ({
            value: row.providerId,
            text: row.providerName,
            selected: row.providerId === providerId,
          })),
          statementHref: (scheduleId: string) => paths.statement(scheduleId, providerId),
          ...(isProvider ? {} : { backLink: { href: paths.schedules(), text: 'Payment schedules' } }),
        };
      },
    }),
    page({
      path: '/pricing/statements/:scheduleId',
      access: STATEMENT_READERS,
      view: 'pricing/views/payment-statement.njk',
      load: async ({ user, params, query }) => {
        const statement = await fileService.statement(db, user, params.scheduleId!, query.providerId || undefined);
        return {
          title: `Payment statement: ${statement.schedule.label}`,
          statement,
          csvHref: paths.statementCsv(statement.schedule.id, query.providerId || undefined),
          backLink: {
            href: `${paths.statements()}${query.providerId ? `?providerId=${statement.providerId}` : ''}`,
            text: 'Payment statements',
          },
        };
      },
    }),
    download({
      path: '/pricing/statements/:scheduleId/statement.csv',
      access: STATEMENT_READERS,
      load: ({ user, params, query }) =>
        fileService.statementCsv(db, user, params.scheduleId!, query.providerId || undefined),
    }),
  ];
}
