// Organisations: councils and NHS bodies, their zones and people, signing in and API tokens.
import type { Part } from '../platform/part.ts';
import { organisationsWork } from './work-service.ts';
import { organisationApi } from './api.ts';
import { accountAndPeoplePages, organisationNavigation, registerSignInRoutes } from './routes.ts';
import { userHistory } from './user-service.ts';

export const organisationsPart: Part = {
  name: 'organisations',
  navigation: organisationNavigation,
  pages: ({ db }) => accountAndPeoplePages(db),
  routes: (app, { db, config }) => registerSignInRoutes(app, db, config.oidc),
  api: ({ db }) => organisationApi(db),
  history: { user: userHistory },
  work: ({ db }) => organisationsWork(db),
};
