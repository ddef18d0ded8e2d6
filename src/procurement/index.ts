// Procurement: vehicles and lots, applications, evaluation, tiers, award and open data.
import type { Part } from '../platform/part.ts';
import { procurementApi } from './api.ts';
import { applicationHistory } from './application-view-service.ts';
import { applicationNavigation, applicationPages } from './application-routes.ts';
import { registerDocumentPages } from './application-document-routes.ts';
import { questionPages } from './question-routes.ts';
import { roundPages } from './round-routes.ts';
import { evaluationPages } from './evaluation-routes.ts';
import { procurementNavigation, vehiclePages } from './routes.ts';
import { vehicleHistory } from './service.ts';
import { procurementWork } from './work-service.ts';

export const procurementPart: Part = {
  name: 'procurement',
  navigation: [...procurementNavigation, ...applicationNavigation],
  pages: ({ db, config }) => [
    ...vehiclePages(db, { ocidPrefix: config.ocidPrefix }),
    ...questionPages(db),
    ...roundPages(db),
    ...applicationPages(db),
    ...evaluationPages(db),
  ],
  routes: (app, { db }) => registerDocumentPages(app, db),
  api: ({ db, config }) => procurementApi(db, { ocidPrefix: config.ocidPrefix }),
  history: { vehicle: vehicleHistory, application: applicationHistory },
  work: ({ db }) => procurementWork(db),
};
