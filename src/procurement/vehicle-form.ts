// The vehicle's settings form: its boxes read into the service's input, the service's refusals
// named as the form names its boxes, a stored vehicle's values for the change page, and its choices.
import { NATIONS } from '../platform/domain/calendar.ts';
import { formatPence } from '../platform/domain/money.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { field, formSchema, type FieldReader } from '../platform/http/form-fields.ts';
import { dateToForm, many, one, type FormBody } from '../platform/http/forms.ts';
import { ALLOCATION_RULES } from './domain/tier-allocation.ts';
import { REGIME_LABELS, REGIMES, STAGE_LABELS, STAGES, VEHICLE_KIND_LABELS, VEHICLE_KINDS } from './domain/vehicles.ts';
import type { VehicleInput } from './input.ts';
import type { VehicleDetail } from './service.ts';

const DATE_FIELDS = [
  'advertOn',
  'clarificationDeadline',
  'submissionDeadline',
  'awardOn',
  'contractStartOn',
  'contractEndOn',
] as const;
const PARTNER_SLOTS = 2;

/** The required documents, one a line. */
const lines: FieldReader<string[]> = (body, name) =>
  one(body[name])
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The partner boxes that were filled in (the form has PARTNER_SLOTS pairs). */
const partners: FieldReader<{ organisation: string; fundingSharePercent: number }[]> = (body) =>
  Array.from({ length: PARTNER_SLOTS }, (_, slot) => ({
    organisation: one(body[`partner${slot}Organisation`]).trim(),
    share: field.number(null)(body, `partner${slot}Share`),
  }))
    .filter(({ organisation, share }) => organisation || share !== null)
    .map(({ organisation, share }) => ({ organisation, fundingSharePercent: share ?? Number.NaN }));

export const vehicleForm = formSchema({
  reference: field.text(),
  name: field.text(),
  description: field.text(),
  kind: field.choice(VEHICLE_KINDS),
  regime: field.choice(REGIMES),
  lightTouch: field.yesNo(),
  voluntaryStandstill: field.yesNo(),
  value: field.pounds(null),
  advertOn: field.optionalDate(),
  clarificationDeadline: field.optionalDate(),
  submissionDeadline: field.optionalDate(),
  awardOn: field.optionalDate(),
  contractStartOn: field.optionalDate(),
  contractEndOn: field.optionalDate(),
  extensionOptions: field.text(),
  nation: field.choice(NATIONS),
  stages: field.choices(STAGES),
  pricesFixed: field.yesNo(),
  qualityWeightPercent: field.number(Number.NaN),
  scoreScaleMax: field.number(Number.NaN),
  tiered: field.yesNo(),
  maxTier1ZonesPerProvider: field.number(null),
  qualityThreshold: field.number(null),
  allocationRule: field.choice(ALLOCATION_RULES),
  zoneIds: field.list(),
  tier1Places: field.each('tier1Places-', field.number(null)),
  requiredDocuments: lines,
  partners,
}).transform(({ value, nation, allocationRule, zoneIds, tier1Places, ...settings }): VehicleInput => ({
  ...settings,
  valuePence: value,
  // Left out, the nation and the rule take the service's defaults.
  nation: nation || undefined,
  allocationRule: allocationRule || null,
  zones: zoneIds.map((zoneId) => ({ zoneId, tier1Places: tier1Places[zoneId] ?? null })),
}));

/** A refusal of the vehicle's settings, named as the form names its boxes. */
export const onVehicleForm =
  (input: VehicleInput) =>
  (problem: FieldError): FieldError => {
    const zone = /^zones\.(\d+)\.tier1Places$/.exec(problem.field);
    if (zone) return { ...problem, field: `tier1Places-${input.zones?.[Number(zone[1])]?.zoneId}` };
    const partner = /^partners\.(\d+)\.(organisation|fundingSharePercent)$/.exec(problem.field);
    if (partner)
      return { ...problem, field: `partner${partner[1]}${partner[2] === 'organisation' ? 'Organisation' : 'Share'}` };
    // The service refuses the value only when what was typed is not an amount of money.
    if (problem.field === 'valuePence')
      return { field: 'value', message: 'Enter the value in pounds, like £28,900,000' };
    for (const [prefix, box] of [
      ['zones', 'zoneIds'],
      ['partners', 'partner0Organisation'],
      ['requiredDocuments', 'requiredDocuments'],
    ] as const) {
      if (problem.field.startsWith(prefix)) return { ...problem, field: box };
    }
    return problem;
  };

/** Form values from a stored vehicle, for the change page. */
export function vehicleFormValues(detail: VehicleDetail): FormBody {
  const { vehicle } = detail;
  const values: FormBody = {
    reference: vehicle.reference,
    name: vehicle.name,
    description: vehicle.description ?? '',
    kind: vehicle.kind,
    regime: vehicle.regime,
    lightTouch: vehicle.lightTouch ? 'yes' : 'no',
    voluntaryStandstill: vehicle.voluntaryStandstill ? 'yes' : 'no',
    value: vehicle.valuePence === null ? '' : formatPence(vehicle.valuePence),
    extensionOptions: vehicle.extensionOptions ?? '',
    nation: vehicle.nation,
    stages: vehicle.stages,
    pricesFixed: vehicle.pricesFixed ? 'yes' : 'no',
    qualityWeightPercent: String(vehicle.qualityWeightPercent),
    scoreScaleMax: String(vehicle.scoreScaleMax),
    tiered: vehicle.tiered ? 'yes' : 'no',
    maxTier1ZonesPerProvider: vehicle.maxTier1ZonesPerProvider?.toString() ?? '',
    qualityThreshold: vehicle.qualityThreshold?.toString() ?? '',
    allocationRule: vehicle.allocationRule ?? '',
    zoneIds: detail.zones.map((zone) => zone.zoneId),
    requiredDocuments: vehicle.requiredDocuments.join('\n'),
  };
  for (const date of DATE_FIELDS) dateToForm(values, date, vehicle[date]);
  for (const zone of detail.zones) values[`tier1Places-${zone.zoneId}`] = zone.tier1Places?.toString() ?? '';
  detail.partners.forEach((partner, i) => {
    values[`partner${i}Organisation`] = partner.code;
    values[`partner${i}Share`] = String(partner.fundingSharePercent);
  });
  return values;
}

/** Radio or checkbox items, with those the form holds checked. */
export const choices = <T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  chosen: string | string[] | undefined,
) => values.map((value) => ({ value, text: labels[value], checked: many(chosen).includes(value) }));
const NATION_LABELS = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
} as const;
const RULE_LABELS = {
  'coverage-then-score': 'Coverage then score: fill the most Tier 1 places, then the highest total score',
  'rank-order': 'Rank order: highest scores first, while the zone has room and the provider is under the cap',
} as const;

/** The vehicle form's page: its choices, with those the values hold checked. */
export const vehicleFormPage = (
  zones: { id: string; name: string }[],
  title: string,
  action: string,
  values: FormBody,
) => ({
  title,
  action,
  values,
  zones,
  zoneItems: zones.map((zone) => ({
    value: zone.id,
    text: zone.name,
    checked: many(values.zoneIds).includes(zone.id),
  })),
  kindItems: choices(VEHICLE_KINDS, VEHICLE_KIND_LABELS, values.kind),
  regimeItems: choices(REGIMES, REGIME_LABELS, values.regime),
  stageItems: choices(STAGES, STAGE_LABELS, values.stages),
  nationItems: NATIONS.map((nation) => ({
    value: nation,
    text: NATION_LABELS[nation],
    selected: values.nation === nation,
  })),
  ruleItems: choices(ALLOCATION_RULES, RULE_LABELS, values.allocationRule),
});
