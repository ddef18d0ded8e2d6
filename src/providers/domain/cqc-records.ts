// Turns a row of one of CQC's published files into the provider and location facts it carries.
// Each source supplies only some fields (the ratings export has no addresses; the care directory
// no ratings), so records are partial and an import changes only the fields its file supplies.
import { parseRating, SERVICE_TYPES, SPECIALISMS, splitCqcList, toCodes, type Rating } from './cqc-vocabulary.ts';
import {
  clean,
  CqcValueError,
  isCqcId,
  managerName,
  normalisePostcode,
  parseCqcDate,
  parseYesNo,
} from './cqc-values.ts';

export interface ProviderFields {
  name: string;
  companiesHouseNumber: string | null;
  ownershipType: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  townCity: string | null;
  county: string | null;
  postcode: string | null;
  phone: string | null;
  website: string | null;
  registrationStatus: string | null;
}

export interface LocationFields {
  name: string;
  cqcProviderId: string;
  addressLine1: string | null;
  addressLine2: string | null;
  townCity: string | null;
  county: string | null;
  postcode: string | null;
  phone: string | null;
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

export type CsvFormat = 'care-directory' | 'ratings';

export const CARE_DIRECTORY_HEADERS = {
  name: 'Name',
  address1: 'Address 1',
  address2: 'Address 2',
  town: 'Town/City',
  county: 'County',
  postcode: 'Postcode',
  phone: 'Phone number',
  providerId: 'CQC Provider ID (for office use only)',
  locationId: 'CQC Location ID (for office use only)',
  website: 'Website',
  localAuthority: 'Local authority',
  region: 'Region',
  specialisms: 'Specialisms/services',
  serviceTypes: 'Service types',
  providerName: 'Provider name',
} as const;

export const RATINGS_HEADERS = {
  name: 'Location Name',
  locationId: 'Location ID',
  manager: 'Registered manager',
  phone: 'Location telephone number',
  website: 'Location Web Address',
  localAuthority: 'Location Local Authority',
  region: 'Location ADASS Region',
  serviceTypes: 'Service Types',
  startDate: 'Location HSCA start date',
  endDate: 'Location HSCA end date',
  dormant: 'Dormant',
  overall: 'Location Latest Overall Rating',
  published: 'Publication Date',
  usersSupported: 'Service users supported',
  safe: 'Location safe rating',
  effective: 'Location effective rating',
  caring: 'Location caring rating',
  responsive: 'Location responsive rating',
  wellLed: 'Location well-led rating',
  providerName: 'Provider Name',
  providerId: 'Provider ID',
  ownership: 'Provider Ownership Type',
  companiesHouse: 'Provider Companies House Number',
} as const;

const PROVIDER_ROW_TYPES = ['organisation', 'partnership', 'individual', 'nhs body'];

/** Which CQC export a header row belongs to, or a sentence saying why it is neither. */
export function detectCsvFormat(header: readonly string[]): CsvFormat | { unknown: string } {
  const present = new Set(header.map((column) => column.trim()));
  const missing = (columns: Record<string, string>) => Object.values(columns).filter((column) => !present.has(column));
  if (missing(RATINGS_HEADERS).length === 0) return 'ratings';
  if (missing(CARE_DIRECTORY_HEADERS).length === 0) return 'care-directory';
  return {
    unknown:
      'The file is not a CQC export Hearth recognises: expected the care directory ' +
      `(missing ${missing(CARE_DIRECTORY_HEADERS).slice(0, 3).join(', ')}) or the locations with ratings ` +
      `(missing ${missing(RATINGS_HEADERS).slice(0, 3).join(', ')}).`,
  };
}

export type LocalAuthorityResolver = (name: string) => string | null;
type Row = Record<string, string | undefined>;

function rating(row: Row, column: string): Rating | null {
  const value = row[column] ?? '';
  const parsed = parseRating(value);
  if (parsed === undefined) throw new CqcValueError(`"${value.trim()}" in ${column} is not a CQC rating`);
  return parsed;
}

function requireId(value: string | null, what: string): string {
  if (!value) throw new CqcValueError(`no ${what}`);
  if (!isCqcId(value)) throw new CqcValueError(`"${value}" is not a CQC ${what}`);
  return value;
}

function capture(parse: () => RowFacts): RowFacts {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CqcValueError) return { ok: false, reason: error.message };
    throw error;
  }
}

type NonNullFields<T> = { [K in keyof T]?: Exclude<T[K], null> };

function removeNulls<T extends object>(fields: T): NonNullFields<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as NonNullFields<T>;
}

export function careDirectoryRowFacts(row: Row, resolveLa: LocalAuthorityResolver): RowFacts {
  const h = CARE_DIRECTORY_HEADERS;
  return capture(() => {
    const locationId = clean(row[h.locationId]);
    const providerId = requireId(clean(row[h.providerId]), 'provider ID');
    const name = clean(row[h.name]);
    const serviceTypes = splitCqcList(row[h.serviceTypes] ?? '');
    const address = {
      addressLine1: clean(row[h.address1]),
      addressLine2: clean(row[h.address2]),
      townCity: clean(row[h.town]),
      county: clean(row[h.county]),
      postcode: normalisePostcode(row[h.postcode]),
      phone: clean(row[h.phone]),
    };
    if (!locationId) {
      // A provider row: the legal entity itself, its type given where service types would be.
      const ownership = serviceTypes.find((type) => PROVIDER_ROW_TYPES.includes(type.toLowerCase()));
      if (!ownership)
        throw new CqcValueError(
          'no CQC location ID, and not a provider row (service type is not Organisation or Partnership)',
        );
      if (!name) throw new CqcValueError('no provider name');
      return {
        ok: true,
        provider: {
          cqcProviderId: providerId,
          fields: { name, ownershipType: ownership, ...removeNulls({ ...address, website: clean(row[h.website]) }) },
        },
      };
    }
    if (!name) throw new CqcValueError('no location name');
    const localAuthority = clean(row[h.localAuthority]);
    const providerName = clean(row[h.providerName]);
    return {
      ok: true,
      provider: providerName
        ? { cqcProviderId: providerId, fields: { name: providerName } }
        : { cqcProviderId: providerId, fields: {} },
      location: {
        cqcLocationId: requireId(locationId, 'location ID'),
        fields: {
          name,
          cqcProviderId: providerId,
          ...address,
          localAuthority,
          localAuthorityCode: localAuthority ? resolveLa(localAuthority) : null,
          region: clean(row[h.region]),
          serviceTypes: toCodes(SERVICE_TYPES, serviceTypes),
          specialisms: toCodes(SPECIALISMS, splitCqcList(row[h.specialisms] ?? '')),
        },
      },
    };
  });
}

export function ratingsRowFacts(row: Row, resolveLa: LocalAuthorityResolver): RowFacts {
  const h = RATINGS_HEADERS;
  return capture(() => {
    const locationId = requireId(clean(row[h.locationId]), 'location ID');
    const providerId = requireId(clean(row[h.providerId]), 'provider ID');
    const name = clean(row[h.name]);
    if (!name) throw new CqcValueError('no location name');
    const providerName = clean(row[h.providerName]);
    const overallRating = rating(row, h.overall);
    const deregistrationDate = parseCqcDate(row[h.endDate]);
    const localAuthority = clean(row[h.localAuthority]);
    return {
      ok: true,
      provider: {
        cqcProviderId: providerId,
        fields: removeNulls({
          name: providerName,
          companiesHouseNumber: clean(row[h.companiesHouse]),
          ownershipType: clean(row[h.ownership]),
        }),
      },
      location: {
        cqcLocationId: locationId,
        fields: {
          name,
          cqcProviderId: providerId,
          phone: clean(row[h.phone]),
          localAuthority,
          localAuthorityCode: localAuthority ? resolveLa(localAuthority) : null,
          region: clean(row[h.region]?.replace(/\s*\(ADASS Region\)\s*$/i, '')),
          registeredManager: managerName(row[h.manager]),
          registrationStatus: deregistrationDate ? 'Deregistered' : 'Registered',
          registrationDate: parseCqcDate(row[h.startDate]),
          deregistrationDate,
          dormant: parseYesNo(row[h.dormant]),
          serviceTypes: toCodes(SERVICE_TYPES, splitCqcList(row[h.serviceTypes] ?? '')),
          specialisms: toCodes(SPECIALISMS, splitCqcList(row[h.usersSupported] ?? '')),
          overallRating,
          safeRating: rating(row, h.safe),
          effectiveRating: rating(row, h.effective),
          caringRating: rating(row, h.caring),
          responsiveRating: rating(row, h.responsive),
          wellLedRating: rating(row, h.wellLed),
          // The export fills Publication Date even for unrated services; it dates a rating only when there is one.
          ratingPublishedOn: overallRating ? parseCqcDate(row[h.published]) : null,
        },
      },
    };
  });
}

interface ApiContact {
  personTitle?: string;
  personGivenName?: string;
  personFamilyName?: string;
  personRoles?: string[];
}
interface ApiResponse {
  locationId?: string;
  providerId?: string;
  organisationType?: string;
  name?: string;
  ownershipType?: string;
  companiesHouseNumber?: string;
  registrationStatus?: string;
  registrationDate?: string;
  deregistrationDate?: string;
  registeredManagerAbsentDate?: string;
  dormancy?: string;
  postalAddressLine1?: string;
  postalAddressLine2?: string;
  postalAddressTownCity?: string;
  postalAddressCounty?: string;
  postalCode?: string;
  mainPhoneNumber?: string;
  website?: string;
  localAuthority?: string;
  region?: string;
  gacServiceTypes?: { name?: string; description?: string }[];
  specialisms?: { name?: string }[];
  regulatedActivities?: { contacts?: ApiContact[] }[];
  currentRatings?: {
    reportDate?: string;
    overall?: { rating?: string; reportDate?: string; keyQuestionRatings?: { name?: string; rating?: string }[] };
  };
}

function apiRating(text: string | undefined, what: string): Rating | null {
  const parsed = parseRating(text ?? '');
  if (parsed === undefined) throw new CqcValueError(`"${text}" for ${what} is not a CQC rating`);
  return parsed;
}

function apiManager(response: ApiResponse): string | null {
  for (const activity of response.regulatedActivities ?? []) {
    for (const contact of activity.contacts ?? []) {
      if (contact.personRoles?.includes('Registered Manager')) {
        return clean(
          [contact.personTitle, contact.personGivenName, contact.personFamilyName].filter(Boolean).join(' '),
        );
      }
    }
  }
  return null;
}

function apiAddress(response: ApiResponse) {
  return {
    addressLine1: clean(response.postalAddressLine1),
    addressLine2: clean(response.postalAddressLine2),
    townCity: clean(response.postalAddressTownCity),
    county: clean(response.postalAddressCounty),
    postcode: normalisePostcode(response.postalCode),
    phone: clean(response.mainPhoneNumber),
  };
}

/** Facts from one response of CQC's API (GET /locations/{id} or GET /providers/{id}). */
export function apiResponseFacts(response: unknown, resolveLa: LocalAuthorityResolver): RowFacts {
  return capture(() => {
    if (typeof response !== 'object' || response === null || Array.isArray(response)) {
      throw new CqcValueError('not a CQC API response (expected a JSON object)');
    }
    const r = response as ApiResponse;
    const name = clean(r.name);
    if (r.locationId !== undefined) {
      const cqcLocationId = requireId(clean(r.locationId), 'location ID');
      const cqcProviderId = requireId(clean(r.providerId), 'provider ID');
      if (!name) throw new CqcValueError('no location name');
      const overall = r.currentRatings?.overall;
      const keyQuestion = (question: string) =>
        apiRating(
          overall?.keyQuestionRatings?.find((k) => k.name === question)?.rating,
          `the ${question} key question`,
        );
      const overallRating = apiRating(overall?.rating, 'the overall rating');
      const localAuthority = clean(r.localAuthority);
      const serviceTypes = (r.gacServiceTypes ?? []).map((type) => type.name ?? type.description ?? '');
      return {
        ok: true,
        provider: { cqcProviderId, fields: {} },
        location: {
          cqcLocationId,
          fields: {
            name,
            cqcProviderId,
            ...apiAddress(r),
            localAuthority,
            localAuthorityCode: localAuthority ? resolveLa(localAuthority) : null,
            region: clean(r.region),
            registeredManager: apiManager(r),
            registeredManagerAbsentSince: parseCqcDate(r.registeredManagerAbsentDate),
            registrationStatus: clean(r.registrationStatus),
            registrationDate: parseCqcDate(r.registrationDate),
            deregistrationDate: parseCqcDate(r.deregistrationDate),
            dormant: parseYesNo(r.dormancy),
            serviceTypes: toCodes(SERVICE_TYPES, serviceTypes),
            specialisms: toCodes(
              SPECIALISMS,
              (r.specialisms ?? []).map((s) => s.name ?? ''),
            ),
            overallRating,
            safeRating: keyQuestion('Safe'),
            effectiveRating: keyQuestion('Effective'),
            caringRating: keyQuestion('Caring'),
            responsiveRating: keyQuestion('Responsive'),
            wellLedRating: keyQuestion('Well-led'),
            ratingPublishedOn: overallRating ? parseCqcDate(overall?.reportDate ?? r.currentRatings?.reportDate) : null,
          },
        },
      };
    }
    if (r.providerId !== undefined && r.organisationType === 'Provider') {
      if (!name) throw new CqcValueError('no provider name');
      return {
        ok: true,
        provider: {
          cqcProviderId: requireId(clean(r.providerId), 'provider ID'),
          fields: {
            name,
            ...removeNulls({
              ...apiAddress(r),
              ownershipType: clean(r.ownershipType),
              companiesHouseNumber: clean(r.companiesHouseNumber),
              website: clean(r.website),
              registrationStatus: clean(r.registrationStatus),
            }),
          },
        },
      };
    }
    throw new CqcValueError(
      'neither a CQC location nor a CQC provider response (no locationId, and not organisationType "Provider")',
    );
  });
}
