// Quality: how well the care bought is going. The assessment framework, the register of contracted
// services and their assessment schedule; assessments, the intelligence log, people's own say and
// contract actions are built on them.
import type { Part } from '../platform/part.ts';
import { qualityApi } from './api.ts';
import { assessmentApi } from './assessment-api.ts';
import { assessmentPages } from './assessment-routes.ts';
import { contractActionApi } from './contract-action-api.ts';
import { contractActionPages } from './contract-action-routes.ts';
import { qualityHistory } from './history.ts';
import { commentWindowJob, riskRatingJob } from './jobs.ts';
import { intelligenceApi } from './intelligence-api.ts';
import { intelligencePages } from './intelligence-routes.ts';
import { kpiApi } from './kpi-api.ts';
import { kpiPages } from './kpi-routes.ts';
import { kpiVehiclePages } from './kpi-vehicle-routes.ts';
import { registerApi } from './register-api.ts';
import { registerPages } from './register-routes.ts';
// Rates services again when brokerage or the CQC import changes their providers' records.
import './risk-listener.ts';
import { riskApi } from './risk-api.ts';
import { riskPages } from './risk-routes.ts';
import { qualityNavigation, qualityPages } from './routes.ts';
import { surveyApi } from './survey-api.ts';
import { registerSurveyRoutes } from './survey-public-routes.ts';
import { surveyPages } from './survey-routes.ts';
import { qualityWork } from './work-service.ts';

export const qualityPart: Part = {
  name: 'quality',
  navigation: qualityNavigation,
  pages: ({ db }) => [
    ...qualityPages(db),
    ...registerPages(db),
    ...assessmentPages(db),
    ...surveyPages(db),
    ...intelligencePages(db),
    ...contractActionPages(db),
    ...riskPages(db),
    ...kpiPages(db),
    ...kpiVehiclePages(db),
  ],
  api: ({ db }) => [
    ...qualityApi(db),
    ...registerApi(db),
    ...assessmentApi(db),
    ...surveyApi(db),
    ...intelligenceApi(db),
    ...contractActionApi(db),
    ...riskApi(db),
    ...kpiApi(db),
  ],
  // The easy-read survey a one-time link opens is public: it is not a declared page.
  routes: (app, { db }) => registerSurveyRoutes(app, db),
  history: qualityHistory,
  jobs: [commentWindowJob, riskRatingJob],
  work: ({ db }) => qualityWork(db),
};
