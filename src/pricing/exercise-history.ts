// Who sees the history of cost-of-care records (the audit trail's /history pages), found by the
// same functions their pages use, so the two cannot disagree: an exercise's to its organisation's
// staff (its events name the providers invited, so not to providers); a workbook's to its provider
// and the organisation's finance officers and commissioners; a template line's to those who run
// exercises. Anyone else is told there is no such record.
import type { Db } from '../platform/db/client.ts';
import { showWhole, type HistoryRule, type RecordHistory } from '../platform/audit/history.ts';
import { staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import * as repository from './exercise-repository.ts';
import { EXERCISE_READERS, exerciseFor, templateLines } from './exercise-service.ts';
import { workbookFor } from './exercise-workbook-service.ts';
import { paths } from './paths.ts';

/** The history `describe` gives of what `load` finds for the viewer; null where its page would refuse. */
async function readable<T>(load: () => Promise<T>, describe: (record: T) => Omit<RecordHistory, 'show'>) {
  try {
    return { ...describe(await load()), show: showWhole };
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
    throw error;
  }
}

const exerciseHistory: HistoryRule = (db: Db, viewer: CurrentUser, id: string) =>
  readable(
    async () => {
      staffOrganisation(viewer, EXERCISE_READERS);
      return exerciseFor(db, viewer, id);
    },
    (exercise) => ({ label: exercise.title, href: paths.exercise(exercise.id) }),
  );

const workbookHistory: HistoryRule = (db: Db, viewer: CurrentUser, id: string) =>
  readable(
    async () => {
      const row = isUuid(id) ? await repository.workbookById(db, id) : undefined;
      if (!row) throw new NotFoundError();
      return workbookFor(db, viewer, row.exerciseId, row.providerId);
    },
    (workbook) => ({
      label: `${workbook.providerName}: ${workbook.exercise.title}`,
      href: paths.workbook(workbook.exercise.id, workbook.providerId),
    }),
  );

const templateLineHistory: HistoryRule = (db: Db, viewer: CurrentUser, id: string) =>
  readable(
    async () => {
      const line = (await templateLines(db, viewer)).find((one) => one.id === id);
      if (!line) throw new NotFoundError();
      return line;
    },
    (line) => ({ label: `Template line: ${line.label}`, href: paths.templateLine(line.id) }),
  );

export const exerciseHistoryRules: Record<string, HistoryRule> = {
  'cost-exercise': exerciseHistory,
  'cost-workbook': workbookHistory,
  'cost-template-line': templateLineHistory,
};
