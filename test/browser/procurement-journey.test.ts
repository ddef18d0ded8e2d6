// A commissioner sets up a procurement vehicle in a real browser: the form with a mistake, its
// lots, opening it; an evaluator reads it. axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

test('a commissioner sets up a tiered framework, sets its lots and opens it', { skip }, async () => {
  const { page, world, base } = journey;
  await journey.signIn(world.emails.commissioner, '/');
  await journey.visit('/vehicles');
  await clickAndLoad(page, page.getByRole('button', { name: 'Set up a vehicle' }));
  await assertAccessible(page);

  await page.getByLabel('Reference').fill('WVCC-SL-FW-2026');
  await page.getByLabel('Name', { exact: true }).fill('Supported Living Framework 2026');
  await page.getByLabel('Framework', { exact: true }).check();
  await page.getByRole('group', { name: 'Rules it runs under' }).getByLabel('Procurement Act 2023').check();
  await page.getByLabel('Estimated total value (optional)').fill('£70,000,000');
  const submission = page.getByRole('group', { name: 'Submission deadline (optional)' });
  await submission.getByLabel('Day').fill('2');
  await submission.getByLabel('Month').fill('3');
  await submission.getByLabel('Year').fill('2026');
  for (const zone of ['North', 'Central', 'South'])
    await page.getByRole('group', { name: 'Zones it covers' }).getByLabel(zone).check();
  await page.getByRole('group', { name: 'Is the vehicle tiered?' }).getByLabel('Yes').check();
  await page.getByLabel('Tier 1 places in North').fill('3');
  await page.getByLabel('Tier 1 places in Central').fill('4');
  await page.getByLabel('Most zones a Tier 1 provider may hold').fill('2');
  await page.getByLabel('Quality threshold, %').fill('60');
  await page.getByLabel(/Coverage then score/).check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Save vehicle' }));
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Enter the Tier 1 places in each zone' }).click();
  await page.getByLabel('Tier 1 places in South').fill('3');
  await clickAndLoad(page, page.getByRole('button', { name: 'Save vehicle' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('has been set up as a draft').isVisible());
  const vehicleUrl = page.url();

  await clickAndLoad(page, page.getByRole('link', { name: 'Set lots' }));
  await assertAccessible(page);
  for (const label of ['North', 'Central', 'South', 'Supported living', 'Highly complex', 'Complex', 'Less complex'])
    await page.getByLabel(label, { exact: true }).check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Set lots' }));
  await assertAccessible(page);
  assert.equal(await page.locator('#lots tbody tr').count(), 9);

  await page.getByLabel('Open for applications').check();
  await page.getByLabel('Reason (optional)').fill('Advert published on Find a Tender');
  await clickAndLoad(page, page.getByRole('button', { name: 'Change status' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('is now open for applications').isVisible());
  await clickAndLoad(page, page.getByRole('link', { name: 'History of changes' }));
  await assertAccessible(page);
  assert.equal(page.url().startsWith(`${base}/history/vehicle/`), true);
  await page.goto(vehicleUrl);

  // The list of vehicles: filtered by kind, sorted by its lots, and counting them.
  await journey.visit('/vehicles');
  await page.getByLabel('Kind').selectOption('framework');
  await page.getByLabel('Search').fill('2026');
  await clickAndLoad(page, page.getByRole('button', { name: 'Search' }));
  await assertAccessible(page);
  await clickAndLoad(page, page.getByRole('link', { name: /^Lots/ }));
  await assertAccessible(page);
  const row = page.locator('#vehicles tbody tr', { hasText: 'Supported Living Framework 2026' });
  assert.equal(await row.locator('td').nth(6).textContent(), '9');
  assert.ok(await page.getByRole('link', { name: 'CSV' }).isVisible());
});
