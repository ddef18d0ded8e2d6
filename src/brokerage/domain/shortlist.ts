// The shortlist brokerage sees for a referral: every vacancy that suits the person, and for each
// one left out, every reason why (report 001 §4.19: banding, compatibility, zone).
import { longDate } from '../../platform/domain/calendar.ts';
import { NEED_BAND_LABELS, type NeedBand } from '../../procurement/domain/vehicles.ts';
import { FEATURE_LABELS, incompatibility, type CompatibilityProfile, type Feature } from './people.ts';

export interface ShortlistPerson extends CompatibilityProfile {
  band: NeedBand;
  requiredFeatures: Feature[];
  /** Zones the social worker said are acceptable. */
  zoneIds: string[];
  /** The date the placement should start by. */
  startBy: string;
}

export interface ShortlistVacancy {
  unitId: string;
  zoneId: string;
  accommodationBand: NeedBand;
  features: Feature[];
  providerName: string;
  /** Why the scheme's care provider may not take new work (embargo, suspension), if so. */
  providerBlocked?: string;
  /** The date a pipeline property is expected ready, when it is not ready yet. */
  readyOn?: string;
  tenants: CompatibilityProfile[];
}

export interface Shortlist<V extends ShortlistVacancy> {
  suitable: V[];
  excluded: { vacancy: V; reasons: string[] }[];
}

/** Every reason the vacancy does not suit the person; empty when it does. */
export function reasonsNotSuitable(
  person: ShortlistPerson,
  vacancy: ShortlistVacancy,
  zoneNameById: ReadonlyMap<string, string>,
): string[] {
  const reasons: string[] = [];
  if (vacancy.accommodationBand !== person.band) {
    reasons.push(
      `Band: ${NEED_BAND_LABELS[vacancy.accommodationBand].toLowerCase()} accommodation, needs ${NEED_BAND_LABELS[person.band].toLowerCase()}`,
    );
  }
  const missing = person.requiredFeatures.filter((feature) => !vacancy.features.includes(feature));
  if (missing.length > 0)
    reasons.push(`Access: no ${missing.map((feature) => FEATURE_LABELS[feature].toLowerCase()).join(', no ')}`);
  if (!person.zoneIds.includes(vacancy.zoneId))
    reasons.push(`Zone: in ${zoneNameById.get(vacancy.zoneId) ?? vacancy.zoneId}, not a zone the referral accepts`);
  for (const tenant of vacancy.tenants) {
    const why = incompatibility(person, tenant);
    if (why) reasons.push(`Incompatible tenant: ${why}`);
  }
  if (vacancy.providerBlocked) reasons.push(`Provider ${vacancy.providerName}: ${vacancy.providerBlocked}`);
  if (vacancy.readyOn && vacancy.readyOn > person.startBy)
    reasons.push(
      `Not ready: expected ${longDate(vacancy.readyOn)}, after the start-by date ${longDate(person.startBy)}`,
    );
  return reasons;
}

export function shortlist<V extends ShortlistVacancy>(
  person: ShortlistPerson,
  vacancies: readonly V[],
  zoneNameById: ReadonlyMap<string, string>,
): Shortlist<V> {
  const result: Shortlist<V> = { suitable: [], excluded: [] };
  for (const vacancy of vacancies) {
    const reasons = reasonsNotSuitable(person, vacancy, zoneNameById);
    if (reasons.length === 0) result.suitable.push(vacancy);
    else result.excluded.push({ vacancy, reasons });
  }
  return result;
}
