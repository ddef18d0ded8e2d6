// The brokerage journey in a real browser: a social worker refers a person, brokerage sends the
// offers, the Tier 1 provider accepts with one of its vacancies, brokerage records the choice and
// sees the placement's price; the vacancy list, the register and the summary report change.
// axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../support/test-app.ts';
import { liveTieredFramework } from '../support/procurement.ts';
import { assessedPerson, RATE_CARD, schemeWithVacancies } from '../support/brokerage.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);
/** What the first journey set up, for the pages the second one checks. */
const made = { vehicleId: '', schemeId: '', personId: '' };

test('a referral goes from the social worker through the cascade to a priced placement', { skip }, async () => {
  const { world, base } = journey;
  let { page } = journey;
  const framework = await liveTieredFramework(world);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD);
  const kestrel = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  const scheme = await schemeWithVacancies(world, { providerId: world.otherProviderId, membershipId: kestrel.id }, [
    'Flat 1',
    'Flat 2',
  ]);
  const person = await assessedPerson(world, { name: 'Daniel Okafor' });
  Object.assign(made, { vehicleId: framework.vehicle.id, schemeId: scheme.scheme.id, personId: person.id });
  const click = async (name: string | RegExp, role: 'button' | 'link' = 'button') => {
    await clickAndLoad(page, page.getByRole(role, { name }));
    await assertAccessible(page);
  };

  // The social worker refers.
  await journey.signIn(world.emails.social_worker, '/');
  await journey.visit('/people');
  await click('Daniel Okafor', 'link');
  await click('Refer for a placement');
  await page.getByLabel('Buy under').selectOption(framework.vehicle.id);
  await page.getByRole('group', { name: 'Care should start by' }).getByLabel('Day').fill('29');
  await page.getByRole('group', { name: 'Care should start by' }).getByLabel('Month').fill('1');
  await page.getByRole('group', { name: 'Care should start by' }).getByLabel('Year').fill('2027');
  await page.getByLabel('Urgent', { exact: true }).check();
  await click('Send referral');
  assert.ok(await page.getByText('Referral sent to brokerage').isVisible());
  const referralUrl = page.url();

  // Brokerage sees the vacancies and sends the offers down the cascade.
  page = await journey.nextPerson();
  await journey.signIn(world.emails.brokerage_officer, '/');
  await journey.visit('/vacancies');
  const vacanciesBefore = await page.locator('#vacancies tbody tr').count();
  await journey.visit('/reports/placements-summary?date=2027-02-01');
  assert.match(await page.locator('#headline').innerText(), /^On 1 February 2027: 0 placements/);
  await page.goto(referralUrl);
  await assertAccessible(page);
  assert.ok(await page.locator('#shortlist').getByText(`${scheme.scheme.name}, Flat 1`).isVisible());
  await click('Send offers to Tier 1 providers');
  assert.ok(await page.getByText('Tier 1 for complex needs in North').isVisible());

  // The Tier 1 provider accepts, proposing one of its vacancies.
  page = await journey.nextPerson();
  await journey.signIn(world.emails.other_provider_user, '/');
  await journey.visit('/offers');
  await click('Daniel Okafor', 'link');
  await page.getByLabel('Where').selectOption({ label: `${scheme.scheme.name}, Flat 1` });
  await page.getByRole('group', { name: 'You could start on' }).getByLabel('Day').fill('1');
  await page.getByRole('group', { name: 'You could start on' }).getByLabel('Month').fill('2');
  await page.getByRole('group', { name: 'You could start on' }).getByLabel('Year').fill('2027');
  await assertAccessible(page);
  await click('Accept the offer');
  assert.ok(await page.getByText('Offer accepted').isVisible());

  await journey.visit('/provider-placements');

  // Brokerage records the choice: the placement and its price.
  page = await journey.nextPerson();
  await journey.signIn(world.emails.brokerage_officer, '/');
  await page.goto(referralUrl);
  await assertAccessible(page);
  assert.ok(await page.getByLabel('1. Kestrel Care Ltd').isChecked());
  await click('Place with the chosen provider');
  assert.equal(await page.locator('#weekly-price').innerText(), '£1,700');
  assert.equal(await page.locator('#annual-cost').innerText(), '£88,642.86');

  await journey.visit('/vacancies');
  assert.equal(
    await page.locator('#vacancies tbody tr').count(),
    vacanciesBefore - 1,
    'the unit has left the vacancy list',
  );
  await journey.visit('/placements?activeOn=2027-02-01');
  assert.ok(await page.locator('#placements').getByText('Daniel Okafor').isVisible());
  await journey.visit('/reports/placements-summary?date=2027-02-01');
  assert.match(
    await page.locator('#headline').innerText(),
    /^On 1 February 2027: 1 placement with 1 provider, 1 in county and 0 out of county, costing £88,642.86 a year gross/,
  );
  await journey.visit('/planning');
  await journey.visit(`/people/${person.id}`);
  assert.equal(new URL(page.url()).origin, base);
});

test('every other brokerage page passes the accessibility check, for the people who use it', { skip }, async () => {
  const { world } = journey;
  const pages: [string, string[]][] = [
    [
      world.emails.social_worker,
      [
        '/people/new',
        `/people/${made.personId}/assessments/new`,
        '/referrals?status=all',
        `/vehicles/${made.vehicleId}/rate-cards`,
      ],
    ],
    [
      world.emails.brokerage_officer,
      [
        '/schemes',
        '/schemes/new',
        `/schemes/${made.schemeId}`,
        '/placements',
        '/vacancies?band=complex',
        `/vehicles/${made.vehicleId}/brokerage-settings`,
      ],
    ],
    [world.emails.finance_officer, [`/vehicles/${made.vehicleId}/rate-cards`]],
    [world.emails.commissioner, [`/vehicles/${made.vehicleId}/brokerage-settings`, `/vehicles/${made.vehicleId}`]],
    [world.emails.quality_officer, ['/embargoes']],
    [
      world.emails.other_provider_user,
      ['/offers?status=all', '/schemes', `/schemes/${made.schemeId}`, '/provider-placements'],
    ],
  ];
  for (const [email, paths] of pages) {
    await journey.nextPerson();
    await journey.signIn(email, '/');
    for (const path of paths) await journey.visit(path);
  }
});
