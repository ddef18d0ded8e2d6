// Quality: how well the care bought is going. The assessment framework, so far; assessments,
// the intelligence log, people's own say and contract actions are built on it.
import type { Part } from '../platform/part.ts';
import { qualityApi } from './api.ts';
import { qualityNavigation, qualityPages } from './routes.ts';

export const qualityPart: Part = {
  name: 'quality',
  navigation: qualityNavigation,
  pages: ({ db }) => qualityPages(db),
  api: ({ db }) => qualityApi(db),
};
