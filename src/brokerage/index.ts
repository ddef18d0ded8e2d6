// Brokerage: people and their needs, schemes and vacancies, referrals, offers and placements.
import type { Part } from '../platform/part.ts';
import { brokerageApi } from './api.ts';
import { offerDeadlineJob } from './jobs.ts';
import { personHistory } from './people-service.ts';
import { registerPlacementRoutes } from './placement-routes.ts';
import { brokerageNavigation, registerBrokerageRoutes } from './routes.ts';
import { schemeHistory } from './scheme-service.ts';
import { registerSchemeRoutes } from './scheme-routes.ts';

export const brokeragePart: Part = {
  name: 'brokerage',
  navigation: brokerageNavigation,
  async pages(app, { db }) {
    await registerBrokerageRoutes(app, db);
    await registerSchemeRoutes(app, db);
    await registerPlacementRoutes(app, db);
  },
  api: ({ db }) => brokerageApi(db),
  history: { person: personHistory, scheme: schemeHistory },
  jobs: [offerDeadlineJob],
};
