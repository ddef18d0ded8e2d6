// The foundation journey in a real browser: sign in, find a provider by its CQC ID, open it,
// submit an edit with a bad value and see the error summary, fix it and see it saved, sign out.
// axe-core checks every page on the way.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, testWorld, type TestWorld } from '../support/test-app.ts';
import { assertAccessible, browserSkipReason, clickAndLoad, launchBrowser } from '../support/browser.ts';

const skip = browserSkipReason();
let world: TestWorld;
let browser: Browser;
let page: Page;
let base: string;

before(async () => {
  if (skip) return;
  world = await testWorld();
  await world.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
// Each journey in its own browser context: its own cookies, as a separate person.
beforeEach(async () => {
  if (skip) return;
  page = await (await browser.newContext({ bypassCSP: true })).newPage();
});
after(async () => {
  if (skip) return;
  await browser.close();
  await world.close();
});

async function visit(path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await assertAccessible(page);
}

test('a commissioner finds a provider by CQC ID, corrects its details and signs out', { skip }, async () => {
  await visit('/providers');
  assert.match(page.url(), /\/sign-in\?next=%2Fproviders$/);
  await page.getByLabel('Email address').fill(world.emails.commissioner);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }));
  await page.waitForURL(`${base}/providers`);
  await assertAccessible(page);

  await page.getByLabel('Search').fill('1-201000002');
  await clickAndLoad(page, page.getByRole('button', { name: 'Search' }));
  await page.waitForURL(/search=1-201000002/);
  await assertAccessible(page);
  assert.equal(await page.locator('#providers tbody tr').count(), 1);
  await clickAndLoad(page, page.getByRole('link', { name: 'Kestrel Care Ltd' }));
  await assertAccessible(page);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Kestrel Care Ltd');

  await clickAndLoad(page, page.getByRole('link', { name: 'Kestrel Care Ltd – Stafford' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('Requires improvement').isVisible());
  await clickAndLoad(page, page.getByRole('link', { name: 'Back to Kestrel Care Ltd' }));

  await clickAndLoad(page, page.getByRole('link', { name: /Edit provider/ }));
  await assertAccessible(page);
  await page.getByLabel('Postcode').fill('ZZ');
  await page.getByLabel('Phone (optional)').fill('01785 000111');
  await clickAndLoad(page, page.getByRole('button', { name: 'Save provider' }));
  await assertAccessible(page);
  assert.ok(await page.getByRole('alert').getByText('There is a problem').isVisible());
  await page.getByRole('link', { name: /Enter a full UK postcode/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'postcode');
  assert.equal(await page.getByLabel('Phone (optional)').inputValue(), '01785 000111');

  await page.getByLabel('Postcode').fill('st17 4ab');
  await clickAndLoad(page, page.getByRole('button', { name: 'Save provider' }));
  await page.waitForURL(`${base}/providers/${world.otherProviderId}`);
  await assertAccessible(page);
  assert.ok(await page.getByText('Your changes have been saved').isVisible());
  assert.ok(await page.getByText('01785 000111').isVisible());

  await clickAndLoad(page, page.getByRole('link', { name: 'History of changes' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('provider.update').first().isVisible());

  await visit('/api/docs');
  await visit('/account');
  await clickAndLoad(page, page.getByRole('button', { name: 'Sign out' }));
  await page.waitForURL(`${base}/sign-in`);
  await assertAccessible(page);
  await page.goto(`${base}/providers`);
  assert.match(page.url(), /\/sign-in/);
});

test('an administrator\'s pages are accessible: people, adding and changing a person, the audit trail, the CQC import', { skip }, async () => {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(world.emails.administrator);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }));
  await page.waitForURL(`${base}/`);
  await assertAccessible(page);
  for (const path of ['/admin/users', '/audit', '/admin/import-cqc', '/providers/new']) await visit(path);

  await visit('/admin/users/new');
  await clickAndLoad(page, page.getByRole('button', { name: 'Add person' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('Choose at least one role').first().isVisible());

  await visit('/admin/users');
  await clickAndLoad(page, page.getByRole('link', { name: 'Test auditor' }));
  await assertAccessible(page);
  await page.getByLabel('New password (optional)').fill('short');
  await clickAndLoad(page, page.getByRole('button', { name: 'Save changes' }));
  await assertAccessible(page);
  assert.ok(await page.getByRole('link', { name: /at least 12 characters/ }).isVisible());
  await page.getByLabel('New password (optional)').fill('a long enough passphrase');
  await clickAndLoad(page, page.getByRole('button', { name: 'Save changes' }));
  assert.ok(await page.getByText('The changes have been saved').isVisible());

  await visit('/admin/import-cqc');
  await page.getByLabel('CQC file').setInputFiles(new URL('../fixtures/cqc/locations-with-ratings-sample.csv', import.meta.url).pathname);
  await clickAndLoad(page, page.getByRole('button', { name: 'Import' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('Import finished').isVisible());
  await visit('/nowhere');
});
