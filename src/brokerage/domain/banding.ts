// The care needs matrix (report 001 §4.19, §5.8): one assessment tool scores a person in each
// domain, and the scores place them in a need band. The matrix is data, kept per organisation.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { isObject, isText, isWholeNumber } from '../../platform/domain/json-input.ts';
import { NEED_BANDS, NEED_BAND_LABELS, type NeedBand } from '../../procurement/domain/vehicles.ts';

export interface MatrixDomain {
  key: string;
  label: string;
  /** Scores in this domain run from 0 to this. */
  maxScore: number;
  /** What each score means, from 0 to maxScore, so that two assessors score the same need alike. */
  descriptors?: string[];
}

export interface AssessmentMatrix {
  domains: MatrixDomain[];
  /** The lowest total score for each band above the lowest; a total below all of them is less complex. */
  thresholds: { band: Exclude<NeedBand, 'less-complex'>; minimumTotal: number }[];
  /** A single domain scored this high places the person in at least this band, whatever the total. */
  overrides: { domain: string; minimumScore: number; band: NeedBand }[];
}

export interface Banding {
  band: NeedBand;
  total: number;
  reason: string;
}

/** The default matrix's scale, the same in every domain. */
const SUPPORT_SCALE = [
  'No support needed',
  'Occasional prompting or reminders',
  'Regular support with some tasks',
  'Support with most tasks, most days',
  'Constant support, or two staff at times',
];

/** Seven domains scored 0-4, as single assessment tools commonly are; an organisation changes it on its matrix page. */
export const DEFAULT_MATRIX: AssessmentMatrix = {
  domains: [
    { key: 'personal-care', label: 'Personal care', maxScore: 4, descriptors: SUPPORT_SCALE },
    { key: 'health', label: 'Health and medication', maxScore: 4, descriptors: SUPPORT_SCALE },
    { key: 'behaviour', label: 'Behaviour that challenges', maxScore: 4, descriptors: SUPPORT_SCALE },
    { key: 'communication', label: 'Communication', maxScore: 4, descriptors: SUPPORT_SCALE },
    { key: 'risk', label: 'Risk and safety', maxScore: 4, descriptors: SUPPORT_SCALE },
    { key: 'daily-living', label: 'Daily living skills', maxScore: 4, descriptors: SUPPORT_SCALE },
    { key: 'community', label: 'Community and relationships', maxScore: 4, descriptors: SUPPORT_SCALE },
  ],
  thresholds: [
    { band: 'highly-complex', minimumTotal: 20 },
    { band: 'complex', minimumTotal: 11 },
  ],
  overrides: [
    { domain: 'behaviour', minimumScore: 4, band: 'highly-complex' },
    { domain: 'health', minimumScore: 4, band: 'highly-complex' },
  ],
};

const bandOrder = (band: NeedBand) => NEED_BANDS.length - NEED_BANDS.indexOf(band); // highly complex is highest

/** Checks a matrix and lists every problem in it. */
export function matrixProblems(raw: unknown): FieldError[] {
  if (!isObject(raw)) return [{ field: '', message: 'Send an object with domains, thresholds and overrides' }];
  const problems: FieldError[] = [];
  const domains = Array.isArray(raw.domains) ? raw.domains : [];
  if (domains.length === 0) problems.push({ field: 'domains', message: 'List at least one domain' });
  const keys = new Set<string>();
  domains.forEach((domain: unknown, i) => {
    if (!isObject(domain) || !isText(domain.key) || !/^[a-z0-9-]+$/.test(domain.key))
      return problems.push({
        field: `domains[${i}].key`,
        message: 'Give each domain a key of lower-case letters, digits and hyphens',
      });
    if (keys.has(domain.key)) problems.push({ field: `domains[${i}].key`, message: `${domain.key} is listed twice` });
    keys.add(domain.key);
    if (!isText(domain.label)) problems.push({ field: `domains[${i}].label`, message: 'Give each domain a label' });
    if (!isWholeNumber(domain.maxScore) || domain.maxScore < 1 || domain.maxScore > 100)
      problems.push({ field: `domains[${i}].maxScore`, message: 'The highest score is a whole number from 1 to 100' });
    else if (
      domain.descriptors !== undefined &&
      (!Array.isArray(domain.descriptors) ||
        domain.descriptors.length !== domain.maxScore + 1 ||
        !domain.descriptors.every(isText))
    )
      problems.push({
        field: `domains[${i}].descriptors`,
        message: `Describe each score of ${domain.label ?? domain.key}, from 0 to ${domain.maxScore}: ${domain.maxScore + 1} descriptions`,
      });
    return undefined;
  });
  const thresholds = Array.isArray(raw.thresholds) ? raw.thresholds : [];
  if (!Array.isArray(raw.thresholds))
    problems.push({ field: 'thresholds', message: 'List the thresholds for highly complex and complex' });
  const seen = new Map<string, number>();
  thresholds.forEach((threshold: unknown, i) => {
    if (!isObject(threshold) || (threshold.band !== 'highly-complex' && threshold.band !== 'complex'))
      return problems.push({ field: `thresholds[${i}].band`, message: 'A threshold is for highly-complex or complex' });
    if (seen.has(threshold.band))
      problems.push({ field: `thresholds[${i}].band`, message: `${threshold.band} has two thresholds` });
    if (!isWholeNumber(threshold.minimumTotal) || threshold.minimumTotal < 1)
      return problems.push({
        field: `thresholds[${i}].minimumTotal`,
        message: 'The lowest total is a whole number, 1 or more',
      });
    seen.set(threshold.band, threshold.minimumTotal);
    return undefined;
  });
  if (seen.size === 2 && seen.get('highly-complex')! <= seen.get('complex')!)
    problems.push({ field: 'thresholds', message: 'Highly complex must need a higher total than complex' });
  (Array.isArray(raw.overrides) ? raw.overrides : []).forEach((override: unknown, i) => {
    if (!isObject(override) || !isText(override.domain) || !keys.has(override.domain))
      return problems.push({ field: `overrides[${i}].domain`, message: 'An override names one of the domains' });
    if (!isWholeNumber(override.minimumScore) || override.minimumScore < 1)
      problems.push({ field: `overrides[${i}].minimumScore`, message: 'The score is a whole number, 1 or more' });
    if (!(NEED_BANDS as readonly unknown[]).includes(override.band))
      problems.push({ field: `overrides[${i}].band`, message: `The band is one of ${NEED_BANDS.join(', ')}` });
    return undefined;
  });
  if (raw.overrides !== undefined && !Array.isArray(raw.overrides))
    problems.push({ field: 'overrides', message: 'Overrides are a list, which may be empty' });
  return problems;
}

/** Checks one assessment's scores against the matrix: every domain scored, within its range. */
export function scoreProblems(matrix: AssessmentMatrix, scores: Record<string, number | undefined>): FieldError[] {
  return matrix.domains.flatMap((domain) => {
    const score = scores[domain.key];
    if (score === undefined || !Number.isInteger(score) || score < 0 || score > domain.maxScore) {
      return [
        {
          field: `scores.${domain.key}`,
          message: `Score ${domain.label.toLowerCase()} as a whole number from 0 to ${domain.maxScore}`,
        },
      ];
    }
    return [];
  });
}

/** A score as the matrix describes it: "3: Support with most tasks, most days", or the number alone. */
export function describedScore(domain: MatrixDomain, score: number): string {
  const descriptor = domain.descriptors?.[score];
  return descriptor ? `${score}: ${descriptor}` : String(score);
}

/** The band the scores place a person in, with the reason. `scores` must have passed `scoreProblems`. */
export function bandFor(matrix: AssessmentMatrix, scores: Record<string, number>): Banding {
  const total = matrix.domains.reduce((sum, domain) => sum + scores[domain.key]!, 0);
  const byTotal = [...matrix.thresholds]
    .sort((a, b) => b.minimumTotal - a.minimumTotal)
    .find((threshold) => total >= threshold.minimumTotal);
  let band: NeedBand = byTotal?.band ?? 'less-complex';
  let reason = byTotal
    ? `total ${total}, at least ${byTotal.minimumTotal} for ${NEED_BAND_LABELS[byTotal.band].toLowerCase()}`
    : `total ${total}, below every threshold`;
  for (const override of matrix.overrides) {
    const domain = matrix.domains.find((candidate) => candidate.key === override.domain)!;
    if (scores[override.domain]! >= override.minimumScore && bandOrder(override.band) > bandOrder(band)) {
      band = override.band;
      reason = `${domain.label.toLowerCase()} scored ${scores[override.domain]}, which alone means ${NEED_BAND_LABELS[band].toLowerCase()} (total ${total})`;
    }
  }
  return { band, total, reason: `${NEED_BAND_LABELS[band]}: ${reason}` };
}
