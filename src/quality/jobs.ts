// Quality's clock work: when a provider's window to comment on a draft ends, an assessment nobody
// answered is published as it stands, saying so, and one with comments waits for the officer.
import type { Job } from '../platform/jobs/scheduler.ts';
import { closeEndedWindows } from './assessment-service.ts';

export const commentWindowJob: Job = {
  name: 'assessment-comment-windows',
  // Windows end at the end of a day: a check every hour catches each soon after midnight.
  pattern: '5 * * * *',
  run: async (db) => {
    const { published, toDecide } = await closeEndedWindows(db, {
      userId: null,
      label: 'Hearth, when the window for comments ended',
      organisationId: null,
    });
    return `${published} assessments published unanswered, ${toDecide} with comments to decide`;
  },
};
