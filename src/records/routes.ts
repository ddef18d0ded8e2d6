// Pages for a person's data: the subject access export reached from their record, the retention
// rule an administrator sets, the records the nightly review found due, and the erasure of one,
// confirmed on a check-your-answers page.
import type { Db } from '../platform/db/client.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { field, formSchema, noFields } from '../platform/http/form-fields.ts';
import { download, formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { RECORDS_OFFICERS, RETENTION_SETTERS } from './access.ts';
import { subjectAccessPdf } from './export-pdf.ts';
import { subjectAccessExport, subjectOf } from './export-service.ts';
import { paths } from './paths.ts';
import * as retention from './retention-service.ts';

const VIEWS = 'records/views';

const retentionForm = formSchema({ years: field.number(Number.NaN), basis: field.text() });

/** The file's name: the case reference and the day, never the person's name. */
const fileName = (caseReference: unknown, extension: string) =>
  `subject-access-${String(caseReference).replace(/[^A-Za-z0-9-]/g, '_')}-${new Date().toISOString().slice(0, 10)}.${extension}`;

export function recordsPages(db: Db): PageRoute[] {
  const erasePage = async ({ user, params }: PageCall) => {
    const check = await retention.erasureCheck(db, { user }, params.id!);
    return { title: `Erase ${check.name}'s record`, check, backLink: { href: paths.person(check.personId) } };
  };
  return [
    page({
      path: '/people/:id/subject-access',
      access: RECORDS_OFFICERS,
      view: `${VIEWS}/subject-access.njk`,
      load: async ({ user, params }) => {
        const check = await subjectOf(db, { user }, params.id!);
        return {
          title: `Subject access export for ${check.name}`,
          ...check,
          pdfHref: paths.subjectAccessPdf(check.id),
          jsonHref: paths.subjectAccessJson(check.id),
          backLink: { href: paths.person(check.id) },
        };
      },
    }),
    download({
      path: '/people/:id/subject-access.pdf',
      access: RECORDS_OFFICERS,
      load: async ({ user, params }) => {
        const data = await subjectAccessExport(db, { user }, params.id!);
        return {
          filename: fileName(data.person.caseReference, 'pdf'),
          contentType: 'application/pdf',
          body: await subjectAccessPdf(data),
        };
      },
    }),
    download({
      path: '/people/:id/subject-access.json',
      access: RECORDS_OFFICERS,
      load: async ({ user, params }) => {
        const data = await subjectAccessExport(db, { user }, params.id!);
        return {
          filename: fileName(data.person.caseReference, 'json'),
          contentType: 'application/json',
          body: JSON.stringify(data, null, 2),
        };
      },
    }),
    formPage({
      path: paths.retentionRule(),
      access: RETENTION_SETTERS,
      view: `${VIEWS}/retention-rule.njk`,
      form: retentionForm,
      initial: async ({ user }) => {
        const rule = await retention.retentionRule(db, user);
        return { years: String(rule.years), basis: rule.basis };
      },
      load: async () => ({ title: 'How long people’s records are kept' }),
      save: ({ user }, input) => retention.saveRetentionRule(db, user, input),
      next: () => ({ to: paths.retentionRule(), flash: 'The retention rule has been saved' }),
    }),
    page({
      path: paths.dueForErasure(),
      access: RECORDS_OFFICERS,
      view: `${VIEWS}/due-for-erasure.njk`,
      load: async ({ user }) => ({ title: 'Records due for erasure', ...(await retention.dueForErasure(db, user)) }),
    }),
    formPage({
      path: '/people/:id/erase',
      access: RECORDS_OFFICERS,
      view: `${VIEWS}/erase.njk`,
      form: noFields,
      load: erasePage,
      confirm: async ({ user, params }) => {
        const check = await retention.erasureCheck(db, { user }, params.id!);
        return {
          title: `Erase ${check.name}'s record`,
          rows: [
            { key: 'Person', value: `${check.name} (${check.caseReference})` },
            { key: 'Due since', value: longDate(check.due.dueOn) },
            { key: 'Rule', value: `${check.rule.years} years after the ${check.due.from}` },
          ],
          warning: `${check.name}'s name, case reference, NHS number, day and month of birth and the notes about them are removed for good. Their placements and prices stay, without their name, for reports.`,
          button: 'Erase record',
          changeHref: paths.person(check.personId),
        };
      },
      save: ({ user, params }) => retention.erasePerson(db, user, params.id!),
      next: () => ({ to: paths.dueForErasure(), flash: 'The record has been erased' }),
    }),
  ];
}
