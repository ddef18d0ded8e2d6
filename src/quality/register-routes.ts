// The assessment schedule (a declared list, with its CSV and XLSX) and bringing newly contracted
// services onto the register.
import type { Db } from '../platform/db/client.ts';
import type { TagColour } from '../platform/http/list-page.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import { noFields } from '../platform/http/form-fields.ts';
import { formPage, listPage, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { zonesOf } from '../organisations/service.ts';
import { staffOrganisation } from '../platform/auth/current-user.ts';
import { SCHEDULE_STATUS_LABELS, SCHEDULE_STATUSES, type ScheduleStatus } from './domain/schedule.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { scheduleFilterInput } from './input.ts';
import { paths } from './paths.ts';
import { SCHEDULE_ORDER } from './register-api.ts';
import * as register from './register-service.ts';

const column = columnsOf<register.ScheduleRow, register.ScheduleSort>();
const STATUS_TAGS: Record<ScheduleStatus, TagColour> = { overdue: 'red', due: 'yellow', done: 'green' };

export function registerPages(db: Db): PageRoute[] {
  return [
    listPage<register.ScheduleRow, register.ScheduleFilter, register.ScheduleSort>({
      path: paths.schedule(),
      access: QUALITY_READERS,
      title: 'Assessment schedule',
      noun: { one: 'service', many: 'services' },
      filter: scheduleFilterInput,
      filters: [
        {
          name: 'status',
          label: 'Status',
          kind: 'select',
          any: 'Any status',
          options: () => SCHEDULE_STATUSES.map((value) => ({ value, text: SCHEDULE_STATUS_LABELS[value] })),
        },
        {
          name: 'zoneId',
          label: 'Zone',
          kind: 'select',
          any: 'Any zone',
          options: async ({ user }: PageCall) =>
            (await zonesOf(db, staffOrganisation(user, QUALITY_READERS))).map((zone) => ({
              value: zone.id,
              text: zone.name,
            })),
        },
        {
          name: 'officerId',
          label: 'Quality officer',
          kind: 'select',
          any: 'Any officer',
          options: async ({ user }: PageCall) =>
            (await register.qualityOfficers(db, user)).map((officer) => ({ value: officer.id, text: officer.name })),
        },
        { name: 'search', label: 'Service or provider', kind: 'search' },
      ],
      columns: [
        column.text('Service', (row) => row.service.name, {
          sort: 'service',
          href: (row) => paths.service(row.service.id),
        }),
        column.text('Provider', (row) => row.providerName, { sort: 'provider' }),
        column.text('Zone', (row) => row.zoneName ?? 'Not set', { sort: 'zone' }),
        column.text('Quality officer', (row) => row.officerName ?? 'Not assigned'),
        column.date('Last published', (row) => row.lastPublishedOn, { none: 'Never assessed' }),
        column.date('Next due', (row) => row.dueOn, { sort: 'due' }),
        {
          ...column.text('Status', (row) => SCHEDULE_STATUS_LABELS[row.status]),
          tag: (row) => STATUS_TAGS[row.status],
        },
        column.text('Assessment under way', (row) => (row.openAssessmentId ? 'Yes' : 'No')),
      ],
      defaultSort: SCHEDULE_ORDER,
      summary: async ({ user }) => {
        const counts = await register.scheduleSummary(db, user);
        return SCHEDULE_STATUSES.map((status) => ({
          text: SCHEDULE_STATUS_LABELS[status].toLowerCase(),
          count: counts[status],
          href: `${paths.schedule()}?status=${status}`,
          tag: STATUS_TAGS[status],
        }));
      },
      actions: ({ user }) =>
        register.keepsRegister(user) ? [{ text: 'Bring in newly contracted services', href: paths.bringIn() }] : [],
      empty: 'No services match. Clear the filters to see them all, or bring in newly contracted services.',
      fetch: (call, request) => register.scheduleList(db, call.user, request),
    }),
    formPage({
      path: paths.bringIn(),
      access: QUALITY_KEEPERS,
      view: 'quality/views/bring-in.njk',
      form: noFields,
      load: async () => ({
        title: 'Bring in newly contracted services',
        backLink: { href: paths.schedule(), text: 'Assessment schedule' },
      }),
      save: ({ user }) => register.bringInContractedServices(db, user),
      next: (_call, { added }) => ({
        to: paths.schedule(),
        flash:
          added === 0
            ? 'Every contracted service is already on the register'
            : `${added} ${added === 1 ? 'service was' : 'services were'} added to the register: each is due its first assessment`,
      }),
    }),
  ];
}
