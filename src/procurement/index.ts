// Procurement: vehicles and lots, applications, evaluation, tiers, award and open data.
import type { Part, PartContext } from '../platform/part.ts';
import { procurementApi } from './api.ts';
import { applicationHistory } from './application-view-service.ts';
import { applicationNavigation, applicationPages } from './application-routes.ts';
import { registerDocumentPages } from './application-document-routes.ts';
import { questionPages } from './question-routes.ts';
import { roundPages } from './round-routes.ts';
import { noticePages } from './notice-routes.ts';
import { psrPages } from './psr-routes.ts';
import { evaluationPages } from './evaluation-routes.ts';
import { procurementNavigation, vehiclePages } from './routes.ts';
import { vehicleHistory } from './service.ts';
import { procurementWork } from './work-service.ts';

const noticeSettings = (config: PartContext['config']) => ({
  ocidPrefix: config.ocidPrefix,
  publicUrl: config.publicUrl ?? 'http://localhost:3000',
});

export const procurementPart: Part = {
  name: 'procurement',
  navigation: [...procurementNavigation, ...applicationNavigation],
  pages: ({ db, config }) => [
    ...vehiclePages(db, { ocidPrefix: config.ocidPrefix }),
    ...questionPages(db),
    ...roundPages(db),
    ...noticePages(db, noticeSettings(config)),
    ...psrPages(db),
    ...applicationPages(db),
    ...evaluationPages(db),
  ],
  routes: (app, { db }) => registerDocumentPages(app, db),
  api: ({ db, config }) => procurementApi(db, noticeSettings(config)),
  history: { vehicle: vehicleHistory, application: applicationHistory },
  work: ({ db }) => procurementWork(db),
};
