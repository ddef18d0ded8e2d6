// Organisations: councils and NHS bodies, their zones and people, signing in and API tokens.
import type { Part } from '../platform/part.ts';
import { organisationApi } from './api.ts';
import { organisationNavigation, registerOrganisationRoutes } from './routes.ts';
import { userHistory } from './user-service.ts';

export const organisationsPart: Part = {
  name: 'organisations',
  navigation: organisationNavigation,
  pages: (app, { db, config }) => registerOrganisationRoutes(app, db, config.oidc),
  api: ({ db }) => organisationApi(db),
  history: { user: userHistory },
};
