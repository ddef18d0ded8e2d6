// A vehicle as Open Contracting Data Standard 1.1 open data: one release in a release package,
// with the lots and techniques extensions. Only what is published anyway goes out: the tender,
// its lots, the buyers, and the successful suppliers with their awards and contracts. Never
// scores, prices, answers, or who applied and lost.
import type { IsoDate } from '../../platform/domain/calendar.ts';

export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json',
];

export interface OcdsOrganisation {
  id: string;
  code: string;
  name: string;
  type: string;
}

export interface OcdsFacts {
  ocidPrefix: string;
  /** Where this package is published (its own URL). */
  uri: string;
  publishedAt: Date;
  vehicle: {
    id: string;
    reference: string;
    name: string;
    description: string | null;
    kind: string;
    status: string;
    valuePence: number | null;
    clarificationDeadline: IsoDate | null;
    submissionDeadline: IsoDate | null;
    contractStartOn: IsoDate | null;
    contractEndOn: IsoDate | null;
    updatedAt: Date;
  };
  lead: OcdsOrganisation;
  partners: OcdsOrganisation[];
  lots: { id: string; title: string }[];
  award: { decidedAt: Date; standstillEnds: IsoDate } | null;
  /** Successful suppliers' memberships only. */
  memberships: {
    lotId: string;
    providerId: string;
    providerName: string;
    companiesHouseNumber: string | null;
    status: string;
    startOn: IsoDate | null;
    endOn: IsoDate | null;
  }[];
}

export const dateTime = (date: IsoDate | null, endOfDay = false) =>
  date ? `${date}T${endOfDay ? '23:59:59' : '00:00:00'}Z` : undefined;
export const pounds = (pence: number) => pence / 100;

/** Organisation identifiers from org-id.guide: NHS bodies by ODS code, companies by Companies House number. */
export function party(organisation: OcdsOrganisation, roles: string[]) {
  const identifier =
    organisation.type === 'nhs' ? { scheme: 'GB-NHS', id: organisation.code, legalName: organisation.name } : undefined;
  return {
    id: identifier ? `GB-NHS-${organisation.code}` : `hearth-${organisation.id}`,
    name: organisation.name,
    ...(identifier ? { identifier } : {}),
    roles,
  };
}

/** A successful supplier, identified by its Companies House number where it has one (org-id.guide GB-COH). */
export function supplierParty(supplier: {
  providerId: string;
  providerName: string;
  companiesHouseNumber: string | null;
}) {
  return {
    id: supplier.companiesHouseNumber
      ? `GB-COH-${supplier.companiesHouseNumber}`
      : `hearth-provider-${supplier.providerId}`,
    name: supplier.providerName,
    ...(supplier.companiesHouseNumber ? { identifier: { scheme: 'GB-COH', id: supplier.companiesHouseNumber } } : {}),
    roles: ['supplier'],
  };
}

export const TENDER_STATUS: Record<string, string> = {
  draft: 'planning',
  open: 'active',
  evaluation: 'active',
  standstill: 'complete',
  live: 'complete',
  closed: 'complete',
};

/** The tender as published: what is bought, how, when, its lots and the techniques used. */
export function ocdsTender(facts: Pick<OcdsFacts, 'vehicle' | 'lots'>, buyer: { id: string; name: string }) {
  const { vehicle } = facts;
  const isDps = vehicle.kind === 'dps' || vehicle.kind === 'dynamic-market';
  // A live DPS or dynamic market is still taking applications: its tender stays active.
  const status = isDps && vehicle.status === 'live' ? 'active' : (TENDER_STATUS[vehicle.status] ?? 'active');
  return {
    id: vehicle.reference,
    title: vehicle.name,
    ...(vehicle.description ? { description: vehicle.description } : {}),
    status,
    procuringEntity: { id: buyer.id, name: buyer.name },
    mainProcurementCategory: 'services',
    procurementMethod: isDps ? 'selective' : 'open',
    ...(vehicle.valuePence !== null ? { value: { amount: pounds(vehicle.valuePence), currency: 'GBP' } } : {}),
    ...(vehicle.clarificationDeadline
      ? { enquiryPeriod: { endDate: dateTime(vehicle.clarificationDeadline, true) } }
      : {}),
    ...(vehicle.submissionDeadline ? { tenderPeriod: { endDate: dateTime(vehicle.submissionDeadline, true) } } : {}),
    ...(vehicle.contractStartOn || vehicle.contractEndOn
      ? {
          contractPeriod: {
            startDate: dateTime(vehicle.contractStartOn),
            endDate: dateTime(vehicle.contractEndOn, true),
          },
        }
      : {}),
    techniques: {
      hasFrameworkAgreement: vehicle.kind === 'framework' || vehicle.kind === 'open-framework',
      hasDynamicPurchasingSystem: isDps,
      ...(isDps ? { dynamicPurchasingSystem: { status: vehicle.status === 'closed' ? 'terminated' : 'active' } } : {}),
    },
    lots: facts.lots.map((lot) => ({
      id: lot.id,
      title: lot.title,
      status,
    })),
  };
}

export function ocdsReleasePackage(facts: OcdsFacts) {
  const { vehicle } = facts;
  const ocid = `${facts.ocidPrefix}-${vehicle.id}`;
  const buyer = party(facts.lead, ['buyer', 'procuringEntity']);
  const suppliers = new Map<string, ReturnType<typeof supplierParty>>();
  for (const membership of facts.memberships) suppliers.set(membership.providerId, supplierParty(membership));
  const byProvider = [...suppliers.keys()].map((providerId) => ({
    providerId,
    memberships: facts.memberships.filter((m) => m.providerId === providerId),
  }));
  const tags = [
    'tender',
    ...(facts.award ? ['award'] : []),
    ...(facts.memberships.some((m) => m.status === 'active') ? ['contract'] : []),
  ];
  const release = {
    ocid,
    id: `${ocid}-${vehicle.updatedAt.toISOString()}`,
    date: vehicle.updatedAt.toISOString(),
    tag: tags,
    initiationType: 'tender',
    language: 'en',
    parties: [buyer, ...facts.partners.map((partner) => party(partner, ['funder'])), ...suppliers.values()],
    buyer: { id: buyer.id, name: buyer.name },
    tender: ocdsTender(facts, buyer),
    awards: facts.award
      ? byProvider.map(({ providerId, memberships }) => ({
          id: `${vehicle.id}-award-${providerId}`,
          status: memberships.some((m) => m.status === 'active') ? 'active' : 'pending',
          date: facts.award!.decidedAt.toISOString(),
          suppliers: [{ id: suppliers.get(providerId)!.id, name: suppliers.get(providerId)!.name }],
          relatedLots: memberships.map((m) => m.lotId),
        }))
      : [],
    contracts: byProvider
      .filter(({ memberships }) => memberships.some((m) => m.status === 'active'))
      .map(({ providerId, memberships }) => {
        const active = memberships.find((m) => m.status === 'active')!;
        return {
          id: `${vehicle.id}-contract-${providerId}`,
          awardID: `${vehicle.id}-award-${providerId}`,
          status: 'active',
          period: {
            startDate: dateTime(active.startOn),
            ...(active.endOn ? { endDate: dateTime(active.endOn, true) } : {}),
          },
        };
      }),
  };
  return {
    uri: facts.uri,
    version: '1.1',
    extensions: OCDS_EXTENSIONS,
    publishedDate: facts.publishedAt.toISOString(),
    publisher: { name: facts.lead.name },
    releases: [release],
  };
}
