// Procurement vehicles and their lots (DOMAIN.md, "Procurement vehicles"): what kinds there are,
// which rules each runs under, how a vehicle moves through its life, and what makes one valid.
import type { FieldError } from '../../platform/domain/field-error.ts';
import type { IsoDate } from '../../platform/domain/calendar.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

export const VEHICLE_KIND_LABELS = {
  dps: 'Dynamic purchasing system (PCR 2015)',
  'dynamic-market': 'Dynamic market (Procurement Act 2023)',
  framework: 'Framework',
  'open-framework': 'Open framework (Procurement Act 2023)',
  'block-contract': 'Block contract',
} as const;
export const VEHICLE_KINDS = valuesOf(VEHICLE_KIND_LABELS);
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const REGIME_LABELS = {
  pcr2015: 'Public Contracts Regulations 2015',
  pa2023: 'Procurement Act 2023',
  psr: 'NHS Provider Selection Regime',
} as const;
export const REGIMES = valuesOf(REGIME_LABELS);
export type Regime = (typeof REGIMES)[number];

/** The regimes each kind of vehicle can run under. */
const KIND_REGIMES: Record<VehicleKind, readonly Regime[]> = {
  dps: ['pcr2015'],
  'dynamic-market': ['pa2023'],
  framework: ['pcr2015', 'pa2023', 'psr'],
  'open-framework': ['pa2023'],
  'block-contract': ['pcr2015', 'pa2023', 'psr'],
};

/** The Procurement Act 2023 came into force on 24 February 2025; procurements begun after it follow it. */
export const PROCUREMENT_ACT_COMMENCEMENT: IsoDate = '2025-02-24';

/** Kinds a provider may join at any time, each application decided on its own. */
export const isAlwaysOpen = (kind: VehicleKind) => kind === 'dps' || kind === 'dynamic-market';
/** Kinds reopened in rounds to add providers where demand is unmet. */
export const reopensInRounds = (kind: VehicleKind) => kind === 'framework' || kind === 'open-framework';

export const NEED_BANDS = ['highly-complex', 'complex', 'less-complex'] as const;
export type NeedBand = (typeof NEED_BANDS)[number];
export const NEED_BAND_LABELS: Record<NeedBand, string> = {
  'highly-complex': 'Highly complex',
  complex: 'Complex',
  'less-complex': 'Less complex',
};

export const LOT_SERVICE_TYPE_LABELS = {
  'supported-living': 'Supported living',
  'live-in-care': 'Live-in care',
  'day-opportunities': 'Day opportunities',
  respite: 'Respite',
  'complex-clinical-care': 'Complex clinical care',
  'specialist-interventions': 'Specialist interventions',
} as const;
export const LOT_SERVICE_TYPES = valuesOf(LOT_SERVICE_TYPE_LABELS);
export type LotServiceType = (typeof LOT_SERVICE_TYPES)[number];

/** Evaluation stages in the order they run; a vehicle's pipeline is a selection of them. */
export const STAGE_LABELS = {
  selection: 'Selection (pass or fail)',
  quality: 'Quality questions',
  negotiation: 'Negotiation',
  resubmission: 'Resubmission',
  financial: 'Financial check',
  award: 'Award',
} as const;
export const STAGES = valuesOf(STAGE_LABELS);
export type Stage = (typeof STAGES)[number];
export const DEFAULT_PIPELINE: readonly Stage[] = ['selection', 'quality', 'financial', 'award'];

export const VEHICLE_STATUS_LABELS = {
  draft: 'Draft',
  open: 'Open for applications',
  evaluation: 'In evaluation',
  standstill: 'Award decided, in standstill',
  live: 'Live: contracts running',
  closed: 'Closed',
} as const;
export const VEHICLE_STATUSES = valuesOf(VEHICLE_STATUS_LABELS);
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

/**
 * Where a vehicle may go next. A dynamic purchasing system or dynamic market stays open while
 * live (applications keep coming and are decided one by one); a framework closes to applications
 * while it is evaluated and may be reopened in a new round once live.
 */
export function nextStatuses(kind: VehicleKind, status: VehicleStatus): VehicleStatus[] {
  switch (status) {
    case 'draft':
      return ['open'];
    case 'open':
      return isAlwaysOpen(kind) ? ['live', 'closed'] : ['evaluation', 'closed'];
    case 'evaluation':
      return ['standstill', 'open', 'closed'];
    case 'standstill':
      return ['live', 'evaluation'];
    case 'live':
      return reopensInRounds(kind) ? ['open', 'closed'] : ['closed'];
    case 'closed':
      return [];
  }
}

/** Whether providers can apply now. */
export const acceptsApplications = (kind: VehicleKind, status: VehicleStatus) =>
  status === 'open' || (isAlwaysOpen(kind) && status === 'live');

export interface VehicleRules {
  kind: VehicleKind;
  regime: Regime;
  advertOn: IsoDate | null;
  clarificationDeadline: IsoDate | null;
  submissionDeadline: IsoDate | null;
  awardOn: IsoDate | null;
  contractStartOn: IsoDate | null;
  contractEndOn: IsoDate | null;
  stages: readonly Stage[];
  pricesFixed: boolean;
  qualityWeightPercent: number;
  tiered: boolean;
  /** Basis points (1/100 of a percent) of funding each partner pays; the lead pays the rest. */
  partnerShares: readonly number[];
}

/** Everything wrong with a vehicle's settings taken together, each against its field. */
export function vehicleProblems(rules: VehicleRules): FieldError[] {
  const problems: FieldError[] = [];
  if (!KIND_REGIMES[rules.kind].includes(rules.regime)) {
    problems.push({
      field: 'regime',
      message: `A ${VEHICLE_KIND_LABELS[rules.kind].toLowerCase()} runs under ${KIND_REGIMES[rules.kind].map((regime) => REGIME_LABELS[regime]).join(' or ')}`,
    });
  }
  if (rules.regime === 'pcr2015' && rules.advertOn && rules.advertOn >= PROCUREMENT_ACT_COMMENCEMENT) {
    problems.push({
      field: 'regime',
      message:
        'Procurements advertised from 24 February 2025 follow the Procurement Act 2023; only vehicles advertised before then run on under PCR 2015',
    });
  }
  const order: [keyof VehicleRules, string][] = [
    ['advertOn', 'the advert'],
    ['clarificationDeadline', 'the clarification deadline'],
    ['submissionDeadline', 'the submission deadline'],
    ['awardOn', 'the award decision'],
    ['contractStartOn', 'the contract start'],
  ];
  for (let i = 1; i < order.length; i += 1) {
    const [field, label] = order[i]!;
    const value = rules[field] as IsoDate | null;
    const earlier = order
      .slice(0, i)
      .reverse()
      .find(([key]) => rules[key]);
    if (value && earlier && value < (rules[earlier[0]] as IsoDate))
      problems.push({ field, message: `${label[0]!.toUpperCase()}${label.slice(1)} must not be before ${earlier[1]}` });
  }
  if (rules.contractStartOn && rules.contractEndOn && rules.contractEndOn <= rules.contractStartOn) {
    problems.push({ field: 'contractEndOn', message: 'The contract end must be after its start' });
  }
  problems.push(...pipelineProblems(rules.stages));
  if (rules.pricesFixed && rules.qualityWeightPercent !== 100) {
    problems.push({
      field: 'qualityWeightPercent',
      message: 'Where the council fixes the rates, evaluation is 100% quality',
    });
  }
  if (rules.qualityWeightPercent < 0 || rules.qualityWeightPercent > 100)
    problems.push({ field: 'qualityWeightPercent', message: 'The quality weighting is a percentage from 0 to 100' });
  const shares = rules.partnerShares.reduce((total, share) => total + share, 0);
  if (shares >= 10_000)
    problems.push({
      field: 'partners',
      message: "Partners' funding shares must leave a share for the lead organisation (together under 100%)",
    });
  return problems;
}

export interface TierSettings {
  tiered: boolean;
  maxTier1ZonesPerProvider: number | null;
  qualityThreshold: number | null;
  allocationRule: string | null;
  /** Tier 1 places of each of the vehicle's zones. */
  zonePlaces: readonly (number | null)[];
}

/** A tiered vehicle needs its rules as data: places per zone, the cap, the threshold and the rule. */
export function tierSettingsProblems(settings: TierSettings): FieldError[] {
  if (!settings.tiered) return [];
  const problems: FieldError[] = [];
  if (settings.maxTier1ZonesPerProvider === null)
    problems.push({ field: 'maxTier1ZonesPerProvider', message: 'Enter the most zones a Tier 1 provider may hold' });
  if (settings.qualityThreshold === null)
    problems.push({ field: 'qualityThreshold', message: 'Enter the quality threshold a provider must reach' });
  if (settings.allocationRule === null)
    problems.push({ field: 'allocationRule', message: 'Choose how Tier 1 places are allocated' });
  if (settings.zonePlaces.length === 0)
    problems.push({ field: 'zones', message: 'Choose the zones Tier 1 places are offered in' });
  settings.zonePlaces.forEach((places, i) => {
    if (places === null)
      problems.push({ field: `zones.${i}.tier1Places`, message: 'Enter the Tier 1 places in each zone' });
  });
  return problems;
}

/** A stage pipeline runs in the standard order, starts with selection and ends with award. */
export function pipelineProblems(stages: readonly Stage[]): FieldError[] {
  const problems: FieldError[] = [];
  if (stages[0] !== 'selection')
    problems.push({ field: 'stages', message: 'Evaluation starts with selection (pass or fail)' });
  if (stages[stages.length - 1] !== 'award') problems.push({ field: 'stages', message: 'Evaluation ends with award' });
  if (new Set(stages).size !== stages.length) problems.push({ field: 'stages', message: 'Each stage appears once' });
  if (stages.some((stage, i) => i > 0 && STAGES.indexOf(stage) < STAGES.indexOf(stages[i - 1]!))) {
    problems.push({ field: 'stages', message: `Stages run in this order: ${STAGES.join(', ')}` });
  }
  if (stages.includes('negotiation') !== stages.includes('resubmission')) {
    problems.push({
      field: 'stages',
      message: 'Negotiation and resubmission go together: after negotiating, tenderers resubmit',
    });
  }
  return problems;
}

export interface LotSpec {
  zoneId: string;
  needBand: NeedBand;
  serviceType: LotServiceType;
}

/** Every combination of the chosen zones, need bands and service types: one lot each. */
export function lotGrid(
  zoneIds: readonly string[],
  bands: readonly NeedBand[],
  serviceTypes: readonly LotServiceType[],
): LotSpec[] {
  return zoneIds.flatMap((zoneId) =>
    serviceTypes.flatMap((serviceType) => bands.map((needBand) => ({ zoneId, needBand, serviceType }))),
  );
}

export function lotTitle(zoneName: string, lot: Omit<LotSpec, 'zoneId'>): string {
  return `${zoneName}: ${LOT_SERVICE_TYPE_LABELS[lot.serviceType].toLowerCase()}, ${NEED_BAND_LABELS[lot.needBand].toLowerCase()} needs`;
}

/** Whether a question is put to a tenderer: questions for the whole vehicle, and those of the lots it applies for. */
export const questionApplies = (question: { lotId: string | null }, lotIds: readonly string[]) =>
  question.lotId === null || lotIds.includes(question.lotId);

/**
 * Before a vehicle is advertised, the quality questions a tenderer for any one lot answers (those
 * for the whole vehicle and that lot's own) have weightings that add up to 100%.
 */
export function questionWeightProblems(
  questions: readonly { kind: string; weightPercent: number | null; lotId: string | null }[],
  lots: readonly { id: string; title: string }[],
): FieldError[] {
  const quality = questions.filter((question) => question.kind === 'quality');
  if (quality.length === 0) return [];
  const weightFor = (lotIds: readonly string[]) =>
    quality
      .filter((question) => questionApplies(question, lotIds))
      .reduce((total, question) => total + (question.weightPercent ?? 0), 0);
  const perLot = quality.some((question) => question.lotId !== null);
  if (!perLot) {
    const weights = weightFor([]);
    return weights === 100
      ? []
      : [
          {
            field: 'status',
            message: `The quality questions' weightings add up to ${weights}%; they must add up to 100%`,
          },
        ];
  }
  return lots.flatMap((lot) => {
    const weights = weightFor([lot.id]);
    return weights === 100
      ? []
      : [
          {
            field: 'status',
            message: `For ${lot.title}, the quality questions' weightings add up to ${weights}%; they must add up to 100%`,
          },
        ];
  });
}
