// Open data: the public pages of each organisation's vehicles and the OCDS feeds of the notices
// they published, for anyone, with no sign-in.
import type { Part } from '../platform/part.ts';
import { openDataApi } from './api.ts';
import { registerPublicPages } from './routes.ts';

export const openDataPart: Part = {
  name: 'open-data',
  routes: (app, { db }) => registerPublicPages(app, db),
  api: ({ db, config }) => openDataApi(db, { publicUrl: config.publicUrl ?? 'http://localhost:3000' }),
};
