// Pricing's menu items, one per topic, in the order a finance officer's year runs.
import type { NavigationItem } from '../platform/http/pages.ts';

export const pricingNavigation: NavigationItem[] = [];
