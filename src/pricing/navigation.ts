// Pricing's menu items, one per topic, in the order a finance officer's year runs.
import type { NavigationItem } from '../platform/http/pages.ts';
import { EXERCISE_READERS } from './exercise-service.ts';
import { PAYMENT_READERS } from './payment-settings-service.ts';
import { paths } from './paths.ts';
import { UPLIFT_READERS } from './uplift-service.ts';

export const pricingNavigation: NavigationItem[] = [
  { text: 'Cost of care', href: paths.exercises(), access: [...EXERCISE_READERS, 'provider_user'] },
  { text: 'Uplifts', href: paths.uplifts(), access: UPLIFT_READERS },
  { text: 'Uplift letters', href: paths.upliftLetters(), access: ['provider_user'] },
  { text: 'Payment schedules', href: paths.schedules(), access: PAYMENT_READERS },
  { text: 'Payment statements', href: paths.statements(), access: ['provider_user'] },
];
