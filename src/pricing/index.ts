// Pricing: what care costs and what the council pays. The annual cost-of-care exercise with the
// providers' workbooks, uplifts worked out from the National Living Wage and CPI or RPI and applied
// to the rate cards, and payment schedules for the finance system. Rate cards and the price of a
// package stay in brokerage, where placements are priced; pricing changes them through its service.
import type { Part } from '../platform/part.ts';
import { exerciseApi } from './exercise-api.ts';
import { exerciseHistoryRules } from './exercise-history.ts';
import { exercisePages } from './exercise-routes.ts';
import { pricingNavigation } from './navigation.ts';
import { upliftApi } from './uplift-api.ts';
import { upliftPages } from './uplift-routes.ts';
import { paymentApi } from './payment-api.ts';
import { paymentPages } from './payment-routes.ts';

export const pricingPart: Part = {
  name: 'pricing',
  navigation: pricingNavigation,
  history: { ...exerciseHistoryRules },
  pages: ({ db }) => [...exercisePages(db), ...upliftPages(db), ...paymentPages(db)],
  api: ({ db }) => [...exerciseApi(db), ...upliftApi(db), ...paymentApi(db)],
};
