// CQC's words for ratings, service types and the people a service supports differ between its
// exports and its API ("Supported living" / "Supported living service"; "Requires improvement" /
// "Requires Improvement"). Hearth stores one code for each, and keeps any label it does not know as
// CQC wrote it, so nothing is lost.
import { valuesOf } from '../../platform/domain/labels.ts';

export const RATING_LABELS = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  inspected_not_rated: 'Inspected but not rated',
} as const;
export const RATINGS = valuesOf(RATING_LABELS);
export type Rating = (typeof RATINGS)[number];

const RATING_SPELLINGS: Record<string, Rating | null> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires improvement': 'requires_improvement',
  inadequate: 'inadequate',
  'inspected but not rated': 'inspected_not_rated',
  'no published rating': null,
  '': null,
};

/** A CQC rating in any of its spellings; null when none is published; undefined when not a rating. */
export function parseRating(text: string): Rating | null | undefined {
  const key = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return key in RATING_SPELLINGS ? RATING_SPELLINGS[key] : undefined;
}

export function ratingLabel(rating: string | null): string {
  if (!rating) return 'Not yet rated';
  return RATING_LABELS[rating as Rating] ?? rating;
}

interface Vocabulary {
  labels: Record<string, string>;
  spellings: Record<string, readonly string[]>;
}

export const SERVICE_TYPES: Vocabulary = {
  labels: {
    supported_living: 'Supported living',
    homecare: 'Homecare (domiciliary care)',
    care_home: 'Care home without nursing',
    nursing_home: 'Care home with nursing',
    extra_care: 'Extra care housing',
    shared_lives: 'Shared Lives',
    specialist_college: 'Specialist college',
  },
  spellings: {
    'supported living': ['supported_living'],
    'supported living service': ['supported_living'],
    'homecare agencies': ['homecare'],
    'domiciliary care service': ['homecare'],
    'residential homes': ['care_home'],
    'care home service without nursing': ['care_home'],
    'nursing homes': ['nursing_home'],
    'care home service with nursing': ['nursing_home'],
    'extra care housing services': ['extra_care'],
    'shared lives': ['shared_lives'],
    'specialist college service': ['specialist_college'],
  },
};

export const SPECIALISMS: Vocabulary = {
  labels: {
    learning_disabilities: 'Learning disabilities',
    autism: 'Autism',
    mental_health: 'Mental health conditions',
    physical_disabilities: 'Physical disabilities',
    sensory_impairment: 'Sensory impairment',
    dementia: 'Dementia',
    substance_misuse: 'Substance misuse problems',
    eating_disorders: 'Eating disorders',
    adults_under_65: 'Adults under 65',
    adults_over_65: 'Adults over 65',
    children: 'Children (0 to 18)',
    mental_health_act: 'People detained under the Mental Health Act',
    everyone: 'Services for everyone',
  },
  spellings: {
    'learning disabilities': ['learning_disabilities'],
    'learning disabilities or autistic spectrum disorder': ['learning_disabilities', 'autism'],
    autism: ['autism'],
    'autistic spectrum disorder': ['autism'],
    'mental health conditions': ['mental_health'],
    'physical disabilities': ['physical_disabilities'],
    'sensory impairment': ['sensory_impairment'],
    'sensory impairments': ['sensory_impairment'],
    dementia: ['dementia'],
    'substance misuse problems': ['substance_misuse'],
    'eating disorders': ['eating_disorders'],
    'caring for adults under 65 yrs': ['adults_under_65'],
    'caring for adults over 65 yrs': ['adults_over_65'],
    'caring for children': ['children'],
    'caring for children (0 - 18yrs)': ['children'],
    'caring for people whose rights are restricted under the mental health act': ['mental_health_act'],
    'services for everyone': ['everyone'],
  },
};

// Labels that contain a comma, so a comma-separated list must not be split inside them.
const LABELS_WITH_COMMAS = ['Treatment of disease, disorder or injury'];

function normaliseKey(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Splits CQC's comma-separated lists, keeping labels that have a comma of their own whole. */
export function splitCqcList(text: string): string[] {
  let rest = text;
  const whole: string[] = [];
  for (const label of LABELS_WITH_COMMAS) {
    if (rest.toLowerCase().includes(label.toLowerCase())) {
      whole.push(label);
      rest = rest.replace(new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'ig'), '');
    }
  }
  const pieces = rest
    .split(',')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  return [...pieces, ...whole];
}

/** Codes for the labels given; unknown labels are kept as written. Sorted, without repeats. */
export function toCodes(vocabulary: Vocabulary, labels: readonly string[]): string[] {
  const codes = new Set<string>();
  for (const label of labels) {
    const known = vocabulary.spellings[normaliseKey(label)];
    if (known) known.forEach((code) => codes.add(code));
    else if (label.trim() !== '') codes.add(label.trim().replace(/\s+/g, ' '));
  }
  return [...codes].sort();
}

export function codeLabel(vocabulary: Vocabulary, code: string): string {
  return vocabulary.labels[code] ?? code;
}

/** The known codes and their labels, for filters and forms. */
export function vocabularyOptions(vocabulary: Vocabulary): { value: string; text: string }[] {
  return Object.entries(vocabulary.labels).map(([value, text]) => ({ value, text }));
}
