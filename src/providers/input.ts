// What people may send to create or edit a provider: one Zod schema for the form and the API.
import { z } from 'zod';
import { freeText, optionalText } from '../platform/http/input.ts';
import { filterText, pagingQuery } from '../platform/http/paging.ts';
import { isCqcId, isPostcode, normalisePostcode } from './domain/cqc-values.ts';

export const OWNERSHIP_TYPES = ['Organisation', 'Partnership', 'Individual', 'NHS Body'] as const;

// Companies House numbers are 8 characters: digits, or two letters and six digits (SC, NI, OC…).
// Leading zeros are often dropped in other systems, so short all-digit numbers are padded.
const companiesHouseNumber = optionalText(20, 'Companies House number')
  .transform((value) => (value && /^\d{1,7}$/.test(value) ? value.padStart(8, '0') : (value?.toUpperCase() ?? null)))
  .refine(
    (value) => value === null || /^(\d{8}|[A-Z]{2}\d{6})$/.test(value),
    'Enter a Companies House number in the correct format, like 07488164 or SC123456',
  );

const yesNo = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', 'on'])])
  .optional()
  .transform((value) => value === true || value === 'true' || value === 'yes' || value === 'on');

export const contactInput = z.object({
  name: freeText().trim().min(1, "Enter the contact's name").max(200),
  role: optionalText(200, 'Role'),
  email: optionalText(320, 'Email').refine(
    (v) => v === null || z.email().safeParse(v).success,
    'Enter an email address in the correct format, like name@example.com',
  ),
  phone: optionalText(40, 'Phone number'),
});

export const providerInput = z.object({
  name: freeText({ error: "Enter the provider's name" })
    .trim()
    .min(1, "Enter the provider's name")
    .max(300, 'Name must be 300 characters or fewer'),
  companiesHouseNumber,
  cqcProviderId: optionalText(20, 'CQC provider ID').refine(
    (v) => v === null || isCqcId(v),
    'Enter a CQC provider ID in the correct format, like 1-101672781',
  ),
  ownershipType: z
    .enum(OWNERSHIP_TYPES, { error: `Choose one of: ${OWNERSHIP_TYPES.join(', ')}` })
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  isSme: yesNo,
  isVcse: yesNo,
  addressLine1: optionalText(200, 'Address line 1'),
  addressLine2: optionalText(200, 'Address line 2'),
  townCity: optionalText(100, 'Town or city'),
  county: optionalText(100, 'County'),
  postcode: optionalText(20, 'Postcode')
    .transform((v) => normalisePostcode(v))
    .refine((v) => v === null || isPostcode(v), 'Enter a full UK postcode, like ST16 2LH'),
  phone: optionalText(40, 'Phone number').refine(
    (v) => v === null || /^[+\d][\d\s()-]{6,}$/.test(v),
    'Enter a phone number, like 01785 223121',
  ),
  website: optionalText(300, 'Website').refine(
    (v) => v === null || /^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?$/i.test(v),
    'Enter a website address, like www.example.co.uk',
  ),
  email: optionalText(320, 'Email').refine(
    (v) => v === null || z.email().safeParse(v).success,
    'Enter an email address in the correct format, like office@example.com',
  ),
  contacts: z.array(contactInput).max(20, 'List at most 20 contacts').optional(),
});

export type ProviderInput = z.input<typeof providerInput>;
export type ProviderData = z.output<typeof providerInput>;

export const providerFilterInput = z.object({
  search: filterText(200),
  serviceType: filterText(100),
  rating: filterText(50),
  localAuthority: filterText(20),
  ...pagingQuery.shape,
});
