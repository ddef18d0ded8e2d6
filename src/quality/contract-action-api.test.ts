// Contract actions and transition plans through the API and pages: who may issue, end, read and
// acknowledge them; what each does to brokerage at once (an embargo, a suspension and a tier change
// change what the cascade offers); and a terminated contract's schemes moving to a Tier 1 provider.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../test/support/clock.ts';
import { assessedPerson, schemeWithVacancies, setRateCard } from '../../test/support/brokerage.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';

let world: TestWorld;
let framework: Awaited<ReturnType<typeof liveTieredFramework>>;
let north: string;
before(async () => {
  world = await testWorld();
  framework = await liveTieredFramework(world);
  north = world.zoneIds[0]!;
  await setRateCard(world, framework.vehicle.id);
});
after(() => world.close());

const TODAY = '2026-12-01';
const URL = '/api/v1/quality/contract-actions';
const membership = (providerId: string, tier: string) =>
  framework.memberships.find((m) => m.providerId === providerId && m.tier === tier)!;
const kestrelNorth = () => membership(world.otherProviderId, 'tier1');
const heronNorth = () => membership(world.providerId, 'tier2');
const fieldsOf = (body: { errors: { field: string }[] }) => body.errors.map((error) => error.field).sort();

async function issue(body: Record<string, unknown>, seat: Seat = 'commissioner') {
  const issued = await api(world, seat, 'POST', URL, { startsOn: TODAY, reason: 'Quality concerns', ...body });
  assert.equal(issued.statusCode, 201, issued.body);
  return issued.json() as { id: string; inForce: boolean; transitionPlanId: string | null };
}

async function end(id: string) {
  const ended = await api(world, 'quality_officer', 'POST', `${URL}/${id}/end`, { reason: 'Put right' });
  assert.equal(ended.statusCode, 200, ended.body);
}

/** A new referral in North, sent down the cascade: each step's offers and exclusions by provider. */
async function cascadeOfANewReferral() {
  const person = await assessedPerson(world);
  const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId: person.id,
    vehicleId: framework.vehicle.id,
    startBy: '2027-01-31',
    zoneIds: [north],
    urgency: 'urgent',
  });
  assert.equal(referred.statusCode, 201, referred.body);
  const sent = await api(
    world,
    'brokerage_officer',
    'POST',
    `/api/v1/referrals/${referred.json().referral.id}/send-offers`,
  );
  assert.equal(sent.statusCode, 200, sent.body);
  const first = sent.json().steps[0] as {
    step: string;
    offers: { providerId: string }[];
    excluded: { providerId: string; reason: string }[];
  };
  return {
    step: first.step,
    offered: first.offers.map((offer) => offer.providerId).sort(),
    excluded: first.excluded.map(
      (one) => `${one.providerId === world.providerId ? 'Heron' : 'Kestrel'}: ${one.reason}`,
    ),
  };
}

test('bad input is refused naming every field; only quality officers and commissioners issue', async () => {
  const empty = await api(world, 'quality_officer', 'POST', URL, {});
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(fieldsOf(empty.json()), ['kind', 'providerId', 'reason', 'startsOn']);
  const notice = await api(world, 'quality_officer', 'POST', URL, {
    kind: 'default-notice',
    providerId: world.providerId,
    reason: 'Missed visits',
    startsOn: TODAY,
    dueOn: '2026-11-20',
  });
  assert.equal(notice.statusCode, 422);
  assert.deepEqual(notice.json().errors, [
    { field: 'default', message: 'Say what the default is' },
    { field: 'remedy', message: 'Say what the provider must do to put it right' },
    { field: 'dueOn', message: 'The cure date must be after the start date' },
  ]);
  const sameTier = await api(world, 'commissioner', 'POST', URL, {
    kind: 'tier-change',
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    toTier: 'tier1',
    reason: 'x',
    startsOn: TODAY,
  });
  assert.deepEqual(sameTier.json().errors, [{ field: 'toTier', message: 'The membership is already Tier 1' }]);
  const notTheirs = await api(world, 'commissioner', 'POST', URL, {
    kind: 'suspension',
    providerId: world.providerId,
    membershipId: kestrelNorth().id,
    reason: 'x',
    startsOn: TODAY,
  });
  assert.deepEqual(notTheirs.json().errors, [
    { field: 'membershipId', message: 'Choose one of the provider’s memberships with this organisation' },
  ]);
  const elsewhere = await api(world, 'other_council_commissioner', 'POST', URL, {
    kind: 'suspension',
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    reason: 'x',
    startsOn: TODAY,
  });
  assert.deepEqual(fieldsOf(elsewhere.json()), ['membershipId'], 'another council’s membership is not found');
  for (const seat of ['auditor', 'provider_user', 'brokerage_officer'] as const)
    assert.equal((await api(world, seat, 'POST', URL, {})).statusCode, 403, seat);
  assert.equal((await api(world, 'social_worker', 'GET', URL)).statusCode, 403);
});

test('a default notice reaches its provider, who acknowledges it once; no other provider or council sees it', async () => {
  const action = await issue({
    kind: 'default-notice',
    providerId: world.providerId,
    default: 'Three missed visits in October',
    remedy: 'A staffing plan covering every visit',
    dueOn: '2027-01-15',
  });
  const url = `${URL}/${action.id}`;
  const seen = await api(world, 'provider_user', 'GET', url);
  assert.equal(seen.statusCode, 200);
  assert.equal(seen.json().kindLabel, 'Default notice');
  assert.equal(seen.json().dueLabel, 'cure date');
  assert.equal(seen.json().remedy, 'A staffing plan covering every visit');
  for (const seat of ['other_provider_user', 'other_council_commissioner'] as const)
    assert.equal((await api(world, seat, 'GET', url)).statusCode, 404, seat);
  assert.equal((await api(world, 'auditor', 'GET', url)).statusCode, 200);
  const mine = (await api(world, 'provider_user', 'GET', URL)).json();
  assert.ok(mine.items.some((item: { id: string }) => item.id === action.id));
  assert.ok(
    !(await api(world, 'other_provider_user', 'GET', URL))
      .json()
      .items.some((item: { id: string }) => item.id === action.id),
  );
  assert.equal((await api(world, 'other_council_commissioner', 'GET', URL)).json().total, 0);

  assert.equal((await api(world, 'quality_officer', 'POST', `${url}/acknowledgement`)).statusCode, 403);
  assert.equal((await api(world, 'other_provider_user', 'POST', `${url}/acknowledgement`)).statusCode, 404);
  const acknowledged = await api(world, 'provider_user', 'POST', `${url}/acknowledgement`);
  assert.equal(acknowledged.statusCode, 200, acknowledged.body);
  assert.equal(acknowledged.json().acknowledgedByName, 'Test provider user');
  assert.equal((await api(world, 'provider_user', 'POST', `${url}/acknowledgement`)).statusCode, 409);

  assert.equal((await api(world, 'auditor', 'POST', `${url}/end`, { reason: 'x' })).statusCode, 403);
  assert.equal((await api(world, 'other_council_commissioner', 'POST', `${url}/end`, { reason: 'x' })).statusCode, 404);
  assert.deepEqual(fieldsOf((await api(world, 'commissioner', 'POST', `${url}/end`, { reason: '' })).json()), [
    'reason',
  ]);
  assert.equal((await api(world, 'commissioner', 'GET', `${URL}?inForce=yes&kind=default-notice`)).json().total, 1);
  await end(action.id);
  assert.equal((await api(world, 'commissioner', 'POST', `${url}/end`, { reason: 'again' })).statusCode, 409);
  assert.equal((await api(world, 'commissioner', 'GET', `${URL}?inForce=yes&kind=default-notice`)).json().total, 0);
  assert.equal((await api(world, 'commissioner', 'GET', `${URL}?inForce=maybe`)).statusCode, 422);
  assert.equal((await api(world, 'commissioner', 'GET', `${URL}/not-an-id`)).statusCode, 404);
});

test('an embargo action places brokerage’s embargo: the cascade passes the provider by until it ends', async () => {
  const action = await issue({ kind: 'embargo', providerId: world.otherProviderId }, 'quality_officer');
  const embargoes = (await api(world, 'commissioner', 'GET', '/api/v1/embargoes')).json() as {
    id: string;
    liftedOn: string | null;
  }[];
  const embargoId = (await api(world, 'commissioner', 'GET', `${URL}/${action.id}`)).json().embargoId;
  assert.equal(embargoes.find((embargo) => embargo.id === embargoId)?.liftedOn, null, 'one embargo, not a second kind');
  const during = await cascadeOfANewReferral();
  assert.deepEqual(during.offered, []);
  assert.deepEqual(during.excluded, ['Kestrel: Under embargo: Quality concerns']);
  await end(action.id);
  const lifted = (await api(world, 'commissioner', 'GET', '/api/v1/embargoes')).json() as {
    id: string;
    liftedOn: string;
  }[];
  assert.equal(lifted.find((embargo) => embargo.id === embargoId)?.liftedOn, TODAY);
  assert.deepEqual((await cascadeOfANewReferral()).offered, [world.otherProviderId]);
});

test('a suspension stops the cascade offering the provider at once; ending it reinstates the membership', async () => {
  const action = await issue({
    kind: 'suspension',
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
  });
  assert.equal(action.inForce, true);
  const during = await cascadeOfANewReferral();
  assert.deepEqual(during.offered, []);
  assert.deepEqual(during.excluded, ['Kestrel: Membership suspended']);
  await end(action.id);
  assert.deepEqual((await cascadeOfANewReferral()).offered, [world.otherProviderId]);
});

test('a tier change changes who the cascade offers first from the next referral on; it is done once made', async () => {
  const up = await issue({
    kind: 'tier-change',
    providerId: world.providerId,
    membershipId: heronNorth().id,
    toTier: 'tier1',
  });
  assert.deepEqual((await cascadeOfANewReferral()).offered, [world.providerId, world.otherProviderId].sort());
  const down = await issue({
    kind: 'tier-change',
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    toTier: 'tier2',
  });
  assert.deepEqual((await cascadeOfANewReferral()).offered, [world.providerId]);
  assert.equal((await api(world, 'commissioner', 'POST', `${URL}/${up.id}/end`, { reason: 'x' })).statusCode, 409);
  // Back as the framework awarded them, for the tests that follow.
  await issue({ kind: 'tier-change', providerId: world.providerId, membershipId: heronNorth().id, toTier: 'tier2' });
  await issue({
    kind: 'tier-change',
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    toTier: 'tier1',
  });
  assert.ok(down.id);
});

test('terminating a contract removes the membership and opens a transition plan; each scheme’s care moves to Tier 1', async () => {
  const { scheme, units } = await schemeWithVacancies(
    world,
    { providerId: world.providerId, membershipId: heronNorth().id },
    ['Flat 1', 'Flat 2'],
  );
  const person = await assessedPerson(world);
  const placed = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: person.id,
    unitId: units[0]!.unit.id,
    providerId: world.providerId,
    membershipId: heronNorth().id,
    startsOn: '2027-01-04',
    oneToOneMinutesPerWeek: 0,
    nightSupport: 'none',
  });
  assert.equal(placed.statusCode, 201, placed.body);

  const termination = await issue({
    kind: 'contract-termination',
    providerId: world.providerId,
    membershipId: heronNorth().id,
    dueOn: '2027-06-30',
  });
  assert.ok(termination.transitionPlanId);
  const award = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${framework.vehicle.id}/award`)).json();
  assert.equal(
    award.memberships.find((m: { id: string }) => m.id === heronNorth().id).status,
    'removed',
    'the membership ends at once',
  );
  const planUrl = `/api/v1/quality/transition-plans/${termination.transitionPlanId}`;
  const plan = (await api(world, 'quality_officer', 'GET', planUrl)).json();
  assert.equal(plan.targetOn, '2027-06-30', 'a terminated contract’s care moves by the day it ends');
  assert.equal(plan.moves.length, 1);
  const move = plan.moves[0];
  assert.equal(move.schemeId, scheme.id);
  assert.equal(move.people, 1);
  assert.equal(move.tenants, null, 'quality officers do not read people');
  assert.equal(move.receivingProviderName, 'Kestrel Care Ltd', 'the Tier 1 provider of the scheme’s zone');
  const commissioners = (await api(world, 'commissioner', 'GET', planUrl)).json();
  assert.deepEqual(commissioners.moves[0].tenants, [{ unitName: 'Flat 1', personId: person.id }]);
  const providers = await api(world, 'provider_user', 'GET', planUrl);
  assert.equal(providers.statusCode, 200);
  assert.equal(providers.json().moves[0].tenants, null);
  assert.ok(!providers.body.includes(person.id), 'the provider is told how many, not who');
  for (const seat of ['other_provider_user', 'other_council_commissioner'] as const)
    assert.equal((await api(world, seat, 'GET', planUrl)).statusCode, 404, seat);

  const moveUrl = `${planUrl}/moves/${move.id}`;
  assert.deepEqual(fieldsOf((await api(world, 'quality_officer', 'POST', moveUrl, {})).json()), [
    'reason',
    'receivingMembershipId',
    'transferOn',
  ]);
  assert.equal((await api(world, 'auditor', 'POST', moveUrl, {})).statusCode, 403);
  const early = await api(world, 'quality_officer', 'POST', moveUrl, {
    receivingMembershipId: kestrelNorth().id,
    transferOn: '2026-12-15',
    reason: 'Contract terminated',
  });
  assert.equal(early.statusCode, 422, 'not before the tenant’s placement began');
  assert.equal((await api(world, 'quality_officer', 'GET', planUrl)).json().moved, 0, 'nothing half-done');
  const moved = await api(world, 'quality_officer', 'POST', moveUrl, {
    receivingMembershipId: kestrelNorth().id,
    transferOn: '2027-02-01',
    reason: 'Contract terminated',
  });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(moved.json().moved, 1);
  assert.equal(moved.json().moves[0].careProviderName, 'Kestrel Care Ltd');
  const twice = await api(world, 'quality_officer', 'POST', moveUrl, {
    receivingMembershipId: kestrelNorth().id,
    transferOn: '2027-02-01',
    reason: 'Again',
  });
  assert.equal(twice.statusCode, 409);
  const now = (
    await api(world, 'brokerage_officer', 'GET', `/api/v1/placements?providerId=${world.otherProviderId}`)
  ).json();
  const kept = now.items.find(
    (row: { personId: string; endsOn: string | null }) => row.personId === person.id && !row.endsOn,
  );
  assert.equal(kept.startsOn, '2027-02-01', 'the person keeps their home, with Kestrel from the move');

  const ended = await issue({
    kind: 'package-termination',
    providerId: world.otherProviderId,
    placementId: kept.id,
    dueOn: '2027-03-31',
  });
  assert.equal(
    (await api(world, 'commissioner', 'GET', `${URL}/${ended.id}`)).json().subject.includes(person.name),
    true,
  );
  const placement = (await api(world, 'brokerage_officer', 'GET', `/api/v1/placements/${kept.id}`)).json();
  assert.equal(placement.endsOn, '2027-03-31');
  const again = await api(world, 'commissioner', 'POST', URL, {
    kind: 'package-termination',
    providerId: world.otherProviderId,
    placementId: kept.id,
    dueOn: '2027-03-31',
    reason: 'x',
    startsOn: TODAY,
  });
  assert.deepEqual(fieldsOf(again.json()), ['placementId']);
});

test('a plan by hand: a Tier 2 review is due 24 months from the framework’s start; a provider with a place was not left out', async () => {
  const plans = '/api/v1/quality/transition-plans';
  assert.deepEqual(fieldsOf((await api(world, 'commissioner', 'POST', plans, { cause: 'lost' })).json()), [
    'cause',
    'providerId',
    'vehicleId',
  ]);
  const kept = await api(world, 'commissioner', 'POST', plans, {
    cause: 'left-framework',
    providerId: world.otherProviderId,
    vehicleId: framework.vehicle.id,
  });
  assert.deepEqual(kept.json().errors, [
    { field: 'providerId', message: 'The provider has a place on this framework: it was not left out' },
  ]);
  const elsewhere = await api(world, 'other_council_commissioner', 'POST', plans, {
    cause: 'left-framework',
    providerId: world.otherProviderId,
    vehicleId: framework.vehicle.id,
  });
  assert.deepEqual(fieldsOf(elsewhere.json()), ['vehicleId']);
  assert.equal((await api(world, 'auditor', 'POST', plans, {})).statusCode, 403);
  const down = await issue({
    kind: 'tier-change',
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    toTier: 'tier2',
  });
  assert.ok(down.id);
  const review = await api(world, 'quality_officer', 'POST', plans, {
    cause: 'tier2-review',
    providerId: world.otherProviderId,
    vehicleId: framework.vehicle.id,
  });
  assert.equal(review.statusCode, 201, review.body);
  const startOn = (framework.memberships[0] as unknown as { startOn: string }).startOn;
  const [year, month, day] = startOn.split('-');
  assert.equal(review.json().targetOn, `${Number(year) + 2}-${month}-${day}`);
  const listed = (await api(world, 'auditor', 'GET', plans)).json();
  assert.equal(listed.length, 2);
  assert.equal((await api(world, 'other_provider_user', 'GET', plans)).json().length, 1, 'Kestrel sees its own plan');
});

test('pages: the list and its CSV, the form’s errors, the check before issuing, and the provider’s Acknowledge', async () => {
  const officer = new PageSession(world.app);
  await officer.signIn(world.emails.quality_officer);
  assert.equal((await officer.get('/quality/contract-actions')).statusCode, 200);
  const csv = await officer.get('/quality/contract-actions.csv?kind=default-notice');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /^Action,Provider,Organisation,About,Starts,Due,In force,Acknowledged/);
  assert.match(csv.body, /Default notice,Heron Supported Living Ltd/);
  assert.equal((await officer.get('/quality/contract-actions.xlsx')).statusCode, 200);
  const choose = await officer.get('/quality/contract-actions/new');
  assert.equal(choose.statusCode, 200);
  assert.match(choose.body, /What kind of action\?/);
  const form = `/quality/contract-actions/new?kind=default-notice&providerId=${world.providerId}`;
  const details = await officer.get(form);
  assert.match(details.body, /Cure date/);
  const values = {
    kind: 'default-notice',
    providerId: world.providerId,
    reason: 'Missed visits',
    'startsOn-day': '1',
    'startsOn-month': '12',
    'startsOn-year': '2026',
  };
  const refused = await officer.post(form, values);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /govuk-error-summary/);
  assert.match(refused.body, /Say what the default is/);
  assert.match(refused.body, /Give the cure date/);
  const before = (await api(world, 'auditor', 'GET', URL)).json().total;
  const complete = {
    ...values,
    default: 'Missed visits',
    remedy: 'A staffing plan',
    'dueOn-day': '15',
    'dueOn-month': '1',
    'dueOn-year': '2027',
  };
  const check = await officer.post(form, complete);
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /Check the default notice before you issue it/);
  assert.equal((await api(world, 'auditor', 'GET', URL)).json().total, before, 'nothing saved before confirming');
  const issued = await officer.post(form, { ...complete, confirmed: 'yes' });
  assert.equal(issued.statusCode, 302, issued.body);
  const id = issued.headers.location!.split('/').pop()!;

  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.provider_user);
  const own = await provider.get('/quality/contract-actions');
  assert.match(own.body, /Contract actions on your services/);
  const shown = await provider.get(`/quality/contract-actions/${id}`);
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Acknowledge/);
  const acknowledged = await provider.post(`/quality/contract-actions/${id}/acknowledgement`, {});
  assert.equal(acknowledged.statusCode, 302);
  assert.doesNotMatch((await provider.get(`/quality/contract-actions/${id}`)).body, />\s*Acknowledge\s*</);
  const other = new PageSession(world.app);
  await other.signIn(world.emails.other_provider_user);
  assert.equal((await other.get(`/quality/contract-actions/${id}`)).statusCode, 404);

  const plans = await officer.get('/quality/transition-plans');
  assert.equal(plans.statusCode, 200);
  const planId = /\/quality\/transition-plans\/([0-9a-f-]{36})/.exec(plans.body)![1]!;
  assert.equal((await officer.get(`/quality/transition-plans/${planId}`)).statusCode, 200);
  const newPlan = await officer.post('/quality/transition-plans/new', { cause: '', providerId: '', vehicleId: '' });
  assert.equal(newPlan.statusCode, 400);
  assert.match(newPlan.body, /govuk-error-summary/);
});
