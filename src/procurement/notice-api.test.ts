// A vehicle's public notices through the API: which its events require, publishing each after its
// event, refusals (no event yet, a second publication, bad input, the wrong role or organisation),
// and each release valid against OCDS with the UK extension, naming no unsuccessful tenderer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listAuditEvents } from '../platform/audit/service.ts';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { api, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { openVehicle, submittedApplication, throughEvaluation } from '../../test/support/procurement.ts';
import { ocdsPackageErrors } from '../../test/support/ocds-schema.ts';
import { noticeReleasePackage } from './domain/notice-release.ts';
import { eq } from 'drizzle-orm';
import { paymentSchedules } from '../pricing/payment-schema.ts';
import { placeForPayment } from '../../test/support/payments.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

const today = () => isoDateInLondon(new Date());

interface NoticeLine {
  kind: string;
  subject: string;
  dueBy: string;
  published: { identifier: string } | null;
}

const noticesOf = async (vehicleId: string, seat: Seat = 'commissioner') =>
  (await api(world, seat, 'GET', `/api/v1/vehicles/${vehicleId}/notices`)).json() as {
    notices: NoticeLine[];
    rules: string[];
    canPublish: boolean;
  };

const publish = (vehicleId: string, notice: { kind: string; subject: string }, seat: Seat = 'commissioner') =>
  api(world, seat, 'POST', `/api/v1/vehicles/${vehicleId}/notices`, notice);

/** The release is valid OCDS with the extensions it declares. */
function assertValid(release: object) {
  const errors = ocdsPackageErrors(
    noticeReleasePackage([release], { uri: 'https://example.test/p', publishedAt: new Date(), publisher: 'Test' }),
  );
  assert.deepEqual(errors, []);
}

/** A described, valued framework with Heron tendering (and passing) and Kestrel tendering (and failing). */
async function frameworkInEvaluation(overrides: Record<string, unknown> = {}) {
  const vehicle = await openVehicle(world, {
    description: 'Supported living for adults with learning disabilities and autistic people',
    valuePence: 2_890_000_000,
    ...overrides,
  });
  const north = vehicle.lots[0]!.id;
  const heron = await submittedApplication(world, 'provider_user', vehicle, [north]);
  const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [north]);
  await throughEvaluation(world, vehicle.id, heron, [4, 4]);
  const failed = await api(world, 'commissioner', 'POST', `/api/v1/applications/${kestrel}/stages`, {
    stage: 'selection',
    outcome: 'fail',
    reason: 'No CQC registration for personal care',
  });
  assert.equal(failed.statusCode, 200, failed.body);
  const evaluation = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, {
    status: 'evaluation',
  });
  assert.equal(evaluation.statusCode, 200, evaluation.body);
  return vehicle;
}

test('a light-touch framework under the Act: tender, award and contract details notices, each after its event', async () => {
  const vehicle = await frameworkInEvaluation({ reference: 'NOTICES-1' });
  const opened = await noticesOf(vehicle.id);
  assert.deepEqual(
    opened.notices.map((notice) => [notice.kind, notice.subject]),
    [['UK4', 'vehicle']],
    'once advertised, only the tender notice is required',
  );
  assert.ok(opened.rules.some((rule) => /voluntary one is kept/.test(rule)));

  // The award notice before the award is refused: its event has not happened.
  const early = await publish(vehicle.id, { kind: 'UK6', subject: 'award:00000000-0000-4000-8000-000000000000' });
  assert.equal(early.statusCode, 422, early.body);
  assert.equal(early.json().errors[0].field, 'kind');
  assert.match(early.json().errors[0].message, /Nothing that has happened .* requires a UK6 contract award notice/);

  const tender = await publish(vehicle.id, { kind: 'UK4', subject: 'vehicle' });
  assert.equal(tender.statusCode, 201, tender.body);
  assert.equal(tender.json().identifier, 'NOTICES-1/UK4/1');
  const tenderRelease = tender.json().release;
  assertValid(tenderRelease);
  assert.deepEqual(tenderRelease.tender.specialRegime, ['lightTouch']);
  assert.equal(tenderRelease.tender.documents[0].noticeType, 'UK4');

  const again = await publish(vehicle.id, { kind: 'UK4', subject: 'vehicle' });
  assert.equal(again.statusCode, 409, again.body);
  assert.match(again.json().detail, /already published as NOTICES-1\/UK4\/1/);

  const awarded = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, {
    noticeDate: today(),
  });
  assert.equal(awarded.statusCode, 201, awarded.body);
  const award = (await noticesOf(vehicle.id)).notices.find((notice) => notice.kind === 'UK6')!;
  assert.ok(award, 'the award requires a contract award notice');
  const published = await publish(vehicle.id, award);
  assert.equal(published.statusCode, 201, published.body);
  const awardRelease = published.json().release;
  assertValid(awardRelease);
  assert.equal(awardRelease.awards.length, 1, 'one award: Heron, the only successful tenderer');
  assert.match(awardRelease.awards[0].suppliers[0].name, /Heron/);
  assert.ok(awardRelease.awards[0].standstillPeriod, 'the voluntary standstill is published');
  const text = JSON.stringify(awardRelease);
  assert.doesNotMatch(text, /Kestrel/, 'an unsuccessful tenderer is never named');
  assert.doesNotMatch(text, /score|rationale|weeklyRate/i, 'nor are scores or prices');

  const started = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/contracts`, {
    startOn: awarded.json().decision.earliestContractDate,
  });
  assert.equal(started.statusCode, 200, started.body);
  const details = (await noticesOf(vehicle.id)).notices.find((notice) => notice.kind === 'UK7')!;
  assert.equal(
    details.dueBy,
    addDays(awarded.json().decision.earliestContractDate, 120),
    'light-touch: 120 days after the contract starts',
  );
  const detailsNotice = await publish(vehicle.id, details);
  assert.equal(detailsNotice.statusCode, 201, detailsNotice.body);
  assertValid(detailsNotice.json().release);
  assert.equal(detailsNotice.json().release.contracts[0].status, 'active');

  const history = await listAuditEvents(world.db, { recordType: 'vehicle', recordId: vehicle.id }, 1);
  assert.deepEqual(
    history.items
      .filter((event) => event.action === 'notice.published')
      .map((event) => (event.after as { notice?: string } | null)?.notice),
    ['NOTICES-1/UK7/1', 'NOTICES-1/UK6/1', 'NOTICES-1/UK4/1'],
  );
  const listed = (await noticesOf(vehicle.id, 'auditor')).notices;
  assert.ok(
    listed.every((notice) => notice.published),
    'every notice due is published',
  );
  const one = await api(world, 'auditor', 'GET', `/api/v1/vehicles/${vehicle.id}/notices/${published.json().id}`);
  assert.equal(one.statusCode, 200, one.body);
  assert.equal(one.json().identifier, 'NOTICES-1/UK6/1');
});

test('a light-touch vehicle keeping no voluntary standstill: contracts may start on the award notice day', async () => {
  const vehicle = await frameworkInEvaluation({ reference: 'NOTICES-2', voluntaryStandstill: false });
  const awarded = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, {
    noticeDate: today(),
  });
  assert.equal(awarded.statusCode, 201, awarded.body);
  assert.equal(awarded.json().decision.earliestContractDate, today());
  assert.match(awarded.json().decision.explanation, /No standstill applies/);
  const award = (await noticesOf(vehicle.id)).notices.find((notice) => notice.kind === 'UK6')!;
  const published = await publish(vehicle.id, award);
  assert.equal(published.statusCode, 201, published.body);
  assert.equal(published.json().release.awards[0].standstillPeriod, undefined);
  assertValid(published.json().release);
});

test('payments over £30,000 under a contract: a contract payments notice once their quarter has ended', async () => {
  const vehicle = await frameworkInEvaluation({ reference: 'NOTICES-PAY', voluntaryStandstill: false });
  const awarded = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, {
    noticeDate: today(),
  });
  assert.equal(awarded.statusCode, 201, awarded.body);
  const started = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/contracts`, {
    startOn: today(),
  });
  assert.equal(started.statusCode, 200, started.body);
  // Five people placed with Heron through the framework at £2,000 a week: £40,000 a four-weekly period.
  await placeForPayment(
    world.db,
    [1, 2, 3, 4, 5].map((n) => ({
      organisationId: world.councilId,
      providerId: world.providerId,
      vehicleId: vehicle.id,
      caseReference: `PAY-${n}`,
      startsOn: '2026-03-01',
      prices: [{ from: '2026-03-01', pence: 200_000 }],
    })),
  );
  const settings = await api(world, 'finance_officer', 'PUT', '/api/v1/pricing/payment-settings', {
    periodKind: 'four-weekly',
    costCentres: { commissioned: 'ASC-SL-01', 'direct-payment': 'ASC-DP-01', 'individual-service-fund': 'ASC-ISF-01' },
    nhsPartnerId: world.nhsPartnerId,
  });
  assert.equal(settings.statusCode, 200, settings.body);
  const schedule = await api(world, 'finance_officer', 'POST', '/api/v1/pricing/payment-schedules', {
    year: 2026,
    period: 1,
  });
  assert.equal(schedule.statusCode, 201, schedule.body);
  // The supplier reference is set for a provider on a schedule.
  await api(world, 'commissioner', 'PUT', '/api/v1/pricing/supplier-references', {
    providerId: world.providerId,
    reference: 'SUP-HERON',
  });
  const exported = await api(
    world,
    'finance_officer',
    'POST',
    `/api/v1/pricing/payment-schedules/${schedule.json().id}/export`,
  );
  assert.equal(exported.statusCode, 200, exported.body);
  const due = async () =>
    (await noticesOf(vehicle.id)).notices.filter((notice) => notice.kind === 'UK8') as NoticeLine[];
  assert.deepEqual(await due(), [], 'paid this quarter, which has not ended');

  // Paid in May instead (the schedule exported then): its quarter ended on 30 June.
  await world.db
    .update(paymentSchedules)
    .set({ exportedAt: new Date('2026-05-05T10:00:00Z') })
    .where(eq(paymentSchedules.id, schedule.json().id));
  const [payments] = await due();
  assert.ok(payments, 'a contract payments notice is due');
  assert.equal(payments.subject, `payments:2026-04-01:${world.providerId}`);
  assert.equal(payments.dueBy, '2026-07-30');
  const published = await publish(vehicle.id, payments);
  assert.equal(published.statusCode, 201, published.body);
  assertValid(published.json().release);
  const [transaction] = published.json().release.contracts[0].implementation.transactions;
  assert.deepEqual(transaction.value, { amount: 40_000, currency: 'GBP' });
  assert.match(transaction.payee.name, /Heron/);
  assert.doesNotMatch(JSON.stringify(published.json().release), /PAY-\d|Person /, 'no person placed is named');
});

test('a contract terminated after a default notice: contract termination and contract performance notices', async () => {
  const vehicle = await frameworkInEvaluation({ reference: 'NOTICES-END', voluntaryStandstill: false });
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, { noticeDate: today() });
  const started = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/contracts`, {
    startOn: today(),
  });
  assert.equal(started.statusCode, 200, started.body);
  const heron = (started.json().memberships as { id: string; providerId: string }[]).find(
    (membership) => membership.providerId === world.providerId,
  )!;
  const action = (body: Record<string, unknown>) =>
    api(world, 'commissioner', 'POST', '/api/v1/quality/contract-actions', {
      providerId: world.providerId,
      membershipId: heron.id,
      reason: 'Missed visits',
      startsOn: today(),
      ...body,
    });
  const notice = await action({
    kind: 'default-notice',
    default: 'Three missed visits in October',
    remedy: 'A staffing plan covering every visit',
    dueOn: addDays(today(), 14),
  });
  assert.equal(notice.statusCode, 201, notice.body);
  assert.deepEqual(
    (await noticesOf(vehicle.id)).notices.filter((line) => ['UK9', 'UK11'].includes(line.kind)),
    [],
    'a default notice alone is published nowhere',
  );
  const termination = await action({ kind: 'contract-termination', dueOn: addDays(today(), 90) });
  assert.equal(termination.statusCode, 201, termination.body);
  const due = (await noticesOf(vehicle.id)).notices.filter((line) => ['UK9', 'UK11'].includes(line.kind));
  assert.deepEqual(due.map((line) => line.kind).sort(), ['UK11', 'UK9']);
  for (const line of due) {
    const published = await publish(vehicle.id, line);
    assert.equal(published.statusCode, 201, published.body);
    assertValid(published.json().release);
    assert.equal(published.json().release.contracts[0].status, 'terminated');
    assert.match(
      published
        .json()
        .release.parties.map((party: { name: string }) => party.name)
        .join(),
      /Heron/,
    );
  }
});

test('a dynamic market is established by its notice, and a change to its terms needs a modification notice', async () => {
  const market = await openVehicle(world, {
    reference: 'NOTICES-DM',
    kind: 'dynamic-market',
    submissionDeadline: null,
    description: 'Supported living dynamic market',
    valuePence: 2_500_000_000,
  });
  assert.deepEqual(
    (await noticesOf(market.id)).notices.map((notice) => notice.kind),
    ['UK14'],
  );
  const changed = await api(world, 'commissioner', 'PATCH', `/api/v1/vehicles/${market.id}`, {
    description: 'Supported living dynamic market, now with short breaks',
  });
  assert.equal(changed.statusCode, 200, changed.body);
  const modification = (await noticesOf(market.id)).notices.find((notice) => notice.kind === 'UK15');
  assert.ok(modification, 'the change needs a dynamic market modification notice');
  const published = await publish(market.id, modification);
  assert.equal(published.statusCode, 201, published.body);
  assertValid(published.json().release);
  assert.match(published.json().release.tender.description, /now with short breaks/);
});

test('bad input is refused with every problem listed, and a missing field the notice needs is named', async () => {
  const empty = await publish('00000000-0000-4000-8000-000000000000', {} as never);
  assert.equal(empty.statusCode, 422, empty.body);
  assert.deepEqual(
    empty
      .json()
      .errors.map((error: { field: string }) => error.field)
      .sort(),
    ['kind', 'subject'],
  );
  const wrong = await publish('00000000-0000-4000-8000-000000000000', { kind: 'UK99', subject: 'x'.repeat(101) });
  assert.equal(wrong.statusCode, 422);
  assert.equal(wrong.json().errors.length, 2);

  // A vehicle advertised with no description or value: its tender notice cannot be published.
  const bare = await openVehicle(world, { reference: 'NOTICES-3' });
  const refused = await publish(bare.id, { kind: 'UK4', subject: 'vehicle' });
  assert.equal(refused.statusCode, 422, refused.body);
  assert.deepEqual(
    refused
      .json()
      .errors.map((error: { field: string }) => error.field)
      .sort(),
    ['description', 'valuePence'],
  );
  assert.equal((await noticesOf(bare.id)).notices[0]!.published, null, 'nothing was published');
});

test('only the lead organisation’s commissioners publish; providers and other councils see nothing', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'NOTICES-4',
    description: 'Supported living',
    valuePence: 100_000_00,
  });
  const url = `/api/v1/vehicles/${vehicle.id}/notices`;
  for (const seat of ['provider_user', 'other_provider_user'] as const)
    assert.equal((await api(world, seat, 'GET', url)).statusCode, 403, `${seat} is not staff`);
  assert.equal((await api(world, 'other_council_commissioner', 'GET', url)).statusCode, 404);
  assert.equal((await api(world, 'auditor', 'GET', url)).statusCode, 200, 'an auditor reads them');
  assert.equal((await noticesOf(vehicle.id, 'auditor')).canPublish, false);
  const tender = { kind: 'UK4', subject: 'vehicle' };
  assert.equal((await publish(vehicle.id, tender, 'auditor')).statusCode, 403);
  assert.equal((await publish(vehicle.id, tender, 'provider_user')).statusCode, 403);
  assert.equal((await publish(vehicle.id, tender, 'other_council_commissioner')).statusCode, 404);
  assert.equal((await noticesOf(vehicle.id)).notices[0]!.published, null, 'none of them published it');
  const published = await publish(vehicle.id, tender);
  assert.equal(published.statusCode, 201);
  const one = `${url}/${published.json().id}`;
  assert.equal((await api(world, 'other_council_commissioner', 'GET', one)).statusCode, 404);
  assert.equal((await api(world, 'provider_user', 'GET', one)).statusCode, 403);
  assert.equal((await api(world, 'auditor', 'GET', `${url}/not-an-id`)).statusCode, 404);
});

test('a PCR 2015 DPS states its last day under the old rules', async () => {
  const created = await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
    reference: 'NOTICES-DPS',
    name: 'Supported Living DPS',
    kind: 'dps',
    regime: 'pcr2015',
    advertOn: '2024-04-01',
    zones: world.zoneIds.map((zoneId) => ({ zoneId })),
  });
  assert.equal(created.statusCode, 201, created.body);
  const list = (
    await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${created.json().vehicle.id}/notices`)
  ).json();
  assert.equal(list.transition.lastDay, '2029-02-23');
  assert.deepEqual(list.notices, [], 'a draft requires no notice yet');
});
