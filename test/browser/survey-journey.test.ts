// The easy-read survey in a real browser: a quality officer makes a one-time link on a placement's
// survey page; the person opens it with no account and fills the survey in by keyboard only (Tab,
// Space, arrow keys and Enter; never a mouse click) through all seven screens; the link then opens
// nothing more. axe-core, the Content-Security-Policy and the narrow-screen check on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { surveyResponses } from '../../src/quality/survey-schema.ts';
import { SURVEY_STATEMENTS } from '../../src/quality/domain/survey.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';
import { placementWith } from '../support/survey.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

/** Presses Tab until `target` has the focus, as someone moving through the page by keyboard would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 30; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  assert.fail(`Tab never reached ${String(target)} on ${page.url()}`);
}

/** Presses a key that loads a new page, and waits for it. */
async function pressAndLoad(page: Page, key: string): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.keyboard.press(key);
  await loaded;
}

test(
  'a person fills in the easy-read survey by keyboard only, through a link that then works no more',
  { skip },
  async () => {
    const { world } = journey;
    const placementId = await placementWith(world);

    let page = journey.page;
    await journey.signIn(world.emails.quality_officer, '/');
    await journey.visit(`/quality/placements/${placementId}/survey`);
    await page.getByRole('group', { name: 'Who the link is for' }).getByLabel('The person themselves').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Make link' }));
    await assertAccessible(page);
    const url = new URL(await page.locator('#link-url').innerText());
    assert.match(url.pathname, /^\/survey\/[A-Za-z0-9_-]{43}$/);

    page = await journey.nextPerson();
    await journey.visit(url.pathname);
    const main = page.locator('main');
    assert.match(await main.innerText(), /This is about where you live and the people who help you\./);
    assert.equal(await page.getByRole('navigation', { name: 'Menu' }).count(), 0, 'nothing of Hearth but the survey');
    await tabTo(page, page.getByRole('button', { name: 'Start' }));
    await pressAndLoad(page, 'Enter');

    // Next without choosing: the error says what to do, and the screen is still accessible.
    await assertAccessible(page);
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await pressAndLoad(page, 'Enter');
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose an answer/);

    for (const [index, statement] of SURVEY_STATEMENTS.entries()) {
      assert.match(await main.innerText(), new RegExp(`Question ${index + 1} of 7`));
      const answers = page.getByRole('group', { name: statement.text });
      await tabTo(page, answers.getByRole('radio').first());
      await page.keyboard.press('Space');
      // The third: Sometimes, one down from Yes with the arrow key.
      if (index === 2) await page.keyboard.press('ArrowDown');
      await tabTo(page, page.getByRole('button', { name: 'Next' }));
      await pressAndLoad(page, 'Enter');
      await assertAccessible(page);
    }

    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Your answers');
    assert.match(await main.innerText(), /I feel safe where I live\s+Sometimes/);
    await tabTo(page, page.getByRole('button', { name: 'Send' }));
    await pressAndLoad(page, 'Enter');
    await assertAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Thank you');

    const saved = await world.db.select().from(surveyResponses).where(eq(surveyResponses.placementId, placementId));
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.method, 'link');
    assert.deepEqual(saved[0]!.answers, {
      'choose-my-day': 'yes',
      'staff-listen': 'yes',
      'feel-safe': 'sometimes',
      'like-my-home': 'yes',
      'know-my-staff': 'yes',
      'do-things-i-enjoy': 'yes',
      'can-complain': 'yes',
    });

    await journey.visit(url.pathname);
    assert.equal(
      await page.getByRole('heading', { level: 1 }).innerText(),
      'This link has already been used or has expired',
    );
  },
);

test('the results page reads well and hides a provider with fewer than five responses', { skip }, async () => {
  const { page, world } = journey;
  await journey.signIn(world.emails.auditor, '/');
  await clickAndLoad(
    page,
    page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People’s survey' }),
  );
  await assertAccessible(page);
  assert.match(
    await page.locator('main').innerText(),
    /Heron Supported Living Ltd: 1 response\s+Fewer than 5 responses: not shown/,
  );
});
