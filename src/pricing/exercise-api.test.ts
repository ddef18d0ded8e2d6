// Cost-of-care exercises through the API: an exercise opened only by finance officers and
// commissioners of the vehicles' organisation, with every problem named; a provider's workbook
// refused whole for text in a money cell, a negative hour or a return over 100%, seen only by its
// provider and the organisation's finance officers and commissioners; the analysis's quartiles and
// the staff share once five workbooks are in, outliers only to those who run the exercise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import '../../test/support/clock.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { api, sampleProvider, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { commandLineActor } from '../platform/audit/service.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { addProviders } from '../providers/service.ts';
import { DEFAULT_LINES } from './domain/exercise.ts';
import { enterReceivedWorkbooks } from './exercise-workbook-service.ts';

let world: TestWorld;
let vehicleId: string;
let exerciseId: string;
let spotProviders: string[];

/** A complete workbook's answers, with its pay and central overheads. */
const answers = (pay: number, overheads = 5_000_000) =>
  Object.fromEntries(
    DEFAULT_LINES.map((line) => [
      line.key,
      {
        'support-worker-pay': pay,
        'senior-worker-pay': pay + 200,
        'contracted-hours': 120_000,
        'productive-share': 8000,
        'sleep-in-pay': 10_000,
        'waking-night-pay': pay + 20,
        'non-contact': 1500,
        'training-time': 200,
        'employer-ni': 1000,
        'employer-pension': 300,
        travel: 0,
        'central-overheads': overheads,
        return: 500,
        'hours-delivered': 100_000,
        people: 40,
        headcount: 60,
        leavers: 15,
        'zero-hours': pay >= 1280 ? 5 : 0,
      }[line.key] ?? 100_000,
    ]),
  );

const workbookOf = (providerId: string) => `/api/v1/pricing/exercises/${exerciseId}/workbooks/${providerId}`;

before(async () => {
  world = await testWorld();
  vehicleId = (await liveTieredFramework(world)).vehicle.id;
  spotProviders = await addProviders(
    world.db,
    commandLineActor,
    [3, 4, 5, 6, 7].map((n) => sampleProvider(`Spot Care ${n} Ltd`, `1-10100000${n}`, 'ST16 2LH', `1-20100000${n}`)),
    'test data',
  );
});
after(() => world.close());

describe('opening an exercise', () => {
  test('is refused with every problem named, for the wrong role and for another organisation', async () => {
    const bad = await api(world, 'finance_officer', 'POST', '/api/v1/pricing/exercises', {
      financialYear: 'twenty',
      serviceType: 'day-care',
      closingOn: '2027-02-30',
      vehicleIds: [],
    });
    assert.equal(bad.statusCode, 422);
    const fields = bad.json().errors.map((error: { field: string }) => error.field);
    assert.deepEqual(fields.sort(), ['closingOn', 'financialYear', 'serviceType', 'vehicleIds']);
    const body = {
      financialYear: 2025,
      serviceType: 'supported-living',
      closingOn: '2027-01-29',
      vehicleIds: [vehicleId],
    };
    assert.equal((await api(world, 'auditor', 'POST', '/api/v1/pricing/exercises', body)).statusCode, 403);
    assert.equal((await api(world, 'provider_user', 'POST', '/api/v1/pricing/exercises', body)).statusCode, 403);
    const other = await api(world, 'other_council_commissioner', 'POST', '/api/v1/pricing/exercises', body);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().errors[0].field, 'vehicleIds.0');
    assert.equal((await api(world, 'finance_officer', 'GET', '/api/v1/pricing/exercises')).json().length, 0);
  });

  test('invites every member of the vehicles, or the providers named, with the template’s lines copied in', async () => {
    const opened = await api(world, 'finance_officer', 'POST', '/api/v1/pricing/exercises', {
      financialYear: 2025,
      serviceType: 'supported-living',
      closingOn: '2027-01-29',
      vehicleIds: [vehicleId],
      providerIds: [world.providerId, world.otherProviderId, ...spotProviders],
    });
    assert.equal(opened.statusCode, 201, opened.body);
    exerciseId = opened.json().id;
    assert.equal(opened.json().title, 'Supported living costs 2025/26');
    assert.equal(opened.json().lines.length, DEFAULT_LINES.length);
    const again = await api(world, 'commissioner', 'POST', '/api/v1/pricing/exercises', {
      financialYear: 2025,
      serviceType: 'supported-living',
      closingOn: '2027-01-29',
      vehicleIds: [vehicleId],
    });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /already a supported living exercise for 2025\/26/);
    const mine = await api(world, 'provider_user', 'GET', '/api/v1/pricing/exercises');
    assert.deepEqual(
      mine.json().map((row: { ownStatus: string }) => row.ownStatus),
      ['invited'],
    );
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', `/api/v1/pricing/exercises/${exerciseId}`)).statusCode,
      404,
    );
  });
});

describe('a provider’s workbook', () => {
  test('is seen by its provider and the finance officer, not by another provider, an auditor or another council', async () => {
    assert.equal((await api(world, 'provider_user', 'GET', workbookOf(world.providerId))).statusCode, 200);
    assert.equal((await api(world, 'finance_officer', 'GET', workbookOf(world.providerId))).statusCode, 200);
    assert.equal((await api(world, 'other_provider_user', 'GET', workbookOf(world.providerId))).statusCode, 404);
    assert.equal((await api(world, 'auditor', 'GET', workbookOf(world.providerId))).statusCode, 403);
    assert.equal((await api(world, 'other_council_commissioner', 'GET', workbookOf(world.providerId))).statusCode, 404);
    const saving = await api(world, 'other_provider_user', 'PUT', `${workbookOf(world.providerId)}/answers`, {
      answers: { people: 3 },
    });
    assert.equal(saving.statusCode, 404);
    assert.equal(
      (await api(world, 'finance_officer', 'PUT', `${workbookOf(world.providerId)}/answers`, { answers: {} }))
        .statusCode,
      403,
    );
  });

  test('is refused whole for a bad figure, each named, and nothing is saved', async () => {
    const bad = await api(world, 'provider_user', 'PUT', `${workbookOf(world.providerId)}/answers`, {
      answers: { management: 'lots', 'hours-delivered': -600, return: 12_000, people: 12, mystery: 1 },
    });
    assert.equal(bad.statusCode, 422);
    const messages = Object.fromEntries(
      bad.json().errors.map((error: { field: string; message: string }) => [error.field, error.message]),
    );
    assert.equal(
      messages['answers.management'],
      'Registered manager and office staff must be an amount of money, like 12.50',
    );
    assert.equal(messages['answers.hours-delivered'], 'Care hours delivered a week cannot be negative hours');
    assert.equal(messages['answers.return'], 'Return on operations, as a share of costs cannot be more than 100%');
    assert.equal(messages['answers.mystery'], 'This is not a line of this workbook');
    const shown = await api(world, 'provider_user', 'GET', workbookOf(world.providerId));
    assert.deepEqual(shown.json().answers, {});
  });

  test('saves as it goes, is submitted only complete, and then no more', async () => {
    const part = await api(world, 'provider_user', 'PUT', `${workbookOf(world.providerId)}/answers`, {
      answers: { people: 40 },
    });
    assert.equal(part.statusCode, 200, part.body);
    assert.equal(part.json().status, 'draft');
    const early = await api(world, 'provider_user', 'POST', `${workbookOf(world.providerId)}/submit`);
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /"field":"answers.support-worker-pay","message":"Enter hourly pay of support workers"/);
    await api(world, 'provider_user', 'PUT', `${workbookOf(world.providerId)}/answers`, { answers: answers(1250) });
    const sent = await api(world, 'provider_user', 'POST', `${workbookOf(world.providerId)}/submit`);
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json().status, 'submitted');
    assert.equal((await api(world, 'provider_user', 'POST', `${workbookOf(world.providerId)}/submit`)).statusCode, 409);
    const after = await api(world, 'provider_user', 'PUT', `${workbookOf(world.providerId)}/answers`, {
      answers: { people: 41 },
    });
    assert.equal(after.statusCode, 409);
  });
});

describe('the analysis', () => {
  test('shows no quartiles and no staff share under five workbooks', async () => {
    const analysis = await api(world, 'auditor', 'GET', `/api/v1/pricing/exercises/${exerciseId}/analysis`);
    assert.equal(analysis.statusCode, 200);
    assert.equal(analysis.json().responses, 1);
    assert.equal(analysis.json().rows.find((row: { key: string }) => row.key === 'cost-per-hour').quartiles, null);
    assert.equal(
      (await api(world, 'finance_officer', 'GET', `/api/v1/pricing/exercises/${exerciseId}/staff-share`)).statusCode,
      404,
    );
    assert.equal(
      (await api(world, 'provider_user', 'GET', `/api/v1/pricing/exercises/${exerciseId}/analysis`)).statusCode,
      403,
    );
  });

  test('gives quartiles, the staff share and outliers once five are in, and an excluded workbook drops out', async () => {
    const [finance] = await world.db
      .execute(sql`select id from users where email = ${world.emails.finance_officer}`)
      .then((result) => (result as unknown as { rows: { id: string }[] }).rows);
    const officer = (await userDirectory(world.db).byId(finance!.id))!;
    // Pay of 1250 (submitted above), 1260, 1270, 1280, 1290 and one provider's overheads far above the rest.
    await enterReceivedWorkbooks(world.db, officer, exerciseId, [
      { providerId: world.otherProviderId, answers: answers(1260), receivedOn: '2026-11-20' },
      ...spotProviders.slice(0, 4).map((providerId, index) => ({
        providerId,
        answers: answers(1270 + index * 10, index === 3 ? 60_000_000 : 5_000_000),
        receivedOn: '2026-11-21',
      })),
    ]);
    const analysis = (await api(world, 'auditor', 'GET', `/api/v1/pricing/exercises/${exerciseId}/analysis`)).json();
    assert.equal(analysis.responses, 6);
    const pay = analysis.rows.find((row: { key: string }) => row.key === 'support-worker-pay');
    // 1250, 1260, 1270, 1280, 1290, 1300: QUARTILE.INC at positions 1.25, 2.5, 3.75 → 1262.5, 1275, 1287.5.
    assert.deepEqual(pay.quartiles, { count: 6, lowerQuartile: 1263, median: 1275, upperQuartile: 1288 });
    assert.deepEqual(pay.shown, { lowerQuartile: '£12.63', median: '£12.75', upperQuartile: '£12.88' });
    assert.equal(analysis.outliers, null, 'an auditor is not told whose figures stand out');
    assert.deepEqual(analysis.workforce.zeroHours, { providers: 3, of: 6, share: '50%' });
    assert.deepEqual(analysis.workforce.turnover, { leavers: '90', headcount: '360', share: '25%' });

    const theirs = (
      await api(world, 'finance_officer', 'GET', `/api/v1/pricing/exercises/${exerciseId}/analysis`)
    ).json();
    const flagged = theirs.outliers.filter((outlier: { what: string }) => outlier.what === 'Central overheads');
    assert.deepEqual(
      flagged.map((outlier: { providerId: string; side: string }) => [outlier.providerId, outlier.side]),
      [[spotProviders[3], 'high']],
    );
    const share = await api(world, 'finance_officer', 'GET', `/api/v1/pricing/exercises/${exerciseId}/staff-share`);
    assert.equal(share.statusCode, 200, share.body);
    assert.match(share.json().explanation, /median care staff cost per care hour/);

    const noReason = await api(world, 'finance_officer', 'POST', `${workbookOf(spotProviders[3]!)}/review`, {
      action: 'exclude',
    });
    assert.equal(noReason.statusCode, 422);
    assert.equal(noReason.json().errors[0].field, 'reason');
    assert.equal(
      (
        await api(world, 'auditor', 'POST', `${workbookOf(spotProviders[3]!)}/review`, {
          action: 'exclude',
          reason: 'x',
        })
      ).statusCode,
      403,
    );
    const excluded = await api(world, 'finance_officer', 'POST', `${workbookOf(spotProviders[3]!)}/review`, {
      action: 'exclude',
      reason: 'Central overheads include the group’s head office refurbishment',
    });
    assert.equal(excluded.statusCode, 200, excluded.body);
    const without = (
      await api(world, 'finance_officer', 'GET', `/api/v1/pricing/exercises/${exerciseId}/analysis`)
    ).json();
    assert.equal(without.responses, 5);
    assert.equal(without.reviewed[0].excludedReason, 'Central overheads include the group’s head office refurbishment');
  });
});
