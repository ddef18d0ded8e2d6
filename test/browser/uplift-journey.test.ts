// An uplift in a real browser: a finance officer proposes one and leaves out the index figure,
// sees the error against that box with what was typed kept, fixes it and sees the methods side by
// side; a commissioner approves it through the check page with the decision's reference; the
// provider reads its letter in its portal. axe-core and the Content-Security-Policy on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad, fillDate } from '../support/browser.ts';
import { liveTieredFramework } from '../support/procurement.ts';
import { placeNewPerson, RATE_CARD, schemeWithVacancies } from '../support/brokerage.ts';
import { api } from '../support/test-app.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

test('an uplift is proposed, fixed, approved, and its letter read by the provider', { skip }, async () => {
  const { world } = journey;
  const { vehicle, memberships } = await liveTieredFramework(world);
  // Last year's card, so that April 2026's National Living Wage (£12.21 → £12.71) lifts it.
  const card = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/rate-cards`, {
    ...RATE_CARD,
    effectiveFrom: '2025-04-01',
  });
  assert.equal(card.statusCode, 201, card.body);
  const membership = memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  const { units } = await schemeWithVacancies(
    world,
    { providerId: world.otherProviderId, membershipId: membership.id },
    ['Flat A'],
  );
  const placed = await placeNewPerson(world, {
    providerId: world.otherProviderId,
    membershipId: membership.id,
    unitId: units[0]!.unit.id,
  });

  const { page } = journey;
  await journey.signIn(world.emails.finance_officer, '/');
  await clickAndLoad(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Uplifts' }));
  await assertAccessible(page);
  await clickAndLoad(page, page.getByRole('button', { name: 'Propose an uplift' }));
  await assertAccessible(page);
  await page.getByLabel('Vehicle').selectOption(vehicle.id);
  await fillDate(page, 'New rates from', '2026-04-01');
  await page.getByLabel('Staff share of each rate, per cent').fill('70');
  await page.getByLabel('Month the figure is for').fill('2025-09');
  await page.getByLabel('Where it was published').fill('Office for National Statistics, September 2025');
  await page.getByLabel('Flat percentage to compare (optional)').fill('4.5');
  await clickAndLoad(page, page.getByRole('button', { name: 'Work out the uplift' }));
  await assertAccessible(page);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the index figure/);
  assert.match(await page.locator('#indexPercent-error').innerText(), /Enter the index figure/);
  assert.equal(
    await page.getByLabel('Staff share of each rate, per cent').inputValue(),
    '70',
    'what was typed is kept',
  );

  await page.getByLabel('Index figure, per cent over 12 months').fill('3.8');
  await clickAndLoad(page, page.getByRole('button', { name: 'Work out the uplift' }));
  await assertAccessible(page);
  assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'the proposal is saved');
  assert.match(await page.locator('h1').innerText(), /April 2026 uplift/);
  const methods = await page.locator('#alternatives').innerText();
  // 0.7 × 1271/1221 + 0.3 × 1.038 = 1.04006…: 4.01%; NLW only 2.87%; flat 4.5%.
  assert.match(methods, /National Living Wage only\s[\s\S]*2\.87%/);
  assert.match(methods, /National Living Wage and CPI\s[\s\S]*4\.01%/);
  assert.match(methods, /Flat 4\.5%/);
  const upliftPath = new URL(page.url()).pathname;

  const commissioner = await journey.nextPerson();
  await journey.signIn(world.emails.commissioner, '/');
  await journey.visit(upliftPath);
  await commissioner.getByRole('radio', { name: /^National Living Wage and CPI/ }).check();
  await commissioner.getByLabel('Decision reference').fill('ODR/2026/031');
  await clickAndLoad(commissioner, commissioner.getByRole('button', { name: 'Continue' }));
  await assertAccessible(commissioner);
  const check = await commissioner.locator('main').innerText();
  assert.match(check, /Placements repriced\s+1/);
  assert.match(check, /ODR\/2026\/031/);
  // £1,450.00 × 1.04006… = £1,508.09.
  assert.match(check, /£1,450\.00\s+£1,508\.09/);
  await clickAndLoad(commissioner, commissioner.getByRole('button', { name: 'Approve the uplift' }));
  await assertAccessible(commissioner);
  assert.match(await commissioner.locator('.govuk-notification-banner').innerText(), /April 2026 uplift approved/);

  const provider = await journey.nextPerson();
  await journey.signIn(world.emails.other_provider_user, '/');
  await clickAndLoad(
    provider,
    provider.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Uplift letters' }),
  );
  await assertAccessible(provider);
  assert.equal(await provider.locator('main table tbody tr').count(), 1, 'its own letter only');
  await clickAndLoad(provider, provider.getByRole('link', { name: /April 2026 uplift/ }));
  await assertAccessible(provider);
  const letter = await provider.locator('main').innerText();
  assert.match(letter, /Approved by: ODR\/2026\/031/);
  assert.match(letter, /£1,450\.00\s+£1,508\.09/);
  assert.match(letter, new RegExp(`${placed.person.caseReference}\\s+2 November 2026\\s+£1,700\\.00`));
});
