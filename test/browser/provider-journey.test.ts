// The foundation journey in a real browser: sign in, find a provider by its CQC ID, open it,
// submit an edit with a bad value and see the error summary, fix it and see it saved, sign out.
// axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD } from '../support/test-app.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);
const visit = (path: string) => journey.visit(path);

test('a commissioner finds a provider by CQC ID, corrects its details and signs out', { skip }, async () => {
  const { page, world, base } = journey;
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

test(
  "an administrator's pages are accessible: people, adding and changing a person, the audit trail, the CQC import",
  { skip },
  async () => {
    const { page, world } = journey;
    await journey.signIn(world.emails.administrator, '/');
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
    await page
      .getByLabel('CQC file')
      .setInputFiles(new URL('../fixtures/cqc/locations-with-ratings-sample.csv', import.meta.url).pathname);
    await clickAndLoad(page, page.getByRole('button', { name: 'Import' }));
    await assertAccessible(page);
    assert.ok(await page.getByText('Import finished').isVisible());
    await visit('/nowhere');
  },
);
