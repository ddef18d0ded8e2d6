// An uplift: each rate on a rate card split into a staff share, which rises with the National
// Living Wage, and the rest, which rises with a price index (CPI or RPI) — or the whole rate by a
// flat percentage (report 003 §2.2: "inflationary adjustments … against common indices … and
// national minimum wage increase"). Percentages are basis points (hundredths of a per cent,
// 450 = 4.5%), the National Living Wage whole pence an hour. Each new rate is worked out exactly,
// as a fraction, and rounded once to the nearest penny, a half penny up.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { longDate, MONTH_NAMES } from '../../platform/domain/calendar.ts';
import { formatPence } from '../../platform/domain/money.ts';
import { NEED_BANDS, NEED_BAND_LABELS } from '../../procurement/domain/vehicles.ts';
import {
  HOURLY_RATES,
  HOURLY_RATE_LABELS,
  SCHEME_SIZES,
  SCHEME_SIZE_LABELS,
  type Rates,
} from '../../brokerage/domain/prices.ts';

export const UPLIFT_METHODS = ['nlw', 'nlw-index', 'flat'] as const;
export type UpliftMethod = (typeof UPLIFT_METHODS)[number];

export const PRICE_INDICES = ['cpi', 'rpi'] as const;
export type PriceIndex = (typeof PRICE_INDICES)[number];
export const PRICE_INDEX_LABELS: Record<PriceIndex, string> = {
  cpi: 'CPI (Consumer Prices Index)',
  rpi: 'RPI (Retail Prices Index)',
};
export const PRICE_INDEX_SHORT: Record<PriceIndex, string> = { cpi: 'CPI', rpi: 'RPI' };

/** The rule, as the page and the letters state it. */
export const ROUNDING_RULE =
  'Each new rate is worked out exactly from the old one and rounded once, to the nearest penny (a half penny rounds up). Package prices are then worked out from the new rates as before, each line of a package rounded once to the penny.';

/** What an uplift is worked out from. */
export interface UpliftBasis {
  /** The staff share of each rate, 0 to 10,000 (10,000 = all of it). */
  staffShareBasisPoints: number;
  /** The National Living Wage before and from the uplift's date, pence an hour. */
  nlwBeforePence: number;
  nlwAfterPence: number;
  index: PriceIndex;
  /** The index's annual rate for its month, in basis points (380 = 3.8%). */
  indexBasisPoints: number;
  /** A flat rise to set beside the others, in basis points; null when none was given. */
  flatBasisPoints: number | null;
}

/** A rise as an exact fraction: the new rate is the old × numerator ÷ denominator. */
export interface Factor {
  numerator: bigint;
  denominator: bigint;
}

const TEN_THOUSAND = 10_000n;

/** The methods that can be worked out from a basis: a flat rise only when its percentage is given. */
export function methodsOf(basis: UpliftBasis): UpliftMethod[] {
  return UPLIFT_METHODS.filter((method) => method !== 'flat' || basis.flatBasisPoints !== null);
}

/** Says a method in words, with its figures: "Staff share (70%) with the National Living Wage, the rest with CPI (3.8%)". */
export function describeMethod(method: UpliftMethod, basis: UpliftBasis): string {
  const staff = `the staff share (${percent(basis.staffShareBasisPoints)}) with the National Living Wage (${formatPence(basis.nlwBeforePence)} to ${formatPence(basis.nlwAfterPence)} an hour)`;
  if (method === 'flat') return `Every rate by a flat ${percent(basis.flatBasisPoints ?? 0)}`;
  if (method === 'nlw') return `${capital(staff)}; the rest unchanged`;
  return `${capital(staff)}; the rest with ${PRICE_INDEX_SHORT[basis.index]} (${percent(basis.indexBasisPoints)})`;
}

export const METHOD_NAMES: Record<UpliftMethod, (basis: UpliftBasis) => string> = {
  nlw: () => 'National Living Wage only',
  'nlw-index': (basis) => `National Living Wage and ${PRICE_INDEX_SHORT[basis.index]}`,
  flat: (basis) => `Flat ${percent(basis.flatBasisPoints ?? 0)}`,
};

const capital = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** 410 → "4.1%", 7250 → "72.5%", -50 → "-0.5%". */
export function percent(basisPoints: number): string {
  const sign = basisPoints < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(basisPoints) / 100);
  const rest = String(Math.abs(basisPoints) % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${rest ? `.${rest}` : ''}%`;
}

/**
 * The rise a method gives, exactly. With s the staff share, W and W′ the living wage before and
 * after, i the index and f the flat rise: NLW only, s × W′/W + (1 − s); NLW and index,
 * s × W′/W + (1 − s) × (1 + i); flat, 1 + f.
 */
export function upliftFactor(method: UpliftMethod, basis: UpliftBasis): Factor {
  const staff = BigInt(basis.staffShareBasisPoints);
  const before = BigInt(basis.nlwBeforePence);
  const after = BigInt(basis.nlwAfterPence);
  if (method === 'flat')
    return { numerator: TEN_THOUSAND + BigInt(basis.flatBasisPoints ?? 0), denominator: TEN_THOUSAND };
  const rest = method === 'nlw' ? TEN_THOUSAND : TEN_THOUSAND + BigInt(basis.indexBasisPoints);
  return {
    numerator: staff * after * TEN_THOUSAND + (TEN_THOUSAND - staff) * before * rest,
    denominator: TEN_THOUSAND * before * TEN_THOUSAND,
  };
}

/** numerator ÷ denominator to the nearest whole number, a half up (denominator above 0). */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const twice = 2n * numerator + denominator;
  const quotient = twice / (2n * denominator);
  // BigInt division truncates towards zero: step down for a negative remainder.
  return twice % (2n * denominator) < 0n ? quotient - 1n : quotient;
}

/** A rate after the rise, rounded once to the penny, a half penny up. */
export const applyFactor = (pence: number, factor: Factor): number =>
  Number(roundHalfUp(BigInt(pence) * factor.numerator, factor.denominator));

/** The rise in basis points, rounded half up, for showing: the new rates come from the fraction itself. */
export const factorBasisPoints = (factor: Factor): number =>
  Number(roundHalfUp((factor.numerator - factor.denominator) * TEN_THOUSAND, factor.denominator));

export interface UpliftLine {
  /** weekly.<band>.<size> or hourly.<rate>, as the rate card names it. */
  key: string;
  label: string;
  beforePence: number;
  afterPence: number;
}

/** Every rate on a card, in the card's order, with its label. */
export function rateCardLines(rates: Rates): { key: string; label: string; pence: number }[] {
  const weekly = NEED_BANDS.flatMap((band) =>
    SCHEME_SIZES.flatMap((size) => {
      const pence = rates.weekly[band]?.[size];
      return pence === undefined
        ? []
        : [
            {
              key: `weekly.${band}.${size}`,
              label: `Weekly, ${NEED_BAND_LABELS[band].toLowerCase()} needs, ${SCHEME_SIZE_LABELS[size]}`,
              pence,
            },
          ];
    }),
  );
  const hourly = HOURLY_RATES.map((rate) => ({
    key: `hourly.${rate}`,
    label: HOURLY_RATE_LABELS[rate],
    pence: rates.hourly[rate],
  }));
  return [...weekly, ...hourly];
}

/** A card's rates after the rise, each rounded once, and the lines old beside new. */
export function upliftRates(rates: Rates, factor: Factor): { rates: Rates; lines: UpliftLine[] } {
  const weekly: Rates['weekly'] = {};
  for (const band of NEED_BANDS) {
    const sizes = rates.weekly[band];
    if (!sizes) continue;
    weekly[band] = {};
    for (const size of SCHEME_SIZES) {
      const pence = sizes[size];
      if (pence !== undefined) weekly[band]![size] = applyFactor(pence, factor);
    }
  }
  const hourly = Object.fromEntries(
    HOURLY_RATES.map((rate) => [rate, applyFactor(rates.hourly[rate], factor)]),
  ) as Rates['hourly'];
  const after = { weekly, hourly };
  const newPence = new Map(rateCardLines(after).map((line) => [line.key, line.pence]));
  return {
    rates: after,
    lines: rateCardLines(rates).map((line) => ({
      key: line.key,
      label: line.label,
      beforePence: line.pence,
      afterPence: newPence.get(line.key)!,
    })),
  };
}

/** Why these figures cannot make an uplift, each by the field that holds it. */
export function upliftBasisProblems(basis: UpliftBasis): FieldError[] {
  const problems: FieldError[] = [];
  const share = basis.staffShareBasisPoints;
  if (!Number.isInteger(share) || share < 0 || share > 10_000)
    problems.push({ field: 'staffSharePercent', message: 'The staff share must be between 0% and 100%' });
  if (basis.nlwAfterPence < basis.nlwBeforePence)
    problems.push({
      field: 'effectiveFrom',
      message: 'The National Living Wage falls by this date: an uplift cannot follow it',
    });
  if (basis.indexBasisPoints < -5_000 || basis.indexBasisPoints > 5_000)
    problems.push({ field: 'indexPercent', message: 'The index figure must be between -50% and 50%' });
  if (basis.flatBasisPoints !== null && (basis.flatBasisPoints < -5_000 || basis.flatBasisPoints > 5_000))
    problems.push({ field: 'flatPercent', message: 'The flat percentage must be between -50% and 50%' });
  return problems;
}

/** "3.8", "3.80%", "-0.5", "72" → basis points; null when it is not a percentage to two places. */
export function parsePercent(text: string): number | null {
  const match = /^(-)?(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] && value !== 0 ? -value : value;
}

export interface UpliftFacts {
  method: UpliftMethod;
  basis: UpliftBasis;
  effectiveFrom: string;
  staffShareSource: string;
  /** 2026-01 */
  indexMonth: string;
  indexSource: string;
}

/** "2025-09" → "September 2025". */
export function monthWords(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTH_NAMES[Number(number) - 1]} ${year}`;
}

/** How an uplift was worked out, in sentences, for its page and its letters. */
export function explainUplift(facts: UpliftFacts): string[] {
  const { method, basis } = facts;
  const nlwRise = factorBasisPoints({
    numerator: BigInt(basis.nlwAfterPence),
    denominator: BigInt(basis.nlwBeforePence),
  });
  const sentences = [
    `${describeMethod(method, basis)}: together, each rate rises by ${percent(factorBasisPoints(upliftFactor(method, basis)))}.`,
  ];
  if (method !== 'flat') {
    sentences.push(
      `The National Living Wage is ${formatPence(basis.nlwBeforePence)} an hour the day before ${longDate(facts.effectiveFrom)} and ${formatPence(basis.nlwAfterPence)} from it, a rise of ${percent(nlwRise)}.`,
      `The staff share of each rate, ${percent(basis.staffShareBasisPoints)}: ${facts.staffShareSource.replace(/\.$/, '')}.`,
    );
  }
  if (method === 'nlw-index')
    sentences.push(
      `${PRICE_INDEX_SHORT[basis.index]} for ${monthWords(facts.indexMonth)}: ${percent(basis.indexBasisPoints)} (${facts.indexSource}).`,
    );
  sentences.push(ROUNDING_RULE);
  return sentences;
}
