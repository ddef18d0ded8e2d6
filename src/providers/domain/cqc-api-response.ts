// Responses of CQC's API (GET /locations/{id} or GET /providers/{id}), saved as JSON files: the
// same facts as the exports give, in the API's own names.
import {
  capture,
  localAuthorityOf,
  rating,
  removeNulls,
  requireId,
  type AddressFields,
  type LocalAuthorityResolver,
  type RowFacts,
} from './cqc-records.ts';
import { SERVICE_TYPES, SPECIALISMS, toCodes } from './cqc-vocabulary.ts';
import { clean, CqcValueError, normalisePostcode, parseCqcDate, parseYesNo } from './cqc-values.ts';

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

function apiAddress(response: ApiResponse): AddressFields {
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
        rating(
          overall?.keyQuestionRatings?.find((k) => k.name === question)?.rating ?? '',
          `for the ${question} key question`,
        );
      const overallRating = rating(overall?.rating ?? '', 'for the overall rating');
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
            ...localAuthorityOf(clean(r.localAuthority), resolveLa),
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
