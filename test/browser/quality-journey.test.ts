// The quality framework in a real browser: a quality officer finds it in the menu, starts from
// Hearth's own and reads its rules and questions; an auditor reads an earlier version. axe-core
// checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

test('a quality officer starts the framework from Hearth’s own, and an auditor reads it', { skip }, async () => {
  const { page, world } = journey;
  await journey.signIn(world.emails.quality_officer, '/');
  await clickAndLoad(
    page,
    page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Quality framework' }),
  );
  await assertAccessible(page);
  assert.match(await page.locator('main').innerText(), /no quality assessment framework yet/);
  await clickAndLoad(page, page.getByRole('button', { name: 'Start from Hearth’s framework' }));
  await page.waitForURL(`${journey.base}/quality/framework`);
  await assertAccessible(page);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Supported living quality framework');
  assert.match(await page.locator('#domain-rule').innerText(), /Any Poor rating makes it Requires Improvement at best/);
  assert.equal(await page.locator('main tbody tr').count(), 20, 'every question shown');

  const auditorPage = await journey.nextPerson();
  await journey.signIn(world.emails.auditor, '/');
  await clickAndLoad(
    auditorPage,
    auditorPage.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Quality framework' }),
  );
  await assertAccessible(auditorPage);
  assert.equal(await auditorPage.getByRole('button', { name: 'Start from Hearth’s framework' }).count(), 0);
  await clickAndLoad(auditorPage, auditorPage.getByRole('link', { name: 'Version 1' }));
  await auditorPage.waitForURL(`${journey.base}/quality/framework/versions/1`);
  await assertAccessible(auditorPage);
});
