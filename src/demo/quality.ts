// Loads the demo county's quality assurance through the services people use: the register of the
// services it contracts, a year of assessments (see domain/demo-quality.ts) with their action
// plans, and one draft with the demo provider awaiting its reply.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { planAssessment, rateQuestion, sendToProvider } from '../quality/assessment-service.ts';
import { recordPastAssessment } from '../quality/past-assessment-service.ts';
import { assignService, bringInContractedServices, scheduleList } from '../quality/register-service.ts';
import { demoAssessment, demoOutcome } from './domain/demo-quality.ts';

export interface QualityStaff {
  quality: CurrentUser;
}

export async function loadDemoQuality(db: Db, demoProviderId: string, staff: QualityStaff): Promise<void> {
  const { quality } = staff;
  const today = isoDateInLondon(new Date());
  await bringInContractedServices(db, quality);
  const { items } = await scheduleList(db, quality, {
    filter: {},
    sort: { key: 'service', direction: 'asc' },
    page: 1,
    pageSize: 100,
  });
  // The demo provider's first service waits for its reply, so signing in as it shows a draft to check.
  const reply = Math.max(
    0,
    items.findIndex((row) => row.service.providerId === demoProviderId),
  );
  for (const [index, row] of items.entries()) {
    await assignService(db, quality, row.service.id, { zoneId: row.service.zoneId, officerId: quality.id });
    const outcome = demoOutcome(index, items.length, reply);
    if (outcome === 'never-assessed') continue;
    if (outcome === 'awaiting-reply') {
      const { id } = await planAssessment(db, quality, row.service.id, {
        visitKind: 'announced',
        visitOn: today,
        officerIds: [quality.id],
      });
      for (const rating of demoAssessment('requires-improvement', index, today).ratings)
        await rateQuestion(db, quality, id, rating);
      await sendToProvider(db, quality, id);
      continue;
    }
    const past = demoAssessment(outcome, index, today);
    await recordPastAssessment(db, quality, row.service.id, {
      visitKind: index % 4 === 0 ? 'unannounced' : 'announced',
      visitOn: past.visitOn,
      officerIds: [quality.id],
      publishedOn: past.publishedOn,
      ratings: past.ratings,
      actions: past.actions,
      source: 'The council’s quality assessments before Hearth',
    });
  }
}
