// The subject access export as a PDF (pdfkit), in plain words for the person it is about: what is
// held in each part of their record, with a heading per section and "None" where nothing is.
import { longDate, londonDateTime } from '../platform/domain/calendar.ts';
import { formatPence } from '../platform/domain/money.ts';
import type { SubjectAccessExport } from './export-service.ts';
import { newPdf } from '../platform/documents/libraries.ts';

const MARGIN = 56;

type Entry = Record<string, unknown>;

/** Names the JSON keys in words: weeklyPricePence → "Weekly price". */
const LABELS: Record<string, string> = {
  dateOfBirth: 'Date of birth',
  caseReference: 'Case reference',
  nhsNumber: 'NHS number',
  clientGroups: 'Client groups',
  homeZone: 'Home zone',
  inCounty: 'Lives in county',
  paymentRoute: 'Paid by',
  weeklyContributionPence: 'Weekly contribution',
  transitionPathway: "On a transition pathway from children's services",
  recordCreatedAt: 'Record made',
  recordUpdatedAt: 'Record last changed',
  assessedOn: 'Assessed on',
  bandReason: 'Why this band',
  oneToOneMinutesPerWeek: '1:1 support, minutes a week',
  nightSupport: 'Night support',
  requiredFeatures: 'Their home must have',
  keptApartFromPeople: 'People they must not live with (not named here)',
  madeAt: 'Made',
  startBy: 'Care to start by',
  offFrameworkReason: 'Why bought off framework',
  sentAt: 'Sent',
  answerBy: 'Answer by',
  shownToProvider: 'What the provider was shown',
  answeredAt: 'Answered',
  declineReason: 'Why declined',
  declineNote: 'Note on declining',
  startsOn: 'Starts',
  endsOn: 'Ends',
  endReason: 'Why it ended',
  weeklyPricePence: 'Weekly price',
  choiceReason: 'Why this provider was chosen',
  answeredOn: 'Answered on',
  grossPence: 'Gross cost',
  contributionPence: 'Your contribution',
  netPence: 'Paid by the council',
};

/** The audit's actions in words; any other is shown as recorded. */
const ACTIONS: Record<string, string> = {
  'person.create': 'made the record',
  'person.update': 'changed the record',
  'person.view': 'looked at the record',
  'person.assess': 'recorded an assessment of needs',
  'person.subject-access-export': 'produced a subject access export',
  'referral.create': 'made a referral',
  'referral.cascade-step': 'sent offers to care providers',
  'referral.offers-lapse': 'offers lapsed unanswered',
  'referral.off-framework-request': 'asked for a placement off framework',
  'referral.withdraw': 'withdrew a referral',
  'placement.create': 'made a placement',
  'placement.end': 'ended a placement',
  'placement.reprice': 'changed a placement’s price',
};

const labelOf = (key: string) =>
  LABELS[key] ??
  key.charAt(0).toUpperCase() +
    key
      .slice(1)
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase();

function textOf(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number' && key.endsWith('Pence')) return formatPence(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return londonDateTime(new Date(value));
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate(value);
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map((item) => textOf('', item)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([name, inner]) => `${labelOf(name)}: ${textOf(name, inner)}`)
      .join('; ');
  return String(value);
}

export async function subjectAccessPdf(data: SubjectAccessExport): Promise<Buffer> {
  const { doc, bytes } = await newPdf({ margin: MARGIN, info: { Title: `Your record: ${data.person.name}` } });

  const heading = (text: string) => doc.moveDown().font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3);
  const fields = (entry: Entry, skip: readonly string[] = []) => {
    for (const [key, value] of Object.entries(entry)) {
      if (skip.includes(key)) continue;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(`${labelOf(key)}: `, { continued: true });
      doc.font('Helvetica').text(textOf(key, value));
    }
  };
  const section = (title: string, entries: readonly Entry[], each: (entry: Entry, index: number) => void) => {
    heading(title);
    if (entries.length === 0) doc.font('Helvetica').fontSize(10).text('None.');
    entries.forEach((entry, index) => {
      if (index > 0) doc.moveDown(0.5);
      each(entry, index);
    });
  };

  doc.font('Helvetica-Bold').fontSize(18).text(`The information ${data.produced.organisation} holds about you`);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`Produced ${textOf('at', data.produced.at)} by ${data.produced.by}, in answer to a subject access request.`)
    .text('The same information is given as a JSON file for a computer to read.');
  section('Your record', [data.person], (entry) => fields(entry));
  section('Assessments of your needs', data.assessments, (entry) => fields(entry));
  section('Referrals for a placement', data.referrals, (entry) => fields(entry));
  section('Offers sent to care providers', data.offers, (entry) => fields(entry));
  section('Placements', data.placements, (entry) => {
    fields(entry, ['priceHistory']);
    doc.font('Helvetica-Bold').fontSize(10).text('Price history:');
    for (const price of entry.priceHistory as Entry[])
      doc
        .font('Helvetica')
        .text(
          `From ${textOf('from', price.from)}: ${textOf('weeklyPricePence', price.weeklyPricePence)} a week (${String(price.reason)})`,
          {
            indent: 12,
          },
        );
  });
  section('Payments for your care', data.payments as unknown as Entry[], (entry) => fields(entry));
  section('Your answers to surveys about your care', data.surveyAnswers, (entry) => fields(entry));
  section('Who has seen or changed your record', data.audit, (entry) =>
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(`${textOf('at', entry.at)}: ${String(entry.who)} ${ACTIONS[String(entry.action)] ?? String(entry.action)}`),
  );
  doc.end();
  return bytes;
}
