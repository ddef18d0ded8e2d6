// The NHS Provider Selection Regime 2023 (SI 2023/1348), for health care the NHS partner (or the
// council, for public health) buys through Hearth, such as packages funded by NHS Continuing
// Healthcare. Social care, supported living included, is outside it. Hearth picks no process:
// it records the one the decision makers chose, checks the record is whole, works out the
// standstill it requires, and says which notices are due. As found, to verify in the regulations:
// direct award A, B and C, most suitable provider and the competitive process (regs 6-11); the
// five key criteria (reg 5); 8 working days' standstill from the day after the intention notice
// for direct award C, most suitable provider and the competitive process, with 5 more working days
// when a provider makes representations (reg 12).
import type { FieldError } from '../../platform/domain/field-error.ts';
import { addDays, longDate, WorkingDays, type BankHoliday, type IsoDate } from '../../platform/domain/calendar.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

export const PSR_PROCESS_LABELS = {
  'direct-award-a': 'Direct award process A',
  'direct-award-b': 'Direct award process B',
  'direct-award-c': 'Direct award process C',
  'most-suitable-provider': 'Most suitable provider process',
  competitive: 'Competitive process',
} as const;
export const PSR_PROCESSES = valuesOf(PSR_PROCESS_LABELS);
export type PsrProcess = (typeof PSR_PROCESSES)[number];

/** When each process may be used, as the decision record must confirm it. */
export const PSR_PROCESS_CONDITIONS: Record<PsrProcess, string> = {
  'direct-award-a':
    'There is an existing provider of the services, and it is the only provider that can provide them because of their nature.',
  'direct-award-b':
    'The services are ones patients choose their provider of, and the number of providers is not restricted: every provider meeting the requirements is awarded.',
  'direct-award-c':
    'There is an existing provider, the services are not changing considerably, and the existing provider is satisfying the original contract and will likely satisfy the new one, judged against the key criteria.',
  'most-suitable-provider':
    'The decision makers can identify the most suitable provider without running a competitive process, having taken the key criteria into account.',
  competitive: 'No other process applies, or the decision makers chose to run a competitive process.',
};

export const PSR_CRITERION_LABELS = {
  'quality-innovation': 'Quality and innovation',
  value: 'Value',
  'integration-collaboration': 'Integration, collaboration and service sustainability',
  'access-inequalities': 'Improving access, reducing health inequalities and facilitating choice',
  'social-value': 'Social value',
} as const;
export const PSR_CRITERIA = valuesOf(PSR_CRITERION_LABELS);
export type PsrCriterion = (typeof PSR_CRITERIA)[number];

/** Direct award A and B award without weighing the key criteria; the others weigh all five. */
export const weighsKeyCriteria = (process: PsrProcess) => process !== 'direct-award-a' && process !== 'direct-award-b';

/** Direct award C, most suitable provider and the competitive process have a standstill; A and B do not. */
export const hasPsrStandstill = (process: PsrProcess) => weighsKeyCriteria(process);

/** A direct award or the most suitable provider process names its provider before the award. */
export const namesProvider = (process: PsrProcess) => process !== 'competitive';

export interface PsrDecisionRecord {
  process: PsrProcess;
  /** That the process's conditions are met, as the decision makers confirmed. */
  conditionsMet: boolean;
  /** The provider chosen, where the process names one. */
  providerId: string | null;
  /** The existing contract, for direct award A and C. */
  existingContract: string | null;
  /** How much each key criterion weighed, in percent, and why: all five, where the process weighs them. */
  criteria: { criterion: PsrCriterion; weightPercent: number; rationale: string }[];
  /** Who decided, by name and role. */
  decisionMakers: string;
  /** Conflicts of interest declared, and how each was managed; "None" where there were none. */
  conflicts: string;
  rationale: string;
}

/** Everything missing or wrong in a decision record, each against its field. */
export function psrDecisionProblems(record: PsrDecisionRecord): FieldError[] {
  const problems: FieldError[] = [];
  if (!record.conditionsMet)
    problems.push({
      field: 'conditionsMet',
      message: `Confirm that the conditions of ${PSR_PROCESS_LABELS[record.process].toLowerCase()} are met`,
    });
  if (namesProvider(record.process) && !record.providerId)
    problems.push({ field: 'providerId', message: 'Choose the provider the decision awards to' });
  if (!namesProvider(record.process) && record.providerId)
    problems.push({ field: 'providerId', message: 'A competitive process names no provider before its award' });
  if ((record.process === 'direct-award-a' || record.process === 'direct-award-c') && !record.existingContract)
    problems.push({ field: 'existingContract', message: 'Give the existing contract this award replaces' });
  if (weighsKeyCriteria(record.process)) {
    const given = new Set(record.criteria.map((criterion) => criterion.criterion));
    const missing = PSR_CRITERIA.filter((criterion) => !given.has(criterion));
    if (missing.length > 0 || given.size !== record.criteria.length)
      problems.push({
        field: 'criteria',
        message: `Weigh each of the five key criteria once: ${missing.map((c) => PSR_CRITERION_LABELS[c]).join(', ') || 'one is given twice'}`,
      });
    const total = record.criteria.reduce((sum, criterion) => sum + criterion.weightPercent, 0);
    if (record.criteria.length > 0 && total !== 100)
      problems.push({
        field: 'criteria',
        message: `The key criteria's weights add up to ${total}%; they must add up to 100%`,
      });
    for (const criterion of record.criteria)
      if (!criterion.rationale)
        problems.push({
          field: `criteria.${criterion.criterion}`,
          message: `Say how ${PSR_CRITERION_LABELS[criterion.criterion].toLowerCase()} was taken into account`,
        });
  } else if (record.criteria.length > 0)
    problems.push({
      field: 'criteria',
      message: `${PSR_PROCESS_LABELS[record.process]} awards without weighing the key criteria: leave them out`,
    });
  if (!record.decisionMakers) problems.push({ field: 'decisionMakers', message: 'Name who made the decision' });
  if (!record.conflicts)
    problems.push({ field: 'conflicts', message: 'Record the conflicts of interest declared, or "None"' });
  if (!record.rationale) problems.push({ field: 'rationale', message: 'Give the reasons for the decision' });
  return problems;
}

export interface PsrStandstill {
  /** The day the intention notice was published. */
  noticeDate: IsoDate;
  /** The standstill ends at midnight at the end of this day. */
  ends: IsoDate;
  earliestContractDate: IsoDate;
  explanation: string;
}

/** Working days in England, where the regime applies. */
const englishWorkingDays = (holidays: readonly BankHoliday[]) =>
  WorkingDays.forNations(holidays, ['england-and-wales']);

export const PSR_STANDSTILL_WORKING_DAYS = 8;
export const PSR_REPRESENTATIONS_EXTRA_WORKING_DAYS = 5;

/**
 * The standstill after an intention notice published on `noticeDate`: 8 working days beginning
 * the day after it; where a provider made representations during it, 5 more working days after
 * the day the decision makers answered them (or after the 8th day, if that is later).
 */
export function psrStandstill(
  noticeDate: IsoDate,
  holidays: readonly BankHoliday[],
  representations: { answeredOn: IsoDate } | null = null,
): PsrStandstill {
  const calendar = englishWorkingDays(holidays);
  const eighth = calendar.nthWorkingDayAfter(noticeDate, PSR_STANDSTILL_WORKING_DAYS);
  let ends = eighth;
  let explanation =
    `The intention to award notice was published on ${longDate(noticeDate)}. The ${PSR_STANDSTILL_WORKING_DAYS} working days of standstill begin the day after it` +
    ` (weekends and bank holidays in England do not count): the ${PSR_STANDSTILL_WORKING_DAYS}th is ${longDate(eighth)}.`;
  if (representations) {
    const from = representations.answeredOn > eighth ? representations.answeredOn : eighth;
    ends = calendar.nthWorkingDayAfter(from, PSR_REPRESENTATIONS_EXTRA_WORKING_DAYS);
    explanation += ` A provider made representations, answered on ${longDate(representations.answeredOn)}: the standstill runs ${PSR_REPRESENTATIONS_EXTRA_WORKING_DAYS} more working days, to ${longDate(ends)}.`;
  }
  const earliestContractDate = addDays(ends, 1);
  return {
    noticeDate,
    ends,
    earliestContractDate,
    explanation: `${explanation} Standstill ends at midnight at the end of ${longDate(ends)}.`,
  };
}
