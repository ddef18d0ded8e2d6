// Every kind of notice, drafted from one set of a vehicle's facts, is a valid OCDS 1.1 release
// with the extensions it declares (lots, techniques, UK), carries its notice type, and names
// nobody but the buyer, its funders and the successful supplier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ocdsPackageErrors } from '../../test/support/ocds-schema.ts';
import { noticeProblems, noticeRelease, noticeReleasePackage, type NoticeFacts } from './domain/notice-release.ts';
import { NOTICE_KINDS, type NoticeKind } from './domain/notice-rules.ts';

const heron = '6f1c2d4e-0000-4000-8000-000000000001';
const award = 'a0000000-0000-4000-8000-000000000001';

const facts: NoticeFacts = {
  ocidPrefix: 'ocds-b5fd17',
  vehicle: {
    id: 'b0000000-0000-4000-8000-000000000001',
    reference: 'SCC-SL-FW-2026',
    name: 'Supported Living Framework 2026',
    description: 'Supported living for adults with learning disabilities and autistic people',
    kind: 'framework',
    status: 'closed',
    valuePence: 2_890_000_000,
    clarificationDeadline: '2026-03-13',
    submissionDeadline: '2026-03-27',
    contractStartOn: '2026-07-01',
    contractEndOn: '2031-06-30',
    updatedAt: new Date('2026-07-01T09:00:00Z'),
  },
  lead: { id: 'o1', code: 'E10000028', name: 'Staffordshire County Council', type: 'council' },
  partners: [{ id: 'o2', code: 'QNC', name: 'NHS Staffordshire and Stoke-on-Trent ICB', type: 'nhs' }],
  lots: [{ id: 'lot-north', title: 'North: supported living, complex needs' }],
  lightTouch: true,
  awards: [{ id: award, noticeDate: '2026-06-01', standstillEnds: '2026-06-11', hasStandstill: true }],
  memberships: [
    {
      lotId: 'lot-north',
      providerId: heron,
      providerName: 'Heron Supported Living Ltd',
      companiesHouseNumber: '01234567',
      status: 'active',
      startOn: '2026-07-01',
      endOn: null,
      awardId: award,
    },
  ],
  closedOn: '2026-12-01',
  terminations: [{ id: 't1', providerId: heron, on: '2026-11-30' }],
  changes: [{ id: 'c1', providerId: heron, on: '2026-10-01', description: 'Tier change: to Tier 1' }],
  psrProcessLabel: 'Most suitable provider process',
  payments: [{ id: 'p1', providerId: heron, paidOn: '2026-08-04', pence: 4_000_000 }],
};

/** The subject each kind is drafted about, from the facts above. */
const SUBJECTS: Record<NoticeKind, string> = {
  UK4: 'vehicle',
  UK6: `award:${award}`,
  UK7: `contracts:${award}`,
  UK8: `payments:2026-07-01:${heron}`,
  UK9: 'performance:t1',
  UK10: 'change:c1',
  UK11: 'termination:t1',
  UK12: 'vehicle',
  UK14: 'vehicle',
  UK15: 'modification:e1',
  UK16: 'vehicle',
  'PCR-CN': 'vehicle',
  'PCR-CAN': `award:${award}`,
  'PSR-INT': `award:${award}`,
  'PSR-CAN': `contracts:${award}`,
};

for (const kind of NOTICE_KINDS) {
  test(`a ${kind} notice is valid OCDS with its notice type, naming only the buyer, funders and supplier`, () => {
    const subject = SUBJECTS[kind];
    assert.deepEqual(noticeProblems(kind, subject, facts), []);
    const header = {
      kind,
      subject,
      identifier: `SCC-SL-FW-2026/${kind}/1`,
      publishedAt: new Date('2026-12-01T10:00:00Z'),
      url: 'https://hearth.example.gov.uk/public/E10000028/vehicles/1',
    };
    const release = noticeRelease(header, facts) as unknown as { tag: string[]; parties: { name: string }[] };
    const errors = ocdsPackageErrors(
      noticeReleasePackage([release], {
        uri: 'https://hearth.example.gov.uk/p',
        publishedAt: new Date(),
        publisher: 'SCC',
      }),
    );
    assert.deepEqual(errors, [], kind);
    const text = JSON.stringify(release);
    assert.ok(text.includes(`"SCC-SL-FW-2026/${kind}/1"`), 'the notice is its own document');
    if (kind.startsWith('UK')) assert.ok(text.includes(`"noticeType":"${kind}"`), 'with its UK notice type');
    assert.equal(release.tag.length, 1);
    const names = release.parties.map((party) => party.name).sort();
    for (const name of names)
      assert.ok(
        [
          'Staffordshire County Council',
          'NHS Staffordshire and Stoke-on-Trent ICB',
          'Heron Supported Living Ltd',
        ].includes(name),
        name,
      );
  });
}
