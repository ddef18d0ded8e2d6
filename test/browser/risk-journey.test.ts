// The early-warning risk dashboard in a real browser: a quality officer sees each service's colour
// and reasons, changes a weight and sees which services would change colour before saving it,
// opens a Red service and follows a reason to its records; a provider sees only its own services.
// axe-core, the enforced Content-Security-Policy and the 375-pixel check run on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { companyInAdministration, contractedService, substantiatedConcerns } from '../support/quality.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

/** Heron's service has three substantiated concerns (Amber); Kestrel is in administration (Red). */
async function servicesWithHistory(): Promise<{ heron: string; kestrel: string }> {
  const { world } = journey;
  const heron = await contractedService(world, 'provider');
  const kestrel = await contractedService(world, 'other_provider');
  await substantiatedConcerns(world, heron, ['2026-09-14', '2026-10-20', '2026-11-12']);
  await companyInAdministration(world, world.otherProviderId, '2026-11-20');
  return { heron, kestrel };
}

test(
  'a quality officer changes a weight, sees which services would change, saves it and follows a reason to its record',
  { skip },
  async () => {
    const { page, world } = journey;
    const { heron } = await servicesWithHistory();
    await journey.signIn(world.emails.quality_officer, '/');
    await clickAndLoad(
      page,
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Risk dashboard' }),
    );
    await assertAccessible(page);
    const main = page.locator('main');
    assert.match(await main.innerText(), /1\s+Red/);
    assert.match(await main.innerText(), /Company in administration since 20 November 2026 \(red flag\)/);
    assert.match(await main.innerText(), /3 substantiated concerns in 12 months \(\+15\)/);
    assert.equal(await page.locator('figure svg[role="img"]').count(), 1, 'the colours over time are drawn');

    await clickAndLoad(page, page.getByRole('button', { name: 'Risk model' }));
    await assertAccessible(page);
    await page.getByLabel('Step 2: points for Substantiated contract concerns').fill('25');
    await page.getByLabel('What this change is and why').fill('Repeated substantiated concerns weigh more');
    await clickAndLoad(page, page.getByRole('button', { name: 'See what would change' }));
    await assertAccessible(page);
    assert.match(await main.innerText(), /1 service would change colour/);
    const changed = page.locator('main table tbody tr');
    assert.equal(await changed.count(), 1);
    assert.match(await changed.innerText(), /Amber \(20\)\s+Red \(30\)/);
    await clickAndLoad(page, page.getByRole('button', { name: 'Save this version' }));
    await page.waitForURL(`${journey.base}/quality/risk`);
    await assertAccessible(page);
    assert.match(await main.innerText(), /Version 1 of the risk model is saved/);
    assert.match(await main.innerText(), /2\s+Red/);

    await clickAndLoad(
      page,
      page
        .getByRole('link', { name: 'Search' })
        .or(page.locator(`a[href="/quality/risk/services/${heron}"]`))
        .first(),
    );
    await page.waitForURL(`${journey.base}/quality/risk/services/${heron}`);
    await assertAccessible(page);
    assert.match(await main.innerText(), /Red: 30 points/);
    await clickAndLoad(page, page.getByRole('link', { name: 'Open the records for substantiated contract concerns' }));
    await page.waitForURL(`${journey.base}/quality/intelligence?serviceId=${heron}&kind=concern`);
    await assertAccessible(page);
    assert.equal(await page.locator('main tbody tr').count(), 3, 'the three concerns behind the reason');
  },
);

test('a provider sees its own services’ colours and reasons, never another provider’s', { skip }, async () => {
  const { world } = journey;
  const page = await journey.nextPerson();
  await journey.signIn(world.emails.provider_user, '/');
  await clickAndLoad(
    page,
    page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Risk dashboard' }),
  );
  await assertAccessible(page);
  const text = await page.locator('main').innerText();
  assert.match(text, /Your services’ risk ratings/);
  assert.doesNotMatch(text, /Company in administration/, 'another provider’s reasons stay hidden');
  assert.equal(await page.getByLabel('Provider', { exact: true }).count(), 0, 'a provider is not asked which provider');
});
