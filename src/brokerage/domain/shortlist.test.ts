import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortlist, type ShortlistPerson, type ShortlistVacancy } from './shortlist.ts';

const names = new Map([
  ['N', 'North'],
  ['S', 'South'],
]);
const person: ShortlistPerson = {
  personId: 'p1',
  name: 'Amy',
  band: 'complex',
  requiredFeatures: ['wheelchair-access'],
  zoneIds: ['N'],
  startBy: '2026-12-31',
  traits: ['loud-at-night'],
  avoids: ['smokes'],
  mustNotLiveWith: ['p9'],
};
const vacancy = (unitId: string, extra: Partial<ShortlistVacancy> = {}): ShortlistVacancy => ({
  unitId,
  zoneId: 'N',
  accommodationBand: 'complex',
  features: ['wheelchair-access', 'ground-floor'],
  providerName: 'Alder Care',
  tenants: [],
  ...extra,
});

test('every vacancy that suits is listed; each left out says every reason why', () => {
  const result = shortlist(
    person,
    [
      vacancy('fits'),
      vacancy('band', { accommodationBand: 'highly-complex' }),
      vacancy('access', { features: ['garden'] }),
      vacancy('zone', { zoneId: 'S' }),
      vacancy('tenants', {
        tenants: [
          { personId: 'p9', name: 'Ben', traits: [], avoids: [], mustNotLiveWith: [] },
          { personId: 'p3', name: 'Cal', traits: ['smokes'], avoids: ['loud-at-night'], mustNotLiveWith: [] },
        ],
      }),
      vacancy('embargo', { providerBlocked: 'under embargo on new placements' }),
      vacancy('pipeline', { readyOn: '2027-02-01' }),
      vacancy('several', { zoneId: 'S', accommodationBand: 'less-complex' }),
    ],
    names,
  );
  assert.deepEqual(
    result.suitable.map((v) => v.unitId),
    ['fits'],
  );
  assert.deepEqual(Object.fromEntries(result.excluded.map((e) => [e.vacancy.unitId, e.reasons])), {
    band: ['Band: highly complex accommodation, needs complex'],
    access: ['Access: no wheelchair access'],
    zone: ['Zone: in South, not a zone the referral accepts'],
    tenants: [
      'Incompatible tenant: must not live with Ben',
      'Incompatible tenant: cannot share with someone who is "smokes" (Cal)',
    ],
    embargo: ['Provider Alder Care: under embargo on new placements'],
    pipeline: ['Not ready: expected 1 February 2027, after the start-by date 31 December 2026'],
    several: ['Band: less complex accommodation, needs complex', 'Zone: in South, not a zone the referral accepts'],
  });
});
