// Quality's clock work: when a provider's window to comment on a draft ends, an assessment nobody
// answered is published as it stands, saying so, and one with comments waits for the officer; and
// every night each service's risk is rated again.
import type { Job } from '../platform/jobs/scheduler.ts';
import { closeEndedWindows } from './assessment-service.ts';
import { rateEveryService } from './risk-run-service.ts';

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

export const riskRatingJob: Job = {
  name: 'risk-ratings',
  // Changes are rated as they are made; the night's run catches what time alone changes (a record
  // leaving its look-back window, an action falling overdue, a KPI return missed) and keeps the
  // day's snapshot of every service, for the trend.
  pattern: '30 1 * * *',
  run: async (db) => {
    const { services, organisations } = await rateEveryService(db);
    return `${services} services rated in ${organisations} ${organisations === 1 ? 'organisation' : 'organisations'}`;
  },
};
