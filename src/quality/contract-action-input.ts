// What contract actions and transition plans are sent as: one Zod schema each, for the pages and the API.
import { z } from 'zod';
import { isIsoDate } from '../platform/domain/calendar.ts';
import { freeText, optionalText, requiredText } from '../platform/http/input.ts';
import { filterChoice, filterId } from '../platform/http/paging.ts';
import {
  CONTRACT_ACTION_KINDS,
  TIER_VALUES,
  TRANSITION_CAUSES,
  type ContractActionKind,
} from './domain/contract-actions.ts';

const date = (label: string) =>
  freeText({ error: `Enter ${label}` })
    .trim()
    .refine(
      (value) => value === '' || isIsoDate(value),
      `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date`,
    );

const requiredDate = (label: string) => date(label).refine((value) => value !== '', `Enter ${label}`);
/** Blank or absent is none; the kind's rules say whether it was needed. */
const optionalDate = (label: string) =>
  date(label)
    .nullish()
    .transform((value) => value || null);
const optionalId = (message: string) =>
  z
    .preprocess((value) => (value === '' ? null : value), z.uuid({ error: message }).nullish())
    .transform((value) => value ?? null);

export const contractActionInput = z.object({
  kind: z.enum(CONTRACT_ACTION_KINDS, { error: 'Choose the kind of action' }),
  providerId: z.uuid({ error: 'Choose the provider' }),
  reason: requiredText('the reason for the action', 2000),
  startsOn: requiredDate('the start date'),
  dueOn: optionalDate('the date'),
  serviceId: optionalId('Choose one of the provider’s services'),
  membershipId: optionalId('Choose one of the provider’s memberships'),
  placementId: optionalId('Choose one of the provider’s packages'),
  default: optionalText(2000, 'The default'),
  remedy: optionalText(2000, 'The remedy'),
  toTier: z.preprocess(
    (value) => (value === '' ? null : value),
    z
      .enum(TIER_VALUES, { error: 'Choose Tier 1 or Tier 2' })
      .nullish()
      .transform((value) => value ?? null),
  ),
});
export type ContractActionInput = z.input<typeof contractActionInput>;

export const endContractActionInput = z.object({
  reason: requiredText('why the action ends', 2000),
});

export const contractActionFilterInput = z.object({
  kind: filterChoice(
    CONTRACT_ACTION_KINDS as readonly [ContractActionKind, ...ContractActionKind[]],
    'Choose a kind of action from the list',
  ),
  providerId: filterId('Choose a provider from the list'),
  inForce: filterChoice(['yes', 'no'], 'Choose yes or no'),
});
export const CONTRACT_ACTION_SORTS = ['startsOn', 'kind', 'provider'] as const;

export const transitionPlanInput = z.object({
  cause: z.enum(
    TRANSITION_CAUSES.filter((cause) => cause !== 'contract-termination') as ['left-framework', 'tier2-review'],
    { error: 'Choose whether the provider was left out of the framework or its Tier 2 services are reviewed' },
  ),
  providerId: z.uuid({ error: 'Choose the provider' }),
  vehicleId: z.uuid({ error: 'Choose the framework' }),
});

export const transitionMoveInput = z.object({
  receivingMembershipId: z.uuid({ error: 'Choose the receiving provider’s membership' }),
  transferOn: requiredDate('the date the new provider takes over'),
  reason: requiredText('why care is moving', 2000),
});
