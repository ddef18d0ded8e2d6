// Rows of CQC's published CSV exports: the care directory (addresses, service types, specialisms)
// and the locations with ratings (registration, ratings, the registered manager), each known by
// its header row.
import {
  capture,
  localAuthorityOf,
  rating,
  removeNulls,
  requireId,
  type LocalAuthorityResolver,
  type RowFacts,
} from './cqc-records.ts';
import { SERVICE_TYPES, SPECIALISMS, splitCqcList, toCodes } from './cqc-vocabulary.ts';
import { clean, CqcValueError, managerName, normalisePostcode, parseCqcDate, parseYesNo } from './cqc-values.ts';

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

type Row = Record<string, string | undefined>;

const ratingIn = (row: Row, column: string) => rating((row[column] ?? '').trim(), `in ${column}`);

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
          ...localAuthorityOf(clean(row[h.localAuthority]), resolveLa),
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
    const overallRating = ratingIn(row, h.overall);
    const deregistrationDate = parseCqcDate(row[h.endDate]);
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
          ...localAuthorityOf(clean(row[h.localAuthority]), resolveLa),
          region: clean(row[h.region]?.replace(/\s*\(ADASS Region\)\s*$/i, '')),
          registeredManager: managerName(row[h.manager]),
          registrationStatus: deregistrationDate ? 'Deregistered' : 'Registered',
          registrationDate: parseCqcDate(row[h.startDate]),
          deregistrationDate,
          dormant: parseYesNo(row[h.dormant]),
          serviceTypes: toCodes(SERVICE_TYPES, splitCqcList(row[h.serviceTypes] ?? '')),
          specialisms: toCodes(SPECIALISMS, splitCqcList(row[h.usersSupported] ?? '')),
          overallRating,
          safeRating: ratingIn(row, h.safe),
          effectiveRating: ratingIn(row, h.effective),
          caringRating: ratingIn(row, h.caring),
          responsiveRating: ratingIn(row, h.responsive),
          wellLedRating: ratingIn(row, h.wellLed),
          // The export fills Publication Date even for unrated services; it dates a rating only when there is one.
          ratingPublishedOn: overallRating ? parseCqcDate(row[h.published]) : null,
        },
      },
    };
  });
}
