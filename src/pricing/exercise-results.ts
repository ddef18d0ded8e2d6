// The workbooks an exercise's analysis is of (submitted and not excluded), each with its results
// worked out: what the analysis page, its exports and the uplift's staff share all start from.
import type { Db } from '../platform/db/client.ts';
import { workbookResults, type Answers, type ResultKey, type TemplateLine } from './domain/exercise.ts';
import * as repository from './exercise-repository.ts';

export interface AnalysedWorkbook {
  workbookId: string;
  providerId: string;
  answers: Answers;
  results: Partial<Record<ResultKey, number>>;
}

export async function analysedResults(
  db: Db,
  exercise: { organisationId: string; id: string; lines: readonly TemplateLine[] },
): Promise<AnalysedWorkbook[]> {
  const workbooks = await repository.workbooksOf(db, exercise.organisationId, exercise.id);
  return workbooks
    .filter((workbook) => workbook.status === 'submitted' && workbook.excludedReason === null)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((workbook) => ({
      workbookId: workbook.id,
      providerId: workbook.providerId,
      answers: workbook.answers,
      results: workbookResults(exercise.lines, workbook.answers),
    }));
}
