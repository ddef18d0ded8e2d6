// What payment schedule pages and the API take: a period to generate, the organisation's settings,
// a supplier reference, and which lines to show. One Zod schema each, for pages and API alike.
import { z } from 'zod';
import { PAYMENT_ROUTES } from '../brokerage/domain/people.ts';
import { freeText, requiredText } from '../platform/http/input.ts';
import { filterChoice, filterId, pagingQuery } from '../platform/http/paging.ts';
import { PERIOD_KINDS } from './domain/payment.ts';

const whole = (message: string) => z.int({ error: message });

export const generateInput = z.object({
  year: whole('Enter the year the financial year begins in, such as 2026'),
  period: whole('Enter the period’s number, such as 3'),
});
export type GenerateInput = z.infer<typeof generateInput>;

const costCentre = freeText({ error: 'Enter the cost centre' })
  .trim()
  .max(40, 'A cost centre must be 40 characters or fewer');

export const settingsInput = z.object({
  periodKind: z.enum(PERIOD_KINDS, { error: 'Choose four-weekly or monthly periods' }),
  costCentres: z.object({
    commissioned: costCentre,
    'direct-payment': costCentre,
    'individual-service-fund': costCentre,
  }),
  nhsPartnerId: z.uuid({ error: 'Choose the NHS partner' }).nullable(),
});
export type SettingsInput = z.infer<typeof settingsInput>;

export const supplierReferenceInput = z.object({
  providerId: z.uuid({ error: 'Choose the provider' }),
  reference: requiredText('the supplier reference', 40),
});
export type SupplierReferenceInput = z.infer<typeof supplierReferenceInput>;

export const lineQuery = z.object({
  paymentRoute: filterChoice(PAYMENT_ROUTES as unknown as readonly [string, ...string[]], 'Choose a payment route'),
  providerId: filterId('Choose a provider'),
  ...pagingQuery.shape,
});
export type LineFilter = z.infer<typeof lineQuery>;
