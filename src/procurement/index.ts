// Procurement: vehicles and lots, applications, evaluation, tiers, award and open data.
import type { Part } from '../platform/part.ts';
import { registerPageRoutes } from '../platform/http/page.ts';
import { procurementApi } from './api.ts';
import { applicationHistory } from './application-service.ts';
import { applicationNavigation, applicationPages, questionPages, registerDocumentPages } from './application-routes.ts';
import { evaluationPages } from './evaluation-routes.ts';
import { procurementNavigation, vehiclePages } from './routes.ts';
import { vehicleHistory } from './service.ts';

export const procurementPart: Part = {
  name: 'procurement',
  navigation: [...procurementNavigation, ...applicationNavigation],
  async pages(app, { db, config }) {
    registerPageRoutes(app, [
      ...vehiclePages(db, { ocidPrefix: config.ocidPrefix }),
      ...questionPages(db),
      ...applicationPages(db),
      ...evaluationPages(db),
    ]);
    await registerDocumentPages(app, db);
  },
  api: ({ db, config }) => procurementApi(db, { ocidPrefix: config.ocidPrefix }),
  history: { vehicle: vehicleHistory, application: applicationHistory },
};
