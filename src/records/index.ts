// Records: a person's data as a whole, across the parts that hold it: their subject access export,
// and the retention rule under which their record is erased once an officer confirms it.
import type { Part } from '../platform/part.ts';
import { RECORDS_OFFICERS, RETENTION_SETTERS } from './access.ts';
import { recordsApi } from './api.ts';
import { retentionReviewJob } from './jobs.ts';
import { paths } from './paths.ts';
import { recordsPages } from './routes.ts';

export const recordsPart: Part = {
  name: 'records',
  navigation: [
    { text: 'Due for erasure', href: paths.dueForErasure(), access: RECORDS_OFFICERS },
    { text: 'Retention', href: paths.retentionRule(), access: RETENTION_SETTERS },
  ],
  pages: ({ db }) => recordsPages(db),
  api: ({ db }) => recordsApi(db),
  jobs: [retentionReviewJob],
};
