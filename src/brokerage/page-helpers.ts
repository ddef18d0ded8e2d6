// What the brokerage pages share: who reads what, the labels every template uses, the items of
// radios and selects, and what their forms need beyond the standard field readers.
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import type { FieldReader } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { NEED_BAND_LABELS } from '../procurement/domain/vehicles.ts';
import { CASCADE_STEP_LABELS, DECLINE_REASON_LABELS, type OfferStatus } from './domain/cascade.ts';
import {
  CLIENT_GROUP_LABELS,
  FEATURE_LABELS,
  FUNDING_STREAM_LABELS,
  NIGHT_SUPPORT_LABELS,
  PAYMENT_ROUTE_LABELS,
  PERSON_STATUS_LABELS,
  TRAIT_LABELS,
} from './domain/people.ts';
import { URGENCY_LABELS } from './input.ts';
import { REFERRAL_STATUS_LABELS } from './domain/referrals.ts';

// Who reads placements and their reports is the placement service's rule; the pages show it.
export { REPORT_READERS } from './placement-service.ts';
export const VACANCY_READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];

/** An offer's status as its provider reads it. */
export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  awaiting: 'Awaiting your answer',
  accepted: 'Accepted',
  declined: 'Declined',
  lapsed: 'Lapsed: not answered in time',
  withdrawn: 'Withdrawn',
};

/** The labels the brokerage templates show values by. */
export const labels = {
  clientGroups: CLIENT_GROUP_LABELS,
  paymentRoutes: PAYMENT_ROUTE_LABELS,
  statuses: PERSON_STATUS_LABELS,
  bands: NEED_BAND_LABELS,
  night: NIGHT_SUPPORT_LABELS,
  features: FEATURE_LABELS,
  traits: TRAIT_LABELS,
  funding: FUNDING_STREAM_LABELS,
  steps: CASCADE_STEP_LABELS,
  declines: DECLINE_REASON_LABELS,
  referralStatuses: REFERRAL_STATUS_LABELS,
  urgencies: URGENCY_LABELS,
};

/** Radio, checkbox or select items for a list of values, marked as chosen. */
export const options = <K extends string>(
  keys: readonly K[],
  itemLabels: Record<K, string>,
  chosen: readonly string[] | string | undefined,
  kind: 'checked' | 'selected' = 'checked',
) =>
  keys.map((key) => ({
    value: key,
    text: itemLabels[key],
    [kind]: Array.isArray(chosen) ? chosen.includes(key) : chosen === key,
  }));

/** A list filter's options: each value with its label. */
export const labelled = <K extends string>(keys: readonly K[], itemLabels: Record<K, string>) =>
  keys.map((key) => ({ value: key, text: itemLabels[key] }));

/** A select's items for records: an empty first choice (when `first` is given), then each record, the chosen one selected. */
export const selectItems = (
  first: string | null,
  records: readonly { value: string; text: string }[],
  chosen: unknown,
) => [
  ...(first === null ? [] : [{ value: '', text: first }]),
  ...records.map((record) => ({ ...record, selected: record.value === chosen })),
];

/** A form shown for the first time has nothing typed in it (a posted one always carries its CSRF token). */
export const isFirstShowing = (values: FormBody): boolean => Object.keys(values).length === 0;

/** Reads a field the form names differently from the service's input (hours typed for minutes, pounds for pence). */
export const fromField =
  <T>(formName: string, read: FieldReader<T>): FieldReader<T> =>
  (body) =>
    read(body, formName);

/** Providers as a select's records. */
export const providerChoices = (providers: readonly { id: string; name: string }[]) =>
  providers.map((provider) => ({ value: provider.id, text: provider.name }));
