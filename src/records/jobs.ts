// The records part's clock work: each night, the records due for erasure under each organisation's
// rule are listed for its officers. Nothing is erased here: an officer confirms each one.
import type { Job } from '../platform/jobs/scheduler.ts';
import { reviewRetention } from './retention-service.ts';

export const retentionReviewJob: Job = {
  name: 'retention-review',
  pattern: '30 1 * * *',
  run: (db) => reviewRetention(db),
};
