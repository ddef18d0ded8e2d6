// Procurement: vehicles and lots, applications, evaluation, tiers, award and open data.
import type { Part } from '../platform/part.ts';
import { procurementApi } from './api.ts';
import { applicationHistory } from './application-service.ts';
import { applicationNavigation, registerApplicationRoutes } from './application-routes.ts';
import { registerEvaluationRoutes } from './evaluation-routes.ts';
import { procurementNavigation, registerProcurementRoutes } from './routes.ts';
import { vehicleHistory } from './service.ts';

export const procurementPart: Part = {
  name: 'procurement',
  navigation: [...procurementNavigation, ...applicationNavigation],
  async pages(app, { db, config }) {
    await registerProcurementRoutes(app, db, { ocidPrefix: config.ocidPrefix });
    await registerApplicationRoutes(app, db);
    await registerEvaluationRoutes(app, db);
  },
  api: ({ db, config }) => procurementApi(db, { ocidPrefix: config.ocidPrefix }),
  history: { vehicle: vehicleHistory, application: applicationHistory },
};
