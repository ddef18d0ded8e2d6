// The summary report added up in the database, against a case worked by hand: four placements
// active on the day (two commissioned with different providers, one by direct payment, one off
// framework by an individual service fund, one person out of county), beside one that ended the day
// before, one that starts the day after and one of another council, none of which may count.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { people, placements } from './schema.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

interface Case {
  council?: string;
  provider: string;
  route: string;
  weekly: number;
  inCounty?: boolean;
  offFramework?: boolean;
  startsOn?: string;
  endsOn?: string;
}

async function place(given: Case) {
  const organisationId = given.council ?? world.councilId;
  const personId = randomUUID();
  const now = new Date();
  await world.db.insert(people).values({
    organisationId,
    id: personId,
    name: `Person ${personId.slice(0, 8)}`,
    dateOfBirth: '1990-01-01',
    caseReference: personId,
    clientGroups: ['learning-disability'],
    inCounty: given.inCounty ?? true,
    paymentRoute: given.route,
    funding: [{ stream: 'care-act', percent: 100 }],
    status: 'active',
    createdAt: now,
    updatedAt: now,
  });
  await world.db.insert(placements).values({
    organisationId,
    id: randomUUID(),
    personId,
    providerId: given.provider,
    offFramework: given.offFramework ?? false,
    offFrameworkReason: given.offFramework ? 'No framework provider could meet the need' : null,
    startsOn: given.startsOn ?? '2026-01-05',
    endsOn: given.endsOn ?? null,
    endReason: given.endsOn ? 'moved' : null,
    oneToOneMinutesPerWeek: 600,
    coreShareMinutesPerWeek: 0,
    tenantsAtStart: 1,
    nightSupport: 'none',
    funding: [{ stream: 'care-act', percent: 100 }],
    paymentRoute: given.route,
    priceBasis: 'agreed',
    weeklyPricePence: given.weekly,
    priceLines: [],
    contributionPence: 0,
    createdAt: now,
  });
}

test('the summary matches the figures worked by hand', async () => {
  const [p, q] = [world.providerId, world.otherProviderId];
  // Annual cost of each, weekly × 365 ÷ 7 rounded to the penny:
  await place({ provider: p, route: 'commissioned', weekly: 100_000 }); // 5,214,285.71… → 5,214,286
  await place({ provider: q, route: 'commissioned', weekly: 70_000, inCounty: false }); // 3,650,000 exactly
  await place({ provider: p, route: 'direct-payment', weekly: 35_001 }); // 1,825,052.14… → 1,825,052
  await place({ provider: q, route: 'individual-service-fund', weekly: 95_000, offFramework: true }); // → 4,953,571
  await place({ provider: p, route: 'commissioned', weekly: 50_000, endsOn: '2026-11-30' });
  await place({ provider: p, route: 'commissioned', weekly: 50_000, startsOn: '2026-12-02' });
  await place({ council: world.otherCouncilId, provider: p, route: 'commissioned', weekly: 50_000 });

  const response = await api(world, 'finance_officer', 'GET', '/api/v1/reports/placements-summary?date=2026-12-01');
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), {
    date: '2026-12-01',
    placements: 4,
    providers: 2,
    inCounty: 3,
    outOfCounty: 1,
    annualGrossCostPence: 15_642_909,
    byPaymentRoute: {
      commissioned: { placements: 2, providers: 2, annualGrossCostPence: 8_864_286 },
      directPayment: { placements: 1, providers: 1, annualGrossCostPence: 1_825_052 },
      individualServiceFund: { placements: 1, providers: 1, annualGrossCostPence: 4_953_571 },
    },
    offFramework: { placements: 1, annualGrossCostPence: 4_953_571 },
  });
  // A day with nothing active answers noughts, not a missing row.
  const empty = (
    await api(world, 'finance_officer', 'GET', '/api/v1/reports/placements-summary?date=2025-01-01')
  ).json();
  assert.equal(empty.placements, 0);
  assert.deepEqual(empty.byPaymentRoute.directPayment, { placements: 0, providers: 0, annualGrossCostPence: 0 });
});
