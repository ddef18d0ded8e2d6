// What every brokerage page handler shares: who reads what, the form helpers and the labels
// every template uses.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parsePounds } from '../platform/domain/money.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { NEED_BAND_LABELS } from '../procurement/domain/vehicles.ts';
import { CASCADE_STEP_LABELS, DECLINE_REASON_LABELS } from './domain/cascade.ts';
import { CLIENT_GROUP_LABELS, FEATURE_LABELS, FUNDING_STREAM_LABELS, NIGHT_SUPPORT_LABELS, PAYMENT_ROUTE_LABELS, PERSON_STATUS_LABELS, TRAIT_LABELS } from './domain/people.ts';
import { URGENCY_LABELS } from './input.ts';
import * as referrals from './referral-service.ts';

export const REPORT_READERS: readonly Role[] = ['brokerage_officer', 'commissioner', 'finance_officer', 'auditor'];
export const VACANCY_READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];
export const params = (request: FastifyRequest) => request.params as Record<string, string>;
export const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>;
export const pageNumber = (request: FastifyRequest) => Math.max(1, Number.parseInt(query(request).page ?? '1', 10) || 1);
export const options = <K extends string>(keys: readonly K[], labels: Record<K, string>, chosen: readonly string[] | string | undefined, kind: 'checked' | 'selected' = 'checked') =>
  keys.map((key) => ({ value: key, text: labels[key], [kind]: Array.isArray(chosen) ? chosen.includes(key) : chosen === key }));
export const labels = { clientGroups: CLIENT_GROUP_LABELS, paymentRoutes: PAYMENT_ROUTE_LABELS, statuses: PERSON_STATUS_LABELS, bands: NEED_BAND_LABELS, night: NIGHT_SUPPORT_LABELS, features: FEATURE_LABELS, traits: TRAIT_LABELS, funding: FUNDING_STREAM_LABELS, steps: CASCADE_STEP_LABELS, declines: DECLINE_REASON_LABELS, referralStatuses: referrals.REFERRAL_STATUS_LABELS, urgencies: URGENCY_LABELS };

/** Money typed in pounds as pence; NaN when it is not money, so validation says so. */
export const penceFrom = (text: string, blank: number | null): number | null => (text.trim() === '' ? blank : parsePounds(text) ?? Number.NaN);

/** Renders a brokerage template with the labels every one of them uses. */
export const render = (reply: FastifyReply, view: string, context: { title: string } & Record<string, unknown>) => reply.page(`brokerage/views/${view}.njk`, { labels, ...context });
