// Pricing's menu items, one per topic, in the order a finance officer's year runs.
import type { NavigationItem } from '../platform/http/pages.ts';
import { PAYMENT_READERS } from './payment-service.ts';
import { paths } from './paths.ts';

export const pricingNavigation: NavigationItem[] = [
  { text: 'Payment schedules', href: paths.schedules(), access: PAYMENT_READERS },
  { text: 'Payment statements', href: paths.statements(), access: ['provider_user'] },
];
