// Evaluation in a real browser: a commissioner passes selection, an evaluator declares and scores,
// the commissioner moderates to agreed scores and passes quality, a finance officer does the
// financial check. axe-core checks every page on the way.
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { isoDateInLondon, longDate as inWords } from '../../src/platform/domain/calendar.ts';
import { bankHolidays } from '../../src/platform/reference/reference-data.ts';
import { longDate, standstill } from '../../src/procurement/domain/standstill.ts';
import { api } from '../support/test-app.ts';
import { answerEverything, openVehicle, tieredFrameworkThroughEvaluation } from '../support/procurement.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad, fillDate } from '../support/browser.ts';

const skip = browserSkipReason();

/** On a check-your-answers page titled `title`: checks it with axe, then confirms with `button`. */
async function confirmCheck(page: Page, title: string, button: string) {
  assert.ok(await page.getByRole('heading', { name: title, level: 1 }).isVisible(), `the check page "${title}"`);
  await assertAccessible(page);
  await clickAndLoad(page, page.getByRole('button', { name: button, exact: true }));
}

const journey = browserJourneys(skip);

test('selection, scoring, moderation and the financial check, each by the right person', { skip }, async () => {
  const { world } = journey;
  let { page } = journey;
  const vehicle = await openVehicle(world);
  const application = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json()
    .application;
  await api(world, 'provider_user', 'PUT', `/api/v1/applications/${application.id}/lots`, {
    lotIds: [vehicle.lots[0]!.id],
  });
  await answerEverything(world, application.id, vehicle.questions);
  await api(world, 'provider_user', 'POST', `/api/v1/applications/${application.id}/submit`);

  await journey.signIn(world.emails.commissioner, '/');
  await journey.visit(`/applications/${application.id}`);
  await clickAndLoad(page, page.getByRole('button', { name: 'Record outcome' }));
  await assertAccessible(page);
  await page.getByLabel('Pass').check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Record outcome' }));
  await confirmCheck(page, 'Pass Heron Supported Living Ltd at selection', 'Record pass');
  assert.ok(await page.getByText('Quality questions', { exact: true }).first().isVisible());
  page = await journey.nextPerson();

  await journey.signIn(world.emails.evaluator, '/');
  await journey.visit(`/vehicles/${vehicle.id}/evaluation`);
  await clickAndLoad(page, page.getByRole('button', { name: 'Make declaration' }));
  await assertAccessible(page);
  await page.getByLabel('No', { exact: true }).check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Make declaration' }));
  await clickAndLoad(page, page.getByRole('link', { name: /^Score/ }));
  await assertAccessible(page);
  const [first, second] = vehicle.questions.filter((q) => q.kind === 'quality');
  await page.locator(`#score-${first!.id}`).selectOption('4');
  await page.locator(`#comment-${first!.id}`).fill('Names its partner colleges');
  await clickAndLoad(page, page.getByRole('button', { name: 'Submit scores' }));
  await assertAccessible(page);
  assert.ok(await page.getByRole('link', { name: /^Score "How will you support people/ }).isVisible());
  await page.locator(`#score-${second!.id}`).selectOption('3');
  await page.locator(`#comment-${second!.id}`).fill('Sound');
  await clickAndLoad(page, page.getByRole('button', { name: 'Submit scores' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('Your scores have been submitted').isVisible());
  page = await journey.nextPerson();

  await journey.signIn(world.emails.commissioner, '/');
  await journey.visit(`/vehicles/${vehicle.id}/evaluation`);
  await clickAndLoad(page, page.getByRole('link', { name: /^Moderate/ }));
  await assertAccessible(page);
  for (const [question, score] of [
    [first!, '4'],
    [second!, '3'],
  ] as const) {
    await page.locator(`#score-${question.id}`).selectOption(score);
    await page.locator(`#rationale-${question.id}`).fill('Agreed at the moderation meeting');
    await clickAndLoad(page, page.locator(`form[action$="${question.id}"] button`));
    await assertAccessible(page);
  }
  assert.ok(await page.getByText('72.00').isVisible(), '60 × 4/5 + 40 × 3/5');
  await journey.visit(`/applications/${application.id}`);
  await page.getByLabel('Pass').check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Record outcome' }));
  await confirmCheck(page, 'Pass Heron Supported Living Ltd at quality questions', 'Record pass');
  page = await journey.nextPerson();

  await journey.signIn(world.emails.finance_officer, '/');
  await journey.visit(`/applications/${application.id}`);
  assert.ok(await page.getByText('Record the outcome of financial check').isVisible());
  await page.getByLabel('Pass').check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Record outcome' }));
  await confirmCheck(page, 'Pass Heron Supported Living Ltd at financial check', 'Record pass');
  await assertAccessible(page);
  assert.ok(await page.getByText('The stage outcome has been recorded').isVisible());
});

test(
  'a commissioner compares the two tier rules, confirms one and awards; a provider reads its letter',
  { skip },
  async () => {
    const { world } = journey;
    let { page } = journey;
    const { vehicle } = await tieredFrameworkThroughEvaluation(world, 'TIERS-1');

    await journey.signIn(world.emails.commissioner, '/');
    await journey.visit(`/vehicles/${vehicle.id}/tiers`);
    assert.equal(await page.locator('#differences li').count(), 3);
    await page.getByRole('radio', { name: 'Coverage then score' }).check();
    await page.getByLabel('Reason (optional)').fill('Fills a Tier 1 place in both zones');
    await clickAndLoad(page, page.getByRole('button', { name: 'Confirm allocation' }));
    await confirmCheck(page, 'Confirm the tier allocation for Supported Living Framework', 'Confirm tiers');
    await assertAccessible(page);
    assert.ok(await page.getByText('The tier allocation has been confirmed').isVisible());
    assert.ok(await page.getByRole('heading', { name: 'Confirmed: Coverage then score' }).isVisible());

    await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
    await journey.visit(`/vehicles/${vehicle.id}/award`);
    // Published today: the standstill's end is worked out as the service must (the rule's own
    // cases, Christmas among them, are in its unit tests).
    const noticeDate = isoDateInLondon(new Date());
    const period = standstill('pa2023', noticeDate, bankHolidays());
    await fillDate(page, 'Date the notice is sent or published', noticeDate);
    await clickAndLoad(page, page.getByRole('button', { name: 'Decide award' }));
    await confirmCheck(page, 'Decide the award of Supported Living Framework', 'Decide award');
    await assertAccessible(page);
    assert.ok(await page.getByText(`the 8th is ${longDate(period.ends)}`).isVisible());
    await fillDate(page, 'Day the contracts start', period.ends);
    await clickAndLoad(page, page.getByRole('button', { name: 'Start contracts' }));
    await assertAccessible(page);
    const tooEarly = `can start on ${inWords(period.earliestContractDate)} at the earliest`;
    assert.ok(await page.getByRole('link', { name: tooEarly }).isVisible());
    await fillDate(page, 'Day the contracts start', period.earliestContractDate);
    await clickAndLoad(page, page.getByRole('button', { name: 'Start contracts' }));
    assert.ok(await page.getByText('The contracts have started').isVisible());
    await page.locator('#memberships summary').first().click();
    await page.locator('#memberships form').first().getByLabel('New status').selectOption('suspended');
    await page
      .locator('#memberships form')
      .first()
      .getByLabel('Reason')
      .fill('Embargo on new placements after a safeguarding concern');
    await clickAndLoad(
      page,
      page.locator('#memberships form').first().getByRole('button', { name: 'Change membership' }),
    );
    await assertAccessible(page);
    assert.ok(await page.getByText('The membership has been changed').isVisible());
    assert.ok(await page.locator('#memberships td', { hasText: /^Suspended$/ }).isVisible());

    page = await journey.nextPerson();
    await journey.signIn(world.emails.other_provider_user, '/');
    await journey.visit('/applications');
    await clickAndLoad(page, page.getByRole('link', { name: 'Supported Living Framework' }));
    await clickAndLoad(page, page.getByRole('link', { name: 'Your award letter' }));
    await assertAccessible(page);
    assert.ok(await page.getByText('Successful tenderers scored from 60.00 to 92.00').isVisible());
  },
);
