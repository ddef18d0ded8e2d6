// A public notice as the Central Digital Platform (Find a Tender) publishes it: an OCDS 1.1 release
// with the UK extension, which names the notice in documents[].noticeType, marks a light-touch
// procurement in tender.specialRegime and carries the standstill in award.standstillPeriod. A
// notice says only what the law makes public: the tender, its lots and the successful suppliers.
// Never who else applied, their scores or prices, nor anything about the people placed.
import type { IsoDate } from '../../platform/domain/calendar.ts';
import type { FieldError } from '../../platform/domain/field-error.ts';
import { OCDS_EXTENSIONS, dateTime, ocdsTender, party, pounds, supplierParty, type OcdsFacts } from './ocds.ts';
import { PAYMENT_NOTICE_THRESHOLD_PENCE, quarterOf, type NoticeKind } from './notice-rules.ts';

export const UK_EXTENSION = 'https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json';
export const NOTICE_EXTENSIONS = [...OCDS_EXTENSIONS, UK_EXTENSION];

export interface NoticeFacts extends Pick<OcdsFacts, 'vehicle' | 'lead' | 'partners' | 'lots'> {
  ocidPrefix: string;
  lightTouch: boolean;
  awards: readonly { id: string; noticeDate: IsoDate; standstillEnds: IsoDate; hasStandstill: boolean }[];
  /** Successful suppliers' memberships, each with the award decision that made it. */
  memberships: readonly (OcdsFacts['memberships'][number] & { awardId: string | null })[];
  closedOn: IsoDate | null;
  /** Contract terminations and changes (contract actions), with the provider they concern. */
  terminations: readonly { id: string; providerId: string; on: IsoDate; description?: string }[];
  changes: readonly { id: string; providerId: string; on: IsoDate; description: string }[];
  /** Under the Provider Selection Regime, the process its decision record names. */
  psrProcessLabel?: string | null;
  /** Payments made under the vehicle's contracts: one per exported schedule and provider. */
  payments?: readonly { id: string; providerId: string; paidOn: IsoDate; pence: number }[];
}

/** The notice being drawn up: which, about what, its identifier and when it is (or would be) published. */
export interface NoticeHeader {
  kind: NoticeKind;
  subject: string;
  /** "WVCC-SL-FW-2025/UK6/1": the vehicle's reference, the kind and its number. */
  identifier: string;
  publishedAt: Date;
  /** Where the public reads it: the vehicle's public page. */
  url: string;
}

const DOCUMENT_TYPE: Record<NoticeKind, string> = {
  UK4: 'tenderNotice',
  UK14: 'tenderNotice',
  UK15: 'tenderNotice',
  UK16: 'tenderNotice',
  'PCR-CN': 'tenderNotice',
  UK12: 'tenderCancellationNotice',
  UK6: 'awardNotice',
  'PCR-CAN': 'awardNotice',
  UK7: 'contractNotice',
  UK8: 'contractNotice',
  UK9: 'contractNotice',
  UK10: 'contractNotice',
  UK11: 'contractTerminationNotice',
  'PSR-INT': 'awardNotice',
  'PSR-CAN': 'awardNotice',
};

const TAG: Record<NoticeKind, string> = {
  UK4: 'tender',
  UK14: 'tender',
  UK15: 'tenderUpdate',
  'PCR-CN': 'tender',
  UK16: 'tenderUpdate',
  UK12: 'tenderCancellation',
  UK6: 'award',
  'PCR-CAN': 'award',
  UK7: 'contract',
  UK8: 'implementation',
  UK9: 'implementation',
  UK10: 'contractAmendment',
  UK11: 'contractTermination',
  'PSR-INT': 'award',
  'PSR-CAN': 'contract',
};

const subjectId = (subject: string) => subject.slice(subject.indexOf(':') + 1);
const ocidOf = (facts: Pick<NoticeFacts, 'ocidPrefix' | 'vehicle'>) => `${facts.ocidPrefix}-${facts.vehicle.id}`;
const awardOf = (facts: NoticeFacts, subject: string) => facts.awards.find((award) => award.id === subjectId(subject));
const awardedBy = (facts: NoticeFacts, awardId: string) => facts.memberships.filter((m) => m.awardId === awardId);

/** Everything that stops the notice being published, each against the field it needs. */
export function noticeProblems(kind: NoticeKind, subject: string, facts: NoticeFacts): FieldError[] {
  const problems: FieldError[] = [];
  const need = (present: unknown, field: string, message: string) => {
    if (present === null || present === undefined || present === '') problems.push({ field, message });
  };
  const { vehicle } = facts;
  if (['UK4', 'PCR-CN', 'UK14', 'UK15'].includes(kind)) {
    need(vehicle.description, 'description', 'Describe what the vehicle buys: a notice says what is bought');
    need(vehicle.valuePence, 'valuePence', 'Enter the estimated value: a notice states it');
    if (facts.lots.length === 0) problems.push({ field: 'lots', message: 'Set the lots: a notice lists them' });
    // A DPS or dynamic market takes applications at any time: it has no submission deadline to state.
    if (vehicle.kind !== 'dps' && vehicle.kind !== 'dynamic-market')
      need(
        vehicle.submissionDeadline,
        'submissionDeadline',
        'Enter the submission deadline: a tender notice states it',
      );
  }
  if (['UK6', 'PCR-CAN', 'UK7', 'PSR-INT', 'PSR-CAN'].includes(kind)) {
    const award = awardOf(facts, subject);
    if (!award) problems.push({ field: 'award', message: 'There is no such award decision' });
    else if (awardedBy(facts, award.id).length === 0)
      problems.push({
        field: 'suppliers',
        message: 'The award decision admitted no provider, so there is nobody to name',
      });
    if ((kind === 'UK7' || kind === 'PSR-CAN') && award && !awardedBy(facts, award.id).some((m) => m.startOn))
      problems.push({ field: 'contractStartOn', message: 'No contract from this award has started yet' });
  }
  if ((kind === 'UK12' || kind === 'UK16') && !facts.closedOn)
    problems.push({ field: 'status', message: 'The vehicle has not been closed' });
  if (kind === 'UK8') {
    if (paymentsNoticed(facts, subject).length === 0)
      problems.push({ field: 'payments', message: 'No payment over £30,000 was made in that quarter' });
    if (!facts.memberships.some((m) => m.providerId === subject.split(':')[2]))
      problems.push({ field: 'suppliers', message: 'The provider paid holds no contract on this vehicle' });
  }
  if ((kind === 'UK11' || kind === 'UK9') && !facts.terminations.some((t) => t.id === subjectId(subject)))
    problems.push({ field: 'termination', message: 'There is no such contract termination' });
  if (kind === 'UK10' && !facts.changes.some((c) => c.id === subjectId(subject)))
    problems.push({ field: 'change', message: 'There is no such contract change' });
  return problems;
}

/** The notice as one OCDS release. */
export function noticeRelease(header: NoticeHeader, facts: NoticeFacts) {
  const ocid = ocidOf(facts);
  const buyer = party(facts.lead, ['buyer', 'procuringEntity']);
  const document = {
    id: header.identifier,
    documentType: DOCUMENT_TYPE[header.kind],
    noticeType: header.kind.startsWith('UK') ? header.kind : undefined,
    title: header.identifier,
    url: header.url,
    datePublished: header.publishedAt.toISOString(),
    format: 'text/html',
    language: 'en',
  };
  const specialRegime = facts.lightTouch ? { specialRegime: ['lightTouch'] } : {};
  const tender = { ...ocdsTender(facts, buyer), ...specialRegime };
  const named = namedSuppliers(header, facts);
  const release: Record<string, unknown> = {
    ocid,
    id: `${ocid}-${header.identifier.split('/').slice(-2).join('-')}`,
    date: header.publishedAt.toISOString(),
    tag: [TAG[header.kind]],
    initiationType: 'tender',
    language: 'en',
    parties: [
      buyer,
      ...facts.partners.map((partner) => party(partner, ['funder'])),
      ...named.map((membership) => supplierParty(membership)),
    ].filter((one, i, all) => all.findIndex((other) => other.id === one.id) === i),
    buyer: { id: buyer.id, name: buyer.name },
  };
  switch (header.kind) {
    case 'UK4':
    case 'UK14':
    case 'UK15':
    case 'PCR-CN':
      return { ...release, tender: { ...tender, documents: [document] } };
    case 'UK12':
      return { ...release, tender: { ...tender, status: 'cancelled', documents: [document] } };
    case 'UK16':
      return {
        ...release,
        tender: {
          ...tender,
          status: 'complete',
          techniques: { ...tender.techniques, dynamicPurchasingSystem: { status: 'terminated' } },
          documents: [document],
        },
      };
    case 'UK6':
    case 'PCR-CAN':
      return {
        ...release,
        tender: { id: tender.id, title: tender.title, ...specialRegime },
        awards: awards(header, facts, [document]),
      };
    case 'PSR-INT':
      return { ...release, tender: psrTender(tender, facts), awards: awards(header, facts, [document]) };
    case 'PSR-CAN':
      return {
        ...release,
        tender: psrTender(tender, facts),
        awards: awards(header, facts, []),
        contracts: contracts(named, facts, 'active', [document]),
      };
    case 'UK8': {
      const [contract] = contracts(named, facts, 'active', [document]);
      const supplier = named[0] ? supplierParty(named[0]) : undefined;
      return {
        ...release,
        contracts: [
          {
            ...contract,
            implementation: {
              transactions: paymentsNoticed(facts, header.subject).map((payment) => ({
                id: payment.id,
                date: dateTime(payment.paidOn),
                value: { amount: pounds(payment.pence), currency: 'GBP' },
                payer: { id: buyer.id, name: buyer.name },
                ...(supplier ? { payee: { id: supplier.id, name: supplier.name } } : {}),
              })),
            },
          },
        ],
      };
    }
    case 'UK7':
      return {
        ...release,
        awards: awards(header, facts, []),
        contracts: contracts(named, facts, 'active', [document]),
      };
    case 'UK9':
    case 'UK11':
    case 'UK10': {
      const event = [...facts.terminations, ...facts.changes].find((one) => one.id === subjectId(header.subject));
      const [contract] = contracts(named, facts, header.kind === 'UK10' ? 'active' : 'terminated', [document]);
      return {
        ...release,
        contracts: [
          header.kind !== 'UK10'
            ? { ...contract, period: { ...contract?.period, endDate: dateTime(event?.on ?? null, true) } }
            : {
                ...contract,
                amendments: [
                  {
                    id: header.identifier,
                    date: dateTime(event?.on ?? null),
                    description: (event as { description?: string } | undefined)?.description,
                  },
                ],
              },
        ],
      };
    }
  }
}

/** The payments over £30,000 a contract payments notice (`payments:<quarter start>:<provider>`) reports. */
function paymentsNoticed(facts: NoticeFacts, subject: string) {
  const [, quarterStart, providerId] = subject.split(':');
  const quarter = quarterOf(quarterStart ?? '');
  return (facts.payments ?? []).filter(
    (payment) =>
      payment.providerId === providerId &&
      payment.pence > PAYMENT_NOTICE_THRESHOLD_PENCE &&
      payment.paidOn >= quarter.start &&
      payment.paidOn <= quarter.end,
  );
}

/** The successful suppliers a notice names: an award's, or the one provider a contract action concerns. */
function namedSuppliers(header: NoticeHeader, facts: NoticeFacts) {
  if (['UK6', 'PCR-CAN', 'UK7', 'PSR-INT', 'PSR-CAN'].includes(header.kind))
    return awardedBy(facts, subjectId(header.subject));
  if (header.kind === 'UK8') return facts.memberships.filter((m) => m.providerId === header.subject.split(':')[2]);
  if (header.kind === 'UK9' || header.kind === 'UK10' || header.kind === 'UK11') {
    const event = [...facts.terminations, ...facts.changes].find((one) => one.id === subjectId(header.subject));
    return facts.memberships.filter((m) => m.providerId === event?.providerId);
  }
  return [];
}

/** The tender of a Provider Selection Regime notice: which process the decision makers followed. */
const psrTender = (tender: { id: string; title: string }, facts: NoticeFacts) => ({
  id: tender.id,
  title: tender.title,
  procurementMethodDetails: `NHS Provider Selection Regime 2023: ${facts.psrProcessLabel ?? 'process not recorded'}`,
});

function byProvider(memberships: readonly NoticeFacts['memberships'][number][]) {
  const providers = new Map<string, NoticeFacts['memberships'][number][]>();
  for (const membership of memberships)
    providers.set(membership.providerId, [...(providers.get(membership.providerId) ?? []), membership]);
  return [...providers.values()];
}

function awards(header: NoticeHeader, facts: NoticeFacts, documents: object[]) {
  const award = awardOf(facts, header.subject)!;
  return byProvider(awardedBy(facts, award.id)).map((held) => {
    const supplier = supplierParty(held[0]!);
    return {
      id: `${award.id}-${held[0]!.providerId}`,
      status: held.some((m) => m.status === 'active') ? 'active' : 'pending',
      date: dateTime(award.noticeDate),
      suppliers: [{ id: supplier.id, name: supplier.name }],
      relatedLots: held.map((m) => m.lotId),
      ...(award.hasStandstill
        ? { standstillPeriod: { startDate: dateTime(award.noticeDate), endDate: dateTime(award.standstillEnds, true) } }
        : {}),
      ...(documents.length > 0 ? { documents } : {}),
    };
  });
}

function contracts(
  named: readonly NoticeFacts['memberships'][number][],
  facts: NoticeFacts,
  status: 'active' | 'terminated',
  documents: object[],
) {
  return byProvider(named).map((held) => {
    const first = held.find((m) => m.startOn) ?? held[0]!;
    return {
      id: `${first.awardId ?? facts.vehicle.id}-contract-${first.providerId}`,
      awardID: `${first.awardId ?? facts.vehicle.id}-${first.providerId}`,
      status,
      period: {
        startDate: dateTime(first.startOn),
        ...(first.endOn ? { endDate: dateTime(first.endOn, true) } : {}),
      },
      documents,
    };
  });
}

/** Releases as one OCDS release package, published by the organisation. */
export function noticeReleasePackage(
  releases: readonly object[],
  meta: { uri: string; publishedAt: Date; publisher: string },
) {
  return {
    uri: meta.uri,
    version: '1.1',
    extensions: NOTICE_EXTENSIONS,
    publishedDate: meta.publishedAt.toISOString(),
    publisher: { name: meta.publisher },
    license: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    releases,
  };
}
