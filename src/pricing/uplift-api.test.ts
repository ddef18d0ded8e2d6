// Uplifts through the API: a proposal refused with every missing figure named, the methods side by
// side with their annual cost, approval by a commissioner only, the new card and a placement
// repriced from the date (nothing before it), and letters each provider reads alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { placeNewPerson, schemeWithVacancies, setRateCard } from '../../test/support/brokerage.ts';
import { useExtraLivingWageRates } from './living-wage.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
  // A living wage for April 2027, as an administrator's file would add it once announced.
  const file = join(mkdtempSync(join(tmpdir(), 'hearth-uplift-')), 'nlw.csv');
  writeFileSync(file, 'from,pence,source\n2027-04-01,1320,Test rate\n');
  useExtraLivingWageRates(file);
});
after(async () => {
  useExtraLivingWageRates(undefined);
  await world.close();
});

const PROPOSAL = {
  effectiveFrom: '2027-04-01',
  staffShareFrom: 'entered',
  staffSharePercent: '70',
  priceIndex: 'cpi',
  indexPercent: '3.8',
  indexMonth: '2027-01',
  indexSource: 'Office for National Statistics, Consumer price inflation, UK: January 2027',
  flatPercent: 4.5,
};

test('an uplift is proposed, compared, approved by a commissioner, and reprices from its date only', async () => {
  const framework = await liveTieredFramework(world);
  const vehicleId = framework.vehicle.id;
  await setRateCard(world, vehicleId);
  const membership = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  const { units } = await schemeWithVacancies(
    world,
    { providerId: world.otherProviderId, membershipId: membership.id },
    ['Flat A', 'Flat B'],
  );
  const care = { providerId: world.otherProviderId, membershipId: membership.id };
  const placement = await placeNewPerson(world, { ...care, unitId: units[0]!.unit.id });
  assert.equal(placement.weeklyPricePence, 170_000);
  // A price agreed with the provider, where the vehicle stops fixing its prices: listed, never repriced.
  const unfixed = await api(world, 'commissioner', 'PATCH', `/api/v1/vehicles/${vehicleId}`, { pricesFixed: false });
  assert.equal(unfixed.statusCode, 200, unfixed.body);
  const agreed = await placeNewPerson(
    world,
    { ...care, unitId: units[1]!.unit.id },
    { agreedWeeklyPricePence: 160_000 },
  );

  // No index figure, month or source, and no staff share: every problem named, nothing saved.
  const bad = await api(world, 'finance_officer', 'POST', '/api/v1/pricing/uplifts', {
    vehicleId,
    effectiveFrom: '2027-04-01',
    priceIndex: 'cpi',
  });
  assert.equal(bad.statusCode, 422, bad.body);
  assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.deepEqual(
    bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
    ['indexMonth', 'indexPercent', 'indexSource', 'staffSharePercent'],
  );
  const badPercent = await api(world, 'finance_officer', 'POST', '/api/v1/pricing/uplifts', {
    ...PROPOSAL,
    vehicleId,
    indexPercent: 'three',
    staffSharePercent: '120',
  });
  assert.equal(badPercent.statusCode, 422);
  assert.deepEqual(
    badPercent.json().errors.map((e: { field: string; message: string }) => e.field),
    ['indexPercent'],
  );
  assert.equal((await api(world, 'finance_officer', 'GET', '/api/v1/pricing/uplifts')).json().length, 0);

  assert.equal(
    (await api(world, 'brokerage_officer', 'POST', '/api/v1/pricing/uplifts', { ...PROPOSAL, vehicleId })).statusCode,
    403,
  );
  assert.equal((await api(world, 'provider_user', 'GET', '/api/v1/pricing/uplifts')).statusCode, 403);
  const otherCouncil = await api(world, 'other_council_commissioner', 'POST', '/api/v1/pricing/uplifts', {
    ...PROPOSAL,
    vehicleId,
  });
  assert.equal(otherCouncil.statusCode, 422);
  assert.equal(otherCouncil.json().errors[0].field, 'vehicleId');

  const proposed = await api(world, 'finance_officer', 'POST', '/api/v1/pricing/uplifts', { ...PROPOSAL, vehicleId });
  assert.equal(proposed.statusCode, 201, proposed.body);
  const uplift = proposed.json();
  assert.equal(uplift.basis.nlwBeforePence, 1_271);
  assert.equal(uplift.basis.nlwAfterPence, 1_320);
  assert.equal(uplift.basis.indexBasisPoints, 380);
  assert.equal(uplift.basis.flatBasisPoints, 450);
  assert.equal(
    (await api(world, 'other_council_commissioner', 'GET', `/api/v1/pricing/uplifts/${uplift.id}`)).statusCode,
    404,
  );

  const alternatives = (await api(world, 'auditor', 'GET', `/api/v1/pricing/uplifts/${uplift.id}/alternatives`)).json();
  const byMethod = Object.fromEntries(alternatives.map((a: { method: string }) => [a.method, a]));
  assert.deepEqual(Object.keys(byMethod).sort(), ['flat', 'nlw', 'nlw-index']);
  // 0.7 × 1320/1271 + 0.3 × 1.038 = 1.0383866…: £1,450.00 → £1,505.66, 1:1 £25.00 → £25.96.
  const lines = (method: string) =>
    Object.fromEntries(
      byMethod[method].cards[0].lines.map((l: { key: string; afterPence: number }) => [l.key, l.afterPence]),
    );
  assert.equal(lines('nlw-index')['weekly.complex.1'], 150_566);
  assert.equal(lines('nlw-index')['hourly.oneToOneHour'], 2_596);
  assert.equal(lines('flat')['weekly.complex.1'], 151_525);
  assert.equal(byMethod['nlw-index'].basisPoints, 384);
  // Today's placement: £1,700.00 a week (£88,642.86 a year) → £1,505.66 + 10 h × £25.96 = £1,765.26.
  assert.equal(byMethod['nlw-index'].placements, 1);
  assert.equal(byMethod['nlw-index'].annualBeforePence, 8_864_286);
  assert.equal(byMethod['nlw-index'].annualAfterPence, Math.round((176_526 * 365) / 7));
  assert.equal(byMethod['nlw-index'].annualChangePence, Math.round((176_526 * 365) / 7) - 8_864_286);

  const approval = { method: 'nlw-index', decisionReference: 'ODR-2027-031' };
  assert.equal(
    (await api(world, 'finance_officer', 'POST', `/api/v1/pricing/uplifts/${uplift.id}/approve`, approval)).statusCode,
    403,
  );
  const noReference = await api(world, 'commissioner', 'POST', `/api/v1/pricing/uplifts/${uplift.id}/approve`, {
    method: 'nlw-index',
  });
  assert.equal(noReference.statusCode, 422);
  assert.equal(noReference.json().errors[0].field, 'decisionReference');
  const approved = await api(world, 'commissioner', 'POST', `/api/v1/pricing/uplifts/${uplift.id}/approve`, approval);
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().status, 'approved');
  assert.deepEqual([approved.json().repriced, approved.json().notRepriced], [1, 1]);
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/pricing/uplifts/${uplift.id}/approve`, approval)).statusCode,
    409,
  );

  const cards = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicleId}/rate-cards`)).json();
  const april = cards.find((c: { effectiveFrom: string }) => c.effectiveFrom === '2027-04-01');
  assert.equal(april.rates.weekly.complex['1'], 150_566);

  // The placement's price from 1 April 2027; its price before, and today, unchanged.
  const finance = new PageSession(world.app);
  await finance.signIn(world.emails.finance_officer);
  const page = (await finance.get(`/placements/${placement.id}`)).body;
  assert.match(page, /1 April 2027/);
  assert.match(page, /£1,765\.26/);
  assert.equal(
    (await api(world, 'finance_officer', 'GET', `/api/v1/placements/${placement.id}`)).json().weeklyPricePence,
    170_000,
  );

  // Letters: each provider its own, never another's.
  const theirs = (await api(world, 'other_provider_user', 'GET', '/api/v1/pricing/uplift-letters')).json();
  const ours = (await api(world, 'provider_user', 'GET', '/api/v1/pricing/uplift-letters')).json();
  assert.equal(theirs.length, 1);
  assert.equal(ours.length, 1);
  assert.notEqual(theirs[0].id, ours[0].id);
  const letter = (
    await api(world, 'other_provider_user', 'GET', `/api/v1/pricing/uplift-letters/${theirs[0].id}`)
  ).json();
  assert.deepEqual(letter.content.placements, [
    { reference: placement.person.caseReference, beforePence: 170_000, afterPence: 176_526, from: '2027-04-01' },
  ]);
  assert.equal(letter.decisionReference, 'ODR-2027-031');
  assert.deepEqual(letter.content.notRepriced, [{ reference: agreed.person.caseReference, weeklyPence: 160_000 }]);
  assert.equal(
    (await api(world, 'finance_officer', 'GET', `/api/v1/placements/${agreed.id}`)).json().weeklyPricePence,
    160_000,
  );
  assert.doesNotMatch((await finance.get(`/placements/${agreed.id}`)).body, /1 April 2027/);
  assert.equal(
    (await api(world, 'provider_user', 'GET', `/api/v1/pricing/uplift-letters/${theirs[0].id}`)).statusCode,
    404,
  );
  assert.equal(
    (await api(world, 'other_council_commissioner', 'GET', `/api/v1/pricing/uplift-letters/${theirs[0].id}`))
      .statusCode,
    404,
  );
  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.other_provider_user);
  const pdf = await provider.get(`/pricing/uplift-letters/${theirs[0].id}/letter.pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await provider.get(`/pricing/uplift-letters/${ours[0].id}/letter.pdf`)).statusCode, 404);
});
