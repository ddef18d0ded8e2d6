// Procurement's commitments in the pages go through "check your answers": recording a stage's
// outcome (excluding a tenderer or admitting it to the next stage), confirming the tier allocation
// and deciding the award. The first post shows what will happen to the providers and changes
// nothing; confirming commits it; a second confirmation (a double click) commits nothing more;
// input the service refuses shows the form's errors, not the check.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/schema.ts';
import { isoDateInLondon } from '../src/platform/domain/calendar.ts';
import { longDate } from '../src/procurement/domain/standstill.ts';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { openVehicle, submittedApplication, tieredFrameworkThroughEvaluation } from './support/procurement.ts';

let world: TestWorld;
let commissioner: PageSession;
before(async () => {
  world = await testWorld();
  commissioner = new PageSession(world.app);
  await commissioner.signIn(world.emails.commissioner);
});
after(() => world.close());

/** A check-your-answers page: its title, its confirming and "Change" buttons, and its "Cancel" link. */
function assertCheckPage(body: string, title: RegExp, cancelHref: string) {
  assert.match(body, /<span class="govuk-caption-l">Check your answers<\/span>/);
  assert.match(body, title);
  assert.match(body, /<button type="submit" value="yes" name="confirmed"/);
  assert.match(body, /<button type="submit" value="yes" name="change"/);
  assert.match(body, new RegExp(`<a class="govuk-link" href="${cancelHref}">Cancel</a>`));
}

/** A row of the check page's summary list. */
const row = (key: string, value: string | RegExp) =>
  new RegExp(
    `<dt class="govuk-summary-list__key">\\s*${key}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*${typeof value === 'string' ? value : value.source}\\s*</dd>`,
  );

const audited = async (recordId: string, action: string) =>
  (
    await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, recordId), eq(auditEvents.action, action)))
  ).length;

test('excluding a tenderer, or passing it on, is checked first and recorded once', async () => {
  const vehicle = await openVehicle(world, { reference: 'STAGE-CHECK' });
  const heron = await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]);
  const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [vehicle.lots[0]!.id]);
  const stages = (id: string) => `/applications/${id}/stages`;
  await commissioner.get(`/applications/${kestrel}`);

  const refused = await commissioner.post(stages(kestrel), { stage: 'selection', outcome: 'fail', reason: '' });
  assert.equal(refused.statusCode, 400, 'a fail needs its reason: the form, not the check');
  assert.doesNotMatch(refused.body, /Check your answers/);
  assert.match(refused.body, /Give the reason: the tenderer is told it/);

  const failing = { stage: 'selection', outcome: 'fail', reason: 'No CQC registration for personal care' };
  const check = await commissioner.post(stages(kestrel), failing);
  assert.equal(check.statusCode, 200, check.body.slice(0, 500));
  assertCheckPage(
    check.body,
    /<h1 class="govuk-heading-l">Exclude Kestrel Care Ltd at selection<\/h1>/,
    `/applications/${kestrel}`,
  );
  assert.match(check.body, row('Reason', 'No CQC registration for personal care'));
  assert.match(
    check.body,
    row('What happens to the provider', 'Excluded: takes no further part in Supported Living Framework'),
  );
  assert.match(check.body, /Kestrel Care Ltd will be excluded from Supported Living Framework and told the reason/);
  assert.match(check.body, /Exclude Kestrel Care Ltd/);
  const before = (await api(world, 'commissioner', 'GET', `/api/v1/applications/${kestrel}`)).json();
  assert.deepEqual([before.application.status, before.decisions], ['submitted', []], 'nothing recorded yet');

  const changing = await commissioner.post(stages(kestrel), { ...failing, change: 'yes' });
  assert.match(changing.body, /No CQC registration for personal care<\/textarea>/, 'Change: the form as typed');

  const excluded = await commissioner.post(stages(kestrel), { ...failing, confirmed: 'yes' });
  assert.equal(excluded.statusCode, 302, excluded.body.slice(0, 500));
  assert.equal(excluded.headers.location, `/applications/${kestrel}`);
  const after = (await api(world, 'commissioner', 'GET', `/api/v1/applications/${kestrel}`)).json();
  assert.equal(after.application.status, 'excluded');
  const again = await commissioner.post(stages(kestrel), { ...failing, confirmed: 'yes' });
  assert.equal(again.statusCode, 400, 'a second confirmation records nothing more');
  assert.equal(await audited(kestrel, 'application.stage'), 1);

  const passing = await commissioner.post(stages(heron), { stage: 'selection', outcome: 'pass', reason: '' });
  assertCheckPage(
    passing.body,
    /<h1 class="govuk-heading-l">Pass Heron Supported Living Ltd at selection<\/h1>/,
    `/applications/${heron}`,
  );
  assert.match(passing.body, row('What happens to the provider', 'Goes on to quality questions'));
  assert.match(passing.body, /Heron Supported Living Ltd is admitted to the next stage/);
  const passed = await commissioner.post(stages(heron), {
    stage: 'selection',
    outcome: 'pass',
    reason: '',
    confirmed: 'yes',
  });
  assert.equal(passed.statusCode, 302);
  assert.equal(
    (await api(world, 'commissioner', 'GET', `/api/v1/applications/${heron}`)).json().progress.stage,
    'quality',
  );
});

test('the tier allocation is checked first: the rule, each zone’s Tier 1 and Tier 2, and that providers are told', async () => {
  const { vehicle } = await tieredFrameworkThroughEvaluation(world, 'TIERS-CHECK');
  const url = `/vehicles/${vehicle.id}/tiers`;
  await commissioner.get(url);
  const unknown = await commissioner.post(url, { rule: 'by-lottery', reason: '' });
  assert.equal(unknown.statusCode, 400);
  assert.doesNotMatch(unknown.body, /Check your answers/);

  const confirming = { rule: 'coverage-then-score', reason: 'Fills a Tier 1 place in both zones' };
  const check = await commissioner.post(url, confirming);
  assert.equal(check.statusCode, 200, check.body.slice(0, 500));
  assertCheckPage(check.body, /Confirm the tier allocation for Supported Living Framework<\/h1>/, url);
  assert.match(check.body, row('Rule', 'Coverage then score'));
  assert.match(check.body, row('Reason', 'Fills a Tier 1 place in both zones'));
  assert.match(
    check.body,
    row(
      'North',
      'Tier 1: 1 provider for 1 place \\(Kestrel Care Ltd, 60.00\\). Tier 2: 1 provider \\(Heron Supported Living Ltd, 92.00\\).',
    ),
  );
  assert.match(check.body, row('Central', 'Tier 1: no places. Tier 2: no providers.'));
  assert.match(
    check.body,
    row('South', 'Tier 1: 1 provider for 1 place \\(Heron Supported Living Ltd, 92.00\\). Tier 2: no providers.'),
  );
  assert.match(check.body, /Each provider will be told its tier in each zone, and why, in its award letter/);
  assert.match(check.body, />\s*Confirm tiers\s*</);
  const proposal = async () => (await api(world, 'commissioner', 'GET', `/api/v1${url}`)).json();
  assert.equal((await proposal()).confirmed, null, 'nothing confirmed yet');

  const changing = await commissioner.post(url, { ...confirming, change: 'yes' });
  assert.match(changing.body, /Fills a Tier 1 place in both zones<\/textarea>/, 'Change: the form as typed');
  assert.match(changing.body, /value="coverage-then-score" checked/);

  const confirmed = await commissioner.post(url, { ...confirming, confirmed: 'yes' });
  assert.equal(confirmed.statusCode, 302, confirmed.body.slice(0, 500));
  assert.equal((await proposal()).confirmed.rule, 'coverage-then-score');
  const again = await commissioner.post(url, { ...confirming, confirmed: 'yes' });
  assert.equal(again.statusCode, 400, 'a second confirmation keeps nothing more');
  assert.match(again.body, /This allocation has already been confirmed/);
  assert.equal(await audited(vehicle.id, 'tiers.confirm'), 1);
});

test('the award is checked first: who is awarded what, the standstill and its end, and the letters', async () => {
  const { vehicle } = await tieredFrameworkThroughEvaluation(world, 'AWARD-CHECK');
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'coverage-then-score' });
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
  const url = `/vehicles/${vehicle.id}/award`;
  await commissioner.get(url);
  const today = isoDateInLondon(new Date());
  const [year, month, day] = today.split('-').map(Number);
  const notice = { 'noticeDate-day': String(day), 'noticeDate-month': String(month), 'noticeDate-year': String(year) };

  const blank = await commissioner.post(url, {});
  assert.equal(blank.statusCode, 400, 'no date: the form, not the check');
  assert.doesNotMatch(blank.body, /Check your answers/);

  const check = await commissioner.post(url, notice);
  assert.equal(check.statusCode, 200, check.body.slice(0, 500));
  assertCheckPage(check.body, /Decide the award of Supported Living Framework<\/h1>/, url);
  assert.match(
    check.body,
    row(
      'Awarded to Heron Supported Living Ltd',
      'North: supported living, complex needs \\(Tier 2\\); South: supported living, complex needs \\(Tier 1\\)',
    ),
  );
  assert.match(check.body, row('Awarded to Kestrel Care Ltd', 'North: supported living, complex needs \\(Tier 1\\)'));
  assert.match(check.body, row('Date the notice is sent or published', longDate(today)));
  assert.match(
    check.body,
    row('Standstill', 'Procurement Act 2023: 8 working days beginning with the day the notice is published'),
  );
  assert.match(check.body, /Award letters will be issued to the 2 tenderers awaiting the decision/);
  const view = async () => (await api(world, 'commissioner', 'GET', `/api/v1${url}`)).json();
  assert.equal((await view()).decision, null, 'nothing decided yet');

  const decided = await commissioner.post(url, { ...notice, confirmed: 'yes' });
  assert.equal(decided.statusCode, 302, decided.body.slice(0, 500));
  const { decision } = await view();
  assert.match(check.body, row('Standstill ends', `At midnight at the end of ${longDate(decision.standstillEnds)}`));
  assert.match(check.body, row('Contracts may start', `On ${longDate(decision.earliestContractDate)} at the earliest`));
  const again = await commissioner.post(url, { ...notice, confirmed: 'yes' });
  assert.equal(again.statusCode, 400, 'a second confirmation decides nothing more');
  assert.equal(await audited(vehicle.id, 'vehicle.award'), 1);
});
