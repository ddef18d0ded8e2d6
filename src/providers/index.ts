// Providers: the shared registry of care providers and their services, and the CQC import.
import type { Part } from '../platform/part.ts';
import { providerApi } from './api.ts';
import { providerNavigation, providerPages } from './routes.ts';
import { locationHistory, providerHistory } from './service.ts';

export const providersPart: Part = {
  name: 'providers',
  navigation: providerNavigation,
  pages: ({ db }) => providerPages(db),
  api: ({ db }) => providerApi(db),
  history: { provider: providerHistory, 'provider-location': locationHistory },
};
