// A terminated contract's transition plan in a real browser: a commissioner terminates a provider's
// membership through the check-your-answers page, finds the plan it opened, and moves a scheme's
// care to the zone's Tier 1 provider, the tenant keeping their home. axe-core checks every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad, fillDate } from '../support/browser.ts';
import { assessedPerson, RATE_CARD, schemeWithVacancies } from '../support/brokerage.ts';
import { liveTieredFramework } from '../support/procurement.ts';
import { api } from '../support/test-app.ts';
import { addDays, isoDateInLondon } from '../../src/platform/domain/calendar.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

const press = async (page: Page, name: string) => {
  await clickAndLoad(page, page.getByRole('button', { name, exact: true }));
  await assertAccessible(page);
};

test(
  'a commissioner terminates a contract and moves its scheme’s care under the transition plan',
  { skip },
  async () => {
    const { world } = journey;
    const today = isoDateInLondon(new Date());
    const { vehicle, memberships } = await liveTieredFramework(world);
    assert.equal(
      (await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/rate-cards`, RATE_CARD)).statusCode,
      201,
    );
    const heronNorth = memberships.find((m) => m.providerId === world.providerId && m.tier === 'tier2')!;
    const { units } = await schemeWithVacancies(world, { providerId: world.providerId, membershipId: heronNorth.id }, [
      'Flat 1',
    ]);
    const person = await assessedPerson(world);
    const placed = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
      personId: person.id,
      unitId: units[0]!.unit.id,
      providerId: world.providerId,
      membershipId: heronNorth.id,
      startsOn: addDays(today, 7),
      oneToOneMinutesPerWeek: 0,
      nightSupport: 'none',
    });
    assert.equal(placed.statusCode, 201, placed.body);

    const page = journey.page;
    await journey.signIn(world.emails.commissioner, '/');
    await clickAndLoad(
      page,
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Contract actions' }),
    );
    await press(page, 'Issue a contract action');
    await page.getByLabel('Termination of the contract').check();
    await page.getByLabel('Provider').selectOption({ label: 'Heron Supported Living Ltd' });
    await press(page, 'Continue');
    await page.getByLabel('Membership').selectOption({ index: 1 });
    await page.getByLabel('Reason for the action').fill('Persistent failure to meet the medication standard.');
    await fillDate(page, 'Starts', today);
    await fillDate(page, 'Contract ends', addDays(today, 180));
    await press(page, 'Continue');
    assert.match(await page.locator('main').innerText(), /Heron Supported Living Ltd/);
    await press(page, 'Issue the termination of the contract');

    await clickAndLoad(
      page,
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Transition plans' }),
    );
    await assertAccessible(page);
    await clickAndLoad(page, page.locator('main table tbody a').first());
    await assertAccessible(page);
    assert.match(
      await page.locator('main').innerText(),
      /1 person lives here[\s\S]*Receiving provider: Kestrel Care Ltd/,
    );
    await page.getByLabel('Receiving provider').selectOption({ index: 1 });
    await fillDate(page, 'The new provider takes over on', addDays(today, 30));
    await page.getByLabel('Reason').fill('Contract terminated: care moves to the Tier 1 provider of North');
    await press(page, 'Move this scheme’s care');
    await press(page, 'Move the care');
    assert.match(await page.locator('main').innerText(), /Moved/);
    assert.match(await page.locator('main').innerText(), /Care now: Kestrel Care Ltd/);
  },
);
