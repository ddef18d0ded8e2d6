// Brokerage: people and their needs, schemes and vacancies, referrals, offers and placements.
import type { Part } from '../platform/part.ts';
import { brokerageApi } from './api.ts';
import { offerDeadlineJob, priceChangeJob } from './jobs.ts';
import { personHistory } from './people-service.ts';
import { placementPages } from './placement-routes.ts';
import { peoplePages } from './people-routes.ts';
import { providerOfferPages, referralPages } from './referral-routes.ts';
import { brokerageNavigation } from './routes.ts';
import { schemeHistory } from './scheme-service.ts';
import { schemeListPages } from './scheme-list-routes.ts';
import { embargoPages, schemePages, vehiclePages } from './scheme-routes.ts';
import { brokerageWork } from './work-service.ts';

export const brokeragePart: Part = {
  name: 'brokerage',
  navigation: brokerageNavigation,
  pages: ({ db }) => [
    ...peoplePages(db),
    ...referralPages(db),
    ...providerOfferPages(db),
    ...schemeListPages(db),
    ...schemePages(db),
    ...vehiclePages(db),
    ...embargoPages(db),
    ...placementPages(db),
  ],
  api: ({ db }) => brokerageApi(db),
  history: { person: personHistory, scheme: schemeHistory },
  jobs: [offerDeadlineJob, priceChangeJob],
  work: ({ db }) => brokerageWork(db),
};
