// Payment schedules in the JSON API: the same services as the pages.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { generateInput, settingsInput, supplierReferenceInput } from './payment-input.ts';
import * as payments from './payment-service.ts';
import * as fileService from './payment-file-service.ts';
import * as settingsService from './payment-settings-service.ts';

const TAG = 'Pricing';
const READERS = settingsService.PAYMENT_READERS;
const RUNNERS = settingsService.PAYMENT_RUNNERS;
const providerQuery = z.object({ providerId: z.uuid({ error: 'Choose a provider' }).optional() });

export function paymentApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/pricing/payment-settings',
      tag: TAG,
      access: READERS,
      summary: 'How the organisation pays: its periods, the cost centre of each payment route and its NHS partner',
      success: { status: 200, description: 'the settings, with the NHS bodies to choose from' },
      handle: async ({ user }) => settingsService.paymentSettings(db, user),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/pricing/payment-settings',
      tag: TAG,
      access: RUNNERS,
      body: settingsInput,
      summary: 'Set the periods (four-weekly or monthly), the cost centres and the NHS partner',
      description:
        'periodKind is four-weekly (13 periods from 1 April, the 13th running to 31 March) or monthly; it can change only while the financial year has no schedule. costCentres has one for each payment route (commissioned, direct-payment, individual-service-fund). nhsPartnerId is the NHS body the NHS Continuing Healthcare shares are recharged to.',
      success: { status: 200, description: 'the settings' },
      handle: async ({ user, body }) => settingsService.saveSettings(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/supplier-references',
      tag: TAG,
      access: READERS,
      summary: 'The providers on the organisation’s schedules with their supplier references in its finance system',
      success: { status: 200, description: 'the providers' },
      handle: async ({ user }) => settingsService.supplierReferences(db, user),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/pricing/supplier-references',
      tag: TAG,
      access: RUNNERS,
      body: supplierReferenceInput,
      summary: 'Set a provider’s supplier reference: every provider on a schedule needs one before it is exported',
      success: { status: 200, description: 'the provider and its reference' },
      handle: async ({ user, body }) => settingsService.setSupplierReference(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/payment-schedules',
      tag: TAG,
      access: READERS,
      summary: 'The organisation’s payment schedules, newest period first',
      success: { status: 200, description: 'the schedules with their totals in pence' },
      handle: async ({ user }) => payments.listSchedules(db, user),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/pricing/payment-schedules',
      tag: TAG,
      access: RUNNERS,
      body: generateInput,
      summary: 'Generate the schedule of a period that has begun (again, while it is a draft)',
      description:
        'year is the calendar year the financial year begins in (2026 for 2026/27); period its number. One line per placement for its days at each weekly price: gross is weekly × days ÷ 7 half up to the penny; the person’s contribution likewise, never more than gross less the NHS share; the NHS share is its Continuing Healthcare percentage of the gross, half up; net is what is left. Periods already exported get adjustment lines for any difference. A period already exported, or earlier than one exported, is refused (422).',
      success: { status: 201, description: 'the schedule' },
      handle: async ({ user, body }) => payments.generateSchedule(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/payment-schedules/{id}',
      tag: TAG,
      access: READERS,
      summary: 'A schedule with its totals by payment route (direct payments and individual service funds apart)',
      success: { status: 200, description: 'the schedule' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => payments.scheduleSummary(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/payment-schedules/{id}/lines',
      tag: TAG,
      access: READERS,
      summary: 'A schedule’s lines, a page at a time, in the schedule’s order',
      description: 'paymentRoute and providerId filter; page and pageSize (at most 100). Money in pence.',
      success: { status: 200, description: 'a page of lines' },
      errors: NOT_FOUND,
      handle: async ({ user, params, request }) => payments.scheduleLines(db, user, params.id!, request.query),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/pricing/payment-schedules/{id}/export',
      tag: TAG,
      access: RUNNERS,
      summary: 'Export a schedule for the finance system and lock it',
      description:
        'Refused (422, every problem listed) while a provider on it has no supplier reference, a payment route on it has no cost centre, NHS shares have no partner, or another schedule was exported after it was made. The file is then at /pricing/payment-schedules/{id}/schedule.csv.',
      success: { status: 200, description: 'the schedule, exported' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => payments.exportSchedule(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/payment-schedules/{id}/recharge',
      tag: TAG,
      access: READERS,
      summary: 'The NHS recharge of a schedule: the NHS shares by partner, and the lines behind them',
      success: { status: 200, description: 'the recharge' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => fileService.recharge(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/statements',
      tag: TAG,
      access: [...READERS, 'provider_user'],
      query: providerQuery,
      summary: 'A provider’s remittance statements: its totals on each exported schedule',
      description:
        'A provider user sees its own, from every council that pays it; staff name the provider (providerId) and see their own organisation’s. Direct payments are paid to the person, so are not on a provider’s statement.',
      success: { status: 200, description: 'the statements' },
      handle: async ({ user, query }) => fileService.statements(db, user, query.providerId),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/statements/{scheduleId}',
      tag: TAG,
      access: [...READERS, 'provider_user'],
      query: providerQuery,
      summary: 'One statement: the provider’s own lines on an exported schedule',
      success: { status: 200, description: 'the statement' },
      errors: NOT_FOUND,
      handle: async ({ user, params, query }) => fileService.statement(db, user, params.scheduleId!, query.providerId),
    }),
  ];
}
