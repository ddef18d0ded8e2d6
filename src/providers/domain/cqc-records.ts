// The provider and location facts a record from CQC carries, whichever file it came in: a row of
// one of CQC's exports (cqc-exports.ts) or a response of its API (cqc-api-response.ts). Each source
// supplies only some fields (the ratings export has no addresses; the care directory no ratings),
// so records are partial and an import changes only the fields its file supplies.
import { parseRating, type Rating } from './cqc-vocabulary.ts';
import { CqcValueError, isCqcId } from './cqc-values.ts';

/** Where a provider or one of its services is, and its phone number: the same fields for both. */
export interface AddressFields {
  addressLine1: string | null;
  addressLine2: string | null;
  townCity: string | null;
  county: string | null;
  postcode: string | null;
  phone: string | null;
}

/** An address no file has given yet. */
export const NO_ADDRESS: { [K in keyof AddressFields]: null } = {
  addressLine1: null,
  addressLine2: null,
  townCity: null,
  county: null,
  postcode: null,
  phone: null,
};

export interface ProviderFields extends AddressFields {
  name: string;
  companiesHouseNumber: string | null;
  ownershipType: string | null;
  website: string | null;
  registrationStatus: string | null;
}

export interface LocationFields extends AddressFields {
  name: string;
  cqcProviderId: string;
  localAuthority: string | null;
  localAuthorityCode: string | null;
  region: string | null;
  registeredManager: string | null;
  registeredManagerAbsentSince: string | null;
  registrationStatus: string | null;
  registrationDate: string | null;
  deregistrationDate: string | null;
  dormant: boolean | null;
  serviceTypes: string[];
  specialisms: string[];
  overallRating: Rating | null;
  safeRating: Rating | null;
  effectiveRating: Rating | null;
  caringRating: Rating | null;
  responsiveRating: Rating | null;
  wellLedRating: Rating | null;
  ratingPublishedOn: string | null;
}

export interface ProviderFacts {
  cqcProviderId: string;
  fields: Partial<ProviderFields> & { name?: string };
}

export interface LocationFacts {
  cqcLocationId: string;
  fields: Partial<LocationFields> & { name: string; cqcProviderId: string };
}

export type RowFacts = { ok: true; provider?: ProviderFacts; location?: LocationFacts } | { ok: false; reason: string };

export type LocalAuthorityResolver = (name: string) => string | null;

/** A CQC rating in any of its spellings, null when none is published; `where` says where it was, for the reason it is refused. */
export function rating(text: string, where: string): Rating | null {
  const parsed = parseRating(text);
  if (parsed === undefined) throw new CqcValueError(`"${text}" ${where} is not a CQC rating`);
  return parsed;
}

export function requireId(value: string | null, what: string): string {
  if (!value) throw new CqcValueError(`no ${what}`);
  if (!isCqcId(value)) throw new CqcValueError(`"${value}" is not a CQC ${what}`);
  return value;
}

/** The local authority as CQC names it, and its GSS code where the name is recognised. */
export function localAuthorityOf(
  localAuthority: string | null,
  resolveLa: LocalAuthorityResolver,
): Pick<LocationFields, 'localAuthority' | 'localAuthorityCode'> {
  return { localAuthority, localAuthorityCode: localAuthority ? resolveLa(localAuthority) : null };
}

/** The facts `parse` finds, or the reason a value in the record is refused. */
export function capture(parse: () => RowFacts): RowFacts {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CqcValueError) return { ok: false, reason: error.message };
    throw error;
  }
}

type NonNullFields<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** Only the fields the record gives: a blank says nothing, so it changes nothing. */
export function removeNulls<T extends object>(fields: T): NonNullFields<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as NonNullFields<T>;
}
