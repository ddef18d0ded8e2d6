// Uplift pages: the list, a proposal's form, a proposal with its methods side by side and the
// commissioner's approval through a check page, and the letters (a printable page and a PDF) that
// providers read in their portal.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { formatPence } from '../platform/domain/money.ts';
import { pageOf } from '../platform/domain/pagination.ts';
import { field, formSchema } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { download, formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import {
  monthWords,
  percent,
  PRICE_INDICES,
  PRICE_INDEX_LABELS,
  ROUNDING_RULE,
  UPLIFT_METHODS,
  type UpliftMethod,
} from './domain/uplift.ts';
import { listExercises } from './exercise-service.ts';
import { STAFF_SHARE_SOURCES } from './uplift-input.ts';
import { letterPdf } from './uplift-letter-pdf.ts';
import { paths } from './paths.ts';
import * as letters from './uplift-letter-service.ts';
import * as uplifts from './uplift-service.ts';

const UPLIFT_VIEW = 'pricing/views/uplift.njk';
const FORM_VIEW = 'pricing/views/uplift-form.njk';

const proposalForm = formSchema({
  vehicleId: field.text(),
  effectiveFrom: field.date(),
  staffShareFrom: field.choice(STAFF_SHARE_SOURCES),
  staffSharePercent: field.text(),
  exerciseId: field.text(),
  priceIndex: field.choice(PRICE_INDICES),
  indexPercent: field.text(),
  indexMonth: field.text(),
  indexSource: field.text(),
  flatPercent: field.text(),
  method: field.choice(UPLIFT_METHODS),
});

const approvalForm = formSchema({ method: field.choice(UPLIFT_METHODS), decisionReference: field.text() });

type Sortable = Record<string, string>;
/** A short list sorted and paged in memory, as the list page asks. */
function sortedPage<Row>(rows: Row[], request: ListRequest<unknown>, key: (row: Row) => Sortable) {
  const direction = request.sort.direction === 'desc' ? -1 : 1;
  const sorted = [...rows].sort(
    (a, b) => direction * (key(a)[request.sort.key] ?? '').localeCompare(key(b)[request.sort.key] ?? ''),
  );
  const start = (request.page - 1) * request.pageSize;
  return pageOf(sorted.slice(start, start + request.pageSize), rows.length, request.page, request.pageSize);
}

const upliftColumn = columnsOf<uplifts.UpliftSummary, 'effectiveFrom' | 'vehicle'>();
const letterColumn = columnsOf<letters.LetterSummary, 'effectiveFrom' | 'provider'>();
const isProvider = ({ user }: PageCall) => user.providerId !== null;

export function upliftPages(db: Db): PageRoute[] {
  const upliftPage = async ({ user, params }: PageCall, values: FormBody = {}) => {
    const uplift = await uplifts.getUplift(db, user, params.id!);
    return {
      title: `${uplift.name}: ${uplift.vehicleName}`,
      uplift,
      values: { method: uplift.method, ...values },
      roundingRule: ROUNDING_RULE,
      indexLabel: PRICE_INDEX_LABELS[uplift.basis.index],
      indexMonth: monthWords(uplift.indexMonth),
      percent,
      canApprove: uplift.status === 'proposed' && hasRole(user, 'commissioner'),
      approveAction: paths.approveUplift(uplift.id),
      letterHref: paths.upliftLetter,
      backLink: { href: paths.uplifts(), text: 'Uplifts' },
    };
  };

  return [
    listPage<uplifts.UpliftSummary, Record<string, never>, 'effectiveFrom' | 'vehicle'>({
      path: paths.uplifts(),
      access: uplifts.UPLIFT_READERS,
      title: 'Uplifts',
      noun: { one: 'uplift', many: 'uplifts' },
      filter: z.object({}) as unknown as z.ZodType<Record<string, never>>,
      filters: [],
      columns: [
        upliftColumn.text('Uplift', (row) => row.name, { sort: 'effectiveFrom', href: (row) => paths.uplift(row.id) }),
        upliftColumn.text('Vehicle', (row) => row.vehicleName, { sort: 'vehicle' }),
        upliftColumn.date('From', (row) => row.effectiveFrom),
        upliftColumn.text('Method', (row) => row.methodName),
        upliftColumn.text('Rise', (row) => percent(row.basisPoints)),
        {
          heading: 'Status',
          value: (row) => (row.status === 'approved' ? 'Approved' : 'Proposed'),
          tag: (row) => (row.status === 'approved' ? 'green' : 'blue'),
        },
        upliftColumn.text('Decision', (row) => row.decisionReference ?? ''),
      ],
      defaultSort: { key: 'effectiveFrom', direction: 'desc' },
      actions: ({ user }) => [
        ...(hasRole(user, ...uplifts.UPLIFT_RUNNERS) ? [{ text: 'Propose an uplift', href: paths.newUplift() }] : []),
        { text: 'Letters to providers', href: paths.upliftLetters() },
      ],
      empty: 'No uplifts have been proposed yet.',
      fetch: async ({ user }, request) =>
        sortedPage(await uplifts.listUplifts(db, user), request, (row) => ({
          effectiveFrom: row.effectiveFrom,
          vehicle: row.vehicleName,
        })),
    }),
    formPage({
      path: paths.newUplift(),
      access: uplifts.UPLIFT_RUNNERS,
      view: FORM_VIEW,
      form: proposalForm,
      initial: () => ({ staffShareFrom: 'entered', priceIndex: 'cpi', method: 'nlw-index' }),
      load: async ({ user }) => ({
        title: 'Propose an uplift',
        vehicles: await uplifts.vehicleChoices(db, user),
        exercises: (await listExercises(db, user)).map((exercise) => ({ value: exercise.id, text: exercise.title })),
        indexLabels: PRICE_INDEX_LABELS,
        roundingRule: ROUNDING_RULE,
        backLink: { href: paths.uplifts(), text: 'Uplifts' },
      }),
      save: ({ user }, input) => uplifts.proposeUplift(db, user, input),
      next: (_call, saved) => ({ to: paths.uplift(saved.id), flash: `${saved.name} proposed` }),
    }),
    page({
      path: '/pricing/uplifts/:id',
      access: uplifts.UPLIFT_READERS,
      view: UPLIFT_VIEW,
      load: (call) => upliftPage(call),
    }),
    formPage({
      path: '/pricing/uplifts/:id/approve',
      access: uplifts.UPLIFT_APPROVERS,
      view: UPLIFT_VIEW,
      showsOn: false,
      form: approvalForm,
      load: upliftPage,
      confirm: async ({ user, params }, input) => {
        const check = await uplifts.checkApproval(db, user, params.id!, input);
        const { uplift, alternative } = check;
        return {
          title: `Check the ${uplift.name} before you approve it`,
          rows: [
            { key: 'Vehicle', value: uplift.vehicleName },
            { key: 'New rates from', value: longDate(uplift.effectiveFrom) },
            { key: 'Method', value: `${alternative.name}. ${alternative.description}` },
            { key: 'Rise', value: percent(alternative.basisPoints) },
            { key: 'Decision reference', value: check.decisionReference },
            {
              key: 'Annual cost on today’s placements',
              value: `${formatPence(alternative.annualAfterPence)}, ${formatPence(alternative.annualChangePence)} more`,
            },
            { key: 'Placements repriced', value: String(check.repriced) },
            { key: 'Placements at an agreed price, not repriced', value: String(check.notRepriced) },
            { key: 'Letters to providers', value: String(check.providers) },
          ],
          table: {
            caption: 'New rates',
            head: ['Cards', 'Rate', 'Now', 'From ' + longDate(uplift.effectiveFrom)],
            rows: alternative.cards.flatMap((card) =>
              card.lines.map((line) => [
                card.lotTitle,
                line.label,
                formatPence(line.beforePence),
                formatPence(line.afterPence),
              ]),
            ),
            empty: 'No rates',
          },
          warning: `New rate cards take effect on ${longDate(uplift.effectiveFrom)}. Every placement priced from a rate card is repriced from that date (or from its start, if later); prices before it do not change. Each provider is sent a letter.`,
          button: 'Approve the uplift',
          changeHref: paths.uplift(uplift.id),
        };
      },
      save: ({ user, params }, input) => uplifts.approveUplift(db, user, params.id!, input),
      next: (_call, saved) => ({
        to: paths.uplift(saved.id),
        flash: `${saved.name} approved: new rate cards from ${longDate(saved.effectiveFrom)}, ${saved.letters.length} letters to providers`,
      }),
    }),
    listPage<letters.LetterSummary, Record<string, never>, 'effectiveFrom' | 'provider'>({
      path: paths.upliftLetters(),
      access: uplifts.LETTER_READERS,
      title: (call) => (isProvider(call) ? 'Your uplift letters' : 'Uplift letters to providers'),
      noun: { one: 'letter', many: 'letters' },
      filter: z.object({}) as unknown as z.ZodType<Record<string, never>>,
      filters: [],
      columns: [
        letterColumn.text('Letter', (row) => `${row.name}: ${row.vehicleName}`, {
          sort: 'effectiveFrom',
          href: (row) => paths.upliftLetter(row.id),
        }),
        {
          ...letterColumn.text('Provider', (row) => row.providerName, { sort: 'provider' }),
          shownTo: (call) => !isProvider(call),
        },
        { ...letterColumn.text('From', (row) => row.organisationName), shownTo: isProvider },
        letterColumn.date('New rates from', (row) => row.effectiveFrom),
      ],
      defaultSort: { key: 'effectiveFrom', direction: 'desc' },
      empty: 'No uplift letters yet.',
      fetch: async ({ user }, request) =>
        sortedPage(await letters.listLetters(db, user), request, (row) => ({
          effectiveFrom: row.effectiveFrom,
          provider: row.providerName,
        })),
    }),
    page({
      path: '/pricing/uplift-letters/:id',
      access: uplifts.LETTER_READERS,
      view: 'pricing/views/uplift-letter.njk',
      load: async ({ user, params }) => {
        const letter = await letters.getLetter(db, user, params.id!);
        return {
          title: `${letter.name}: ${letter.providerName}`,
          letter,
          percent,
          roundingRule: ROUNDING_RULE,
          indexLabel: PRICE_INDEX_LABELS[letter.basis.index],
          pdfHref: paths.upliftLetterPdf(letter.id),
          backLink: { href: paths.upliftLetters(), text: 'Uplift letters' },
        };
      },
    }),
    download({
      path: '/pricing/uplift-letters/:id/letter.pdf',
      access: uplifts.LETTER_READERS,
      load: async ({ user, params }) => {
        const letter = await letters.getLetter(db, user, params.id!);
        return {
          filename: `uplift-letter-${letter.effectiveFrom}-${letter.id.slice(0, 8)}.pdf`,
          contentType: 'application/pdf',
          body: await letterPdf(letter),
        };
      },
    }),
  ];
}

export const METHOD_CHOICES: readonly UpliftMethod[] = UPLIFT_METHODS;
