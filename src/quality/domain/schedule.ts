// When each contracted service is due its annual assessment: a set number of months after the last
// one was published, or from when it was first contracted if it has never been assessed. The
// schedule sorts services into overdue, due (within the warning period) and done for now.
import { addDays, addMonths, type IsoDate } from '../../platform/domain/calendar.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

/** Months between assessments, unless the organisation sets another number. */
export const DEFAULT_ASSESSMENT_INTERVAL_MONTHS = 12;
/** A service is shown as due this many days before its date. */
export const DUE_SOON_DAYS = 60;

export const SCHEDULE_STATUS_LABELS = { overdue: 'Overdue', due: 'Due', done: 'Done' } as const;
export const SCHEDULE_STATUSES = valuesOf(SCHEDULE_STATUS_LABELS);
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

/** The day a service's next assessment is due. */
export const nextDueOn = (
  service: { lastPublishedOn: IsoDate | null; contractedFrom: IsoDate },
  intervalMonths: number,
): IsoDate => (service.lastPublishedOn ? addMonths(service.lastPublishedOn, intervalMonths) : service.contractedFrom);

export function scheduleStatus(dueOn: IsoDate, today: IsoDate): ScheduleStatus {
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDays(today, DUE_SOON_DAYS)) return 'due';
  return 'done';
}
