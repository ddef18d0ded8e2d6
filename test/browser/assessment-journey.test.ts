// A quality assessment in a real browser, from a service due its assessment to a published one
// with an action plan the provider has worked through; then a commissioner's default notice and
// embargo reach the provider and brokerage. axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad, fillDate } from '../support/browser.ts';
import { contractedService, frameworkInUse } from '../support/quality.ts';
import { api } from '../support/test-app.ts';
import { commandLineActor } from '../../src/platform/audit/service.ts';
import { addDays, isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import { closeEndedWindows } from '../../src/quality/assessment-service.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);
const today = () => isoDateInLondon(new Date());
const QUESTIONS = ['I', 'P', 'S', 'W', 'M'].flatMap((domain) => [1, 2, 3, 4].map((n) => `${domain}${n}`));

const menu = (page: Page, name: string) =>
  clickAndLoad(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true }));
const press = async (page: Page, name: string) => {
  await clickAndLoad(page, page.getByRole('button', { name, exact: true }));
  await assertAccessible(page);
};
const open = async (page: Page, name: string) => {
  await clickAndLoad(page, page.getByRole('link', { name, exact: true }).first());
  await assertAccessible(page);
};

test(
  'a service due its assessment is assessed, checked by its provider, published and its plan worked through',
  { skip },
  async () => {
    const { world } = journey;
    await frameworkInUse(world);
    await contractedService(world, 'provider', addDays(today(), 20));
    let page = journey.page;

    // The officer finds the service due on the schedule, plans the visit and rates it.
    await journey.signIn(world.emails.quality_officer, '/');
    await menu(page, 'Assessment schedule');
    await assertAccessible(page);
    assert.match(await page.locator('#services').innerText(), /Heron Supported Living Ltd – Stafford[\s\S]*Due/);
    await open(page, 'Heron Supported Living Ltd – Stafford');
    await press(page, 'Plan an assessment');
    await page.getByLabel('Unannounced').check();
    await fillDate(page, 'Date of the visit', today());
    await press(page, 'Plan assessment');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Assessment planned/);
    const assessmentUrl = page.url();
    const id = assessmentUrl.split('/').pop()!;
    // Nineteen questions are rated through the API; one is rated and evidenced on its page, as an officer would.
    for (const questionKey of QUESTIONS.filter((key) => key !== 'P3')) {
      const rated = await api(world, 'quality_officer', 'PUT', `/api/v1/quality/assessments/${id}/ratings`, {
        questionKey,
        rating: 'good',
        reason: 'Seen on the visit',
      });
      assert.equal(rated.statusCode, 200);
    }
    await page.reload();
    await open(page, 'P3 Are people supported with their health and medicines?');
    await page.getByLabel('Poor').check();
    await page.getByLabel('Why it is rated so').fill('Two of three medication records had gaps in signatures.');
    await press(page, 'Save rating');
    await page.getByLabel('Kind of evidence').selectOption({ label: 'Records sampled' });
    await fillDate(page, 'Date seen', today());
    await page.getByLabel('What was seen, heard or read').fill('Medication records for three people, last four weeks.');
    await press(page, 'Record evidence');
    assert.match(await page.locator('#evidence').innerText(), /Records sampled/);
    await page.goto(assessmentUrl);
    assert.match(await page.locator('main').innerText(), /Personalised care and support: Requires Improvement/);
    await press(page, 'Send to the provider to check its facts');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Sent to the provider/);

    // The provider finds it, reads the working and comments on the question.
    page = await journey.nextPerson();
    await journey.signIn(world.emails.provider_user, '/');
    await menu(page, 'Quality assessments');
    await assertAccessible(page);
    await open(page, 'Heron Supported Living Ltd – Stafford');
    await open(page, 'P3 Are people supported with their health and medicines?');
    await page
      .getByLabel('Your comment on the facts')
      .fill('The gaps were agency shifts; weekly audits began in the same week.');
    await press(page, 'Send comment');
    assert.match(await page.locator('main').innerText(), /Not decided yet/);

    // The window ends; the officer accepts the comment and publishes after checking the ratings.
    const { commentsDueOn } = (await api(world, 'auditor', 'GET', `/api/v1/quality/assessments/${id}`)).json();
    await closeEndedWindows(world.db, commandLineActor, addDays(commentsDueOn, 1));
    page = await journey.nextPerson();
    await journey.signIn(world.emails.quality_officer, '/');
    await page.goto(`${assessmentUrl}/questions/P3`);
    await assertAccessible(page);
    await page.getByLabel('Accepted').check();
    await page.getByLabel('Reason').fill('Weekly audits seen; the rating stands until they have run for three months.');
    await press(page, 'Record decision');
    await page.goto(assessmentUrl);
    await press(page, 'Publish');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Publish this assessment');
    await press(page, 'Publish assessment');
    assert.match(await page.locator('main').innerText(), /Status\s+Published/);
    await press(page, 'Add an action');
    await page.getByLabel('The question it answers').selectOption('P3');
    await page.getByLabel('What must be done').fill('Audit medication records weekly');
    await page.getByLabel('Who at the provider owns it').fill('Registered manager');
    await fillDate(page, 'Due by', addDays(today(), 30));
    await press(page, 'Add action');
    assert.match(await page.locator('#action-plan').innerText(), /Audit medication records weekly/);

    // The provider reports it done, with its audit as evidence.
    page = await journey.nextPerson();
    await journey.signIn(world.emails.provider_user, '/');
    await menu(page, 'Action plans');
    await assertAccessible(page);
    await open(page, 'Audit medication records weekly');
    await page.getByLabel('Done: awaiting sign-off').check();
    await page.getByLabel('What has been done').fill('Audits every Monday since the visit; no gaps in four weeks.');
    await page.getByLabel('Evidence (optional)').setInputFiles({
      name: 'medication-audits.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Week 1: no gaps\nWeek 2: no gaps\n'),
    });
    await press(page, 'Send progress');
    assert.match(await page.locator('#history').innerText(), /medication-audits\.txt/);

    // The officer signs it off and closes the plan.
    page = await journey.nextPerson();
    await journey.signIn(world.emails.quality_officer, '/');
    await menu(page, 'Action plans');
    await open(page, 'Audit medication records weekly');
    await page.getByLabel('Note for the provider').fill('Audits seen: signed off.');
    await press(page, 'Sign off action');
    await page.goto(assessmentUrl);
    await press(page, 'Close the action plan');
    assert.match(await page.locator('main').innerText(), /Closed on/);
  },
);

test('a commissioner’s default notice and embargo reach the provider and brokerage', { skip }, async () => {
  const { world } = journey;
  let page = journey.page;
  await journey.signIn(world.emails.commissioner, '/');
  for (const kind of ['Default notice', 'Embargo on new placements']) {
    await menu(page, 'Contract actions');
    await assertAccessible(page);
    await press(page, 'Issue a contract action');
    await page.getByLabel(kind).check();
    await page.getByLabel('Provider').selectOption({ label: 'Heron Supported Living Ltd' });
    await press(page, 'Continue');
    if (kind === 'Default notice') {
      await page.getByLabel('The default').fill('Medication audits were not carried out as the contract requires.');
      await page
        .getByLabel('What the provider must do to put it right')
        .fill('Weekly audits, sent to the council monthly.');
      await fillDate(page, 'Cure date', addDays(today(), 28));
    }
    await page.getByLabel('Reason for the action').fill('The quality assessment found medication gaps.');
    await fillDate(page, 'Starts', today());
    await press(page, 'Continue');
    await press(page, `Issue the ${kind.toLowerCase()}`);
  }
  await menu(page, 'Embargoes');
  await assertAccessible(page);
  assert.match(await page.locator('main').innerText(), /Heron Supported Living Ltd/);

  page = await journey.nextPerson();
  await journey.signIn(world.emails.provider_user, '/');
  await menu(page, 'Contract actions');
  await assertAccessible(page);
  await open(page, 'Default notice');
  assert.match(await page.locator('main').innerText(), /Weekly audits, sent to the council monthly/);
  await press(page, 'Acknowledge');
  assert.match(await page.locator('main').innerText(), /Acknowledged/);
});
