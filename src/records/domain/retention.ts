// How long a person's record is kept. An organisation sets a number of years after the person's
// last placement ended (or, for someone never placed, after their record last changed); on that
// day the record is due for erasure, which an officer confirms. Nobody in a placement or waiting
// on a referral is ever due.
import { addYears, type IsoDate } from '../../platform/domain/calendar.ts';
import type { FieldError } from '../../platform/domain/field-error.ts';

export const DEFAULT_RETENTION_YEARS = 8;
export const DEFAULT_RETENTION_BASIS =
  "Records retention schedule for adult social care: 8 years after the end of the person's care";
/** Short of this, records a council must keep (complaints, claims, audits) could be lost. */
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 100;

export interface RetentionRule {
  years: number;
  /** Why this many years: the schedule or law the organisation relies on. */
  basis: string;
}

export const DEFAULT_RETENTION_RULE: RetentionRule = { years: DEFAULT_RETENTION_YEARS, basis: DEFAULT_RETENTION_BASIS };

export function retentionRuleProblems(rule: { years: unknown; basis: unknown }): FieldError[] {
  const problems: FieldError[] = [];
  const { years, basis } = rule;
  if (
    typeof years !== 'number' ||
    !Number.isInteger(years) ||
    years < MIN_RETENTION_YEARS ||
    years > MAX_RETENTION_YEARS
  )
    problems.push({
      field: 'years',
      message: `Enter a whole number of years from ${MIN_RETENTION_YEARS} to ${MAX_RETENTION_YEARS}`,
    });
  if (typeof basis !== 'string' || basis.trim().length < 10 || basis.length > 500)
    problems.push({
      field: 'basis',
      message: 'Say what the period rests on (the schedule or law), in 10 to 500 characters',
    });
  return problems;
}

export interface RetentionFacts {
  /** The day their last placement ended; null if never placed. */
  lastPlacementEndedOn: IsoDate | null;
  /** Placed now, or waiting on an open referral. */
  inService: boolean;
  /** The day their record last changed. */
  lastChangedOn: IsoDate;
}

export interface RetentionDate {
  dueOn: IsoDate;
  /** What the period runs from, in words. */
  from: string;
}

/** The day the record falls due for erasure, or null while the person is in service. */
export function retentionDate(facts: RetentionFacts, rule: RetentionRule): RetentionDate | null {
  if (facts.inService) return null;
  return facts.lastPlacementEndedOn
    ? { dueOn: addYears(facts.lastPlacementEndedOn, rule.years), from: 'last placement ended' }
    : { dueOn: addYears(facts.lastChangedOn, rule.years), from: 'record last changed (never placed)' };
}

export function isDue(facts: RetentionFacts, rule: RetentionRule, today: IsoDate): boolean {
  const date = retentionDate(facts, rule);
  return date !== null && date.dueOn <= today;
}
