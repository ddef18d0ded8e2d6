// The intelligence log's rules: the kinds of thing a commissioner learns about a service, the
// categories within each, a concern's finding and a section 42 enquiry's outcome, and a guard
// against personal details in what is written. The log is about services, never people: an entry
// may link to a person's record, which keeps its own access rules.
import { isIsoDate } from '../../platform/domain/calendar.ts';
import type { FieldError } from '../../platform/domain/field-error.ts';
import type { FhrsRating } from './fhrs.ts';

export const INTELLIGENCE_KINDS = [
  'concern',
  'safeguarding',
  'notification',
  'manager-vacancy',
  'company-status',
  'food-hygiene',
] as const;
export type IntelligenceKind = (typeof INTELLIGENCE_KINDS)[number];

export const KIND_LABELS: Record<IntelligenceKind, string> = {
  concern: 'Contract concern',
  safeguarding: 'Safeguarding',
  notification: 'Notification',
  'manager-vacancy': 'Registered manager vacancy',
  'company-status': 'Company status',
  'food-hygiene': 'Food hygiene rating',
};

/** The categories of each kind, with their labels, in the order a form offers them. */
export const CATEGORY_LABELS: Record<IntelligenceKind, Record<string, string>> = {
  concern: {
    'missed-visits': 'Missed visits',
    'late-visits': 'Late visits',
    complaint: 'Complaint',
    staffing: 'Staffing',
    medication: 'Medication',
    other: 'Other',
  },
  safeguarding: { 'section-42': 'Section 42 enquiry' },
  notification: { 'unexpected-death': 'Unexpected death', 'serious-incident': 'Serious incident' },
  'manager-vacancy': {
    'no-registered-manager': 'No registered manager',
    'manager-absent': 'Registered manager absent',
  },
  'company-status': { administration: 'In administration', dissolved: 'Dissolved' },
  'food-hygiene': { rating: 'Food hygiene rating' },
};

/** A company's status is about the provider as a whole; every other kind is about one service. */
export const PROVIDER_WIDE_KINDS: readonly IntelligenceKind[] = ['company-status'];
export const SERVICE_KINDS = INTELLIGENCE_KINDS.filter((kind) => !PROVIDER_WIDE_KINDS.includes(kind));

export const CONCERN_FINDINGS = ['substantiated', 'not-substantiated'] as const;
export type ConcernFinding = (typeof CONCERN_FINDINGS)[number];

/**
 * A concluded section 42 enquiry's outcome, as the Safeguarding Adults Collection records it: what
 * became of the risk, or that none was found, or that the enquiry ended with no further action.
 */
export const SECTION_42_OUTCOMES = [
  'risk-removed',
  'risk-reduced',
  'risk-remains',
  'no-risk-identified',
  'no-further-action',
] as const;

/** The outcomes a kind records, with their labels: a concern's finding, a section 42 enquiry's outcome. */
export const OUTCOME_LABELS: Partial<Record<IntelligenceKind, Record<string, string>>> = {
  concern: { substantiated: 'Substantiated', 'not-substantiated': 'Not substantiated' },
  safeguarding: {
    'risk-removed': 'Risk identified and removed',
    'risk-reduced': 'Risk identified and reduced',
    'risk-remains': 'Risk identified and remains',
    'no-risk-identified': 'No risk identified',
    'no-further-action': 'Enquiry ceased: no further action',
  },
};

const isKind = (kind: string): kind is IntelligenceKind => (INTELLIGENCE_KINDS as readonly string[]).includes(kind);

export const categoryLabel = (kind: string, category: string): string =>
  (isKind(kind) ? CATEGORY_LABELS[kind][category] : undefined) ?? category;

export const outcomeLabel = (kind: string, outcome: string | null): string | null =>
  outcome === null ? null : ((isKind(kind) ? OUTCOME_LABELS[kind]?.[outcome] : undefined) ?? outcome);

/** Only a concern is investigated and found substantiated or not after it is recorded. */
export const takesFinding = (kind: string): boolean => kind === 'concern';

// The FSA's statuses for an establishment without a score: England's, and Scotland's scheme.
const FHRS_STATUSES: Record<string, string> = {
  Exempt: 'Exempt',
  AwaitingInspection: 'Awaiting inspection',
  AwaitingPublication: 'Awaiting publication',
  Pass: 'Pass',
  'Pass and Eat Safe': 'Pass and Eat Safe',
  'Improvement Required': 'Improvement required',
};
const FHRS_SCORES = [
  'urgent improvement necessary',
  'major improvement necessary',
  'improvement necessary',
  'generally satisfactory',
  'good',
  'very good',
];

/** A food hygiene rating as the log keeps it: the score's digit, or the FSA's status as published. */
export const ratingText = (rating: FhrsRating): string =>
  rating.kind === 'score' ? String(rating.value) : rating.status;

/** "5: very good", "Awaiting inspection". */
export function ratingLabel(rating: string | null): string | null {
  if (rating === null) return null;
  const score = /^[0-5]$/.test(rating) ? Number(rating) : null;
  return score === null ? (FHRS_STATUSES[rating] ?? rating) : `${score}: ${FHRS_SCORES[score]}`;
}

const isRating = (rating: string) => /^[0-5]$/.test(rating) || rating in FHRS_STATUSES;

// An NHS number is ten digits, often written 3-3-4; a landline's eleven digits do not match.
const NHS_NUMBER = /(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/;
const DATE_OF_BIRTH = /\b(date of birth|d\.?o\.?b\b|born on|born in (19|20)\d\d)/i;

/**
 * Why text looks like it holds a person's details, or null. Only what is cheap to see: an NHS
 * number and a date of birth. Names cannot be told from a manager's or a road's, so they are not
 * looked for: the form says not to write them.
 */
export function personalDetailProblem(text: string): string | null {
  if (NHS_NUMBER.test(text)) return 'Remove the number that looks like an NHS number: link the person’s record instead';
  if (DATE_OF_BIRTH.test(text))
    return 'Remove the date of birth: the log holds no personal details, link the person’s record instead';
  return null;
}

/** An entry as typed, before it is known to be sound: any kind, any category. */
export interface EntryFacts {
  kind: string;
  category: string;
  occurredOn: string;
  summary: string;
  outcome: string | null;
  outcomeReason: string | null;
  rating: string | null;
}

/** A finding or outcome: one of the kind's, and for a concern's finding, its reason. */
function outcomeProblems(kind: IntelligenceKind, outcome: string | null, reason: string | null): FieldError[] {
  const outcomes = OUTCOME_LABELS[kind];
  if (!outcomes) {
    return outcome !== null || reason !== null
      ? [{ field: 'outcome', message: 'Only a concern’s finding or a section 42 enquiry’s outcome is recorded' }]
      : [];
  }
  if (outcome === null) {
    if (kind === 'safeguarding') return [{ field: 'outcome', message: 'Choose the outcome of the section 42 enquiry' }];
    return reason !== null
      ? [{ field: 'outcome', message: 'Choose whether the concern was substantiated, or leave the reason blank' }]
      : [];
  }
  if (!(outcome in outcomes))
    return [
      {
        field: 'outcome',
        message: kind === 'concern' ? 'Choose substantiated or not substantiated' : 'Choose one of the outcomes',
      },
    ];
  if (kind === 'concern' && reason === null)
    return [{ field: 'outcomeReason', message: 'Say why the concern was found substantiated or not' }];
  return [];
}

function kindProblem(kind: string, kinds: readonly IntelligenceKind[]): FieldError | null {
  if ((kinds as readonly string[]).includes(kind)) return null;
  const providerWide = (PROVIDER_WIDE_KINDS as readonly string[]).includes(kind);
  return {
    field: 'kind',
    message: providerWide
      ? 'Record a company’s status against its provider, not one of its services'
      : 'Choose what kind of intelligence this is',
  };
}

/**
 * Every problem with an entry at once, each naming its field: its kind among `kinds` (a service's
 * unless said), a category and outcome of that kind, a date not after `today`, a rating for a food
 * hygiene entry only, and no personal details in the summary.
 */
export function entryProblems(
  entry: EntryFacts,
  today: string,
  kinds: readonly IntelligenceKind[] = SERVICE_KINDS,
): FieldError[] {
  const problems: FieldError[] = [];
  const wrongKind = kindProblem(entry.kind, kinds);
  if (wrongKind) problems.push(wrongKind);
  if (isIsoDate(entry.occurredOn) && entry.occurredOn > today)
    problems.push({ field: 'occurredOn', message: 'The date cannot be in the future' });
  const personal = personalDetailProblem(entry.summary);
  if (personal) problems.push({ field: 'summary', message: personal });
  if (wrongKind || !isKind(entry.kind)) return problems;
  const kind = entry.kind;
  if (!(entry.category in CATEGORY_LABELS[kind]))
    problems.push({ field: 'category', message: `Choose a category of ${KIND_LABELS[kind].toLowerCase()}` });
  problems.push(...outcomeProblems(kind, entry.outcome, entry.outcomeReason));
  if (kind === 'food-hygiene') {
    if (entry.rating === null || !isRating(entry.rating))
      problems.push({ field: 'rating', message: 'Give the rating as published: 0 to 5, or a status such as Exempt' });
  } else if (entry.rating !== null) {
    problems.push({ field: 'rating', message: 'Only a food hygiene entry has a rating' });
  }
  return problems;
}

/** The problems with a concern's finding. */
export const findingProblems = (finding: { outcome: string | null; outcomeReason: string | null }): FieldError[] =>
  finding.outcome === null
    ? [{ field: 'outcome', message: 'Choose substantiated or not substantiated' }]
    : outcomeProblems('concern', finding.outcome, finding.outcomeReason);

export interface ManagerFacts {
  registeredManager: string | null;
  registeredManagerAbsentSince: string | null;
}

/**
 * What CQC's data says of a location's registered manager, as an entry: none registered, or the
 * one registered absent (dated from the absence). Null when there is a manager in post. The
 * manager's name is never written.
 */
export function managerVacancy(
  location: ManagerFacts,
  today: string,
): { category: 'no-registered-manager' | 'manager-absent'; occurredOn: string; summary: string } | null {
  if (location.registeredManagerAbsentSince)
    return {
      category: 'manager-absent',
      occurredOn: location.registeredManagerAbsentSince,
      summary: 'CQC records the registered manager as absent.',
    };
  if (!location.registeredManager?.trim())
    return { category: 'no-registered-manager', occurredOn: today, summary: 'CQC lists no registered manager.' };
  return null;
}

/**
 * Whether a vacancy is news: the service's latest vacancy entry is not this one already. An
 * absence is the same one while it is dated the same; no manager is the same while it stays so.
 */
export const isNewVacancy = (
  vacancy: { category: string; occurredOn: string },
  latest: { category: string; occurredOn: string } | null,
): boolean =>
  latest === null ||
  latest.category !== vacancy.category ||
  (vacancy.category === 'manager-absent' && latest.occurredOn !== vacancy.occurredOn);
