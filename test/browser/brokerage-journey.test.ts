// The brokerage journey in a real browser: a social worker refers a person, brokerage sends the
// offers, the Tier 1 provider accepts with one of its vacancies, brokerage records the choice and
// sees the placement's price; the vacancy list, the register and the summary report change; the
// placement ends and the unit is vacant again. Brokerage sees each provider's early-warning colour
// and why where the person's provider is chosen. When nobody on the framework accepts, a commissioner
// approves an off-framework purchase and brokerage places the person. Each commitment goes through
// its check-your-answers page first. axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { addDays, isoDateInLondon, longDate } from '../../src/platform/domain/calendar.ts';
import { rateServices } from '../../src/quality/risk-run-service.ts';
import { api } from '../support/test-app.ts';
import { liveTieredFramework } from '../support/procurement.ts';
import { contractedService } from '../support/quality.ts';
import { assessedPerson, RATE_CARD, schemeWithVacancies } from '../support/brokerage.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad, fillDate } from '../support/browser.ts';
import type { Page } from 'playwright-core';

const skip = browserSkipReason();
const journey = browserJourneys(skip);
/** What the first journey set up, for the pages the second one checks. */
const made = { vehicleId: '', schemeId: '', personId: '' };

/** A check-your-answers page: its heading, and the value of one of its rows. */
async function assertChecking(page: Page, heading: string, row: string, value: string | RegExp) {
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), heading);
  const shown = await page.locator('.govuk-summary-list__row', { hasText: row }).locator('dd').first().innerText();
  if (typeof value === 'string') assert.equal(shown, value);
  else assert.match(shown, value);
}

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
  // Kestrel's service is on the quality register, rated Green: never assessed yet, and nothing else against it.
  await contractedService(world, 'other_provider');
  await rateServices(world.db, { organisationId: world.councilId });
  // Counted from today: the browser keeps the real clock (test/support/clock.ts).
  const today = isoDateInLondon(new Date());
  const [startBy, startsOn, lastDay] = [addDays(today, 59), addDays(today, 62), addDays(today, 211)];
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
  await fillDate(page, 'Care should start by', startBy);
  await page.getByLabel('Urgent', { exact: true }).check();
  await click('Send referral');
  assert.ok(await page.getByText('Referral sent to brokerage').isVisible());
  const referralUrl = page.url();

  // Brokerage sees the vacancies and sends the offers down the cascade.
  page = await journey.nextPerson();
  await journey.signIn(world.emails.brokerage_officer, '/');
  await journey.visit('/vacancies');
  const vacanciesBefore = await page.locator('#vacancies tbody tr').count();
  await journey.visit(`/reports/placements-summary?date=${startsOn}`);
  assert.ok((await page.locator('#headline').innerText()).startsWith(`On ${longDate(startsOn)}: 0 placements`));
  await page.goto(referralUrl);
  await assertAccessible(page);
  assert.ok(await page.locator('#shortlist').getByText(`${scheme.scheme.name}, Flat 1`).isVisible());
  // Each provider's colour in words, and why, on the vacancies and on those the offers would go to.
  const kestrelRow = page.locator('#to-offer tbody tr', { hasText: 'Kestrel Care Ltd' });
  assert.equal(await kestrelRow.locator('.govuk-tag').innerText(), 'Green');
  assert.equal(await page.locator('#shortlist .govuk-tag--green').count(), 2, 'both flats are Kestrel’s');
  await kestrelRow.getByText('Why Green').click();
  assert.ok(await kestrelRow.getByText('Not yet assessed (+5)').isVisible());
  await assertAccessible(page);
  await click('Send offers to Tier 1 providers');
  await assertChecking(page, 'Send offers to Tier 1 providers', 'Provider offered the work', /^Kestrel Care Ltd/);
  await click('Send the offer');
  assert.ok(await page.getByText('Offers sent').isVisible());
  assert.ok(await page.getByText('Tier 1 for complex needs in North').isVisible());

  // The Tier 1 provider accepts, proposing one of its vacancies.
  page = await journey.nextPerson();
  await journey.signIn(world.emails.other_provider_user, '/');
  await journey.visit('/offers');
  await click('Daniel Okafor', 'link');
  await page.getByLabel('Where').selectOption({ label: `${scheme.scheme.name}, Flat 1` });
  await fillDate(page, 'You could start on', startsOn);
  await assertAccessible(page);
  await click('Accept the offer');
  assert.ok(await page.getByText('Offer accepted').isVisible());

  await journey.visit('/provider-placements');

  // Brokerage records the choice: the placement and its price.
  page = await journey.nextPerson();
  await journey.signIn(world.emails.brokerage_officer, '/');
  await page.goto(referralUrl);
  await assertAccessible(page);
  assert.equal(await page.getByLabel('1. Kestrel Care Ltd').isChecked(), false, 'brokerage must choose');
  await page.getByLabel('1. Kestrel Care Ltd').check();
  await click('Place with the chosen provider');
  await assertChecking(page, 'Place Daniel Okafor with Kestrel Care Ltd', 'Yearly cost', /^£88,642.86 a year/);
  await assertChecking(page, 'Place Daniel Okafor with Kestrel Care Ltd', 'Weekly price', '£1,700.00');
  await click('Place Daniel Okafor');
  const placementUrl = page.url();
  assert.equal(await page.locator('#weekly-price').innerText(), '£1,700.00');
  assert.equal(await page.locator('#annual-cost').innerText(), '£88,642.86');

  await journey.visit('/vacancies');
  assert.equal(
    await page.locator('#vacancies tbody tr').count(),
    vacanciesBefore - 1,
    'the unit has left the vacancy list',
  );
  // The register filtered and sorted as a person does it; its downloads are the list's own.
  await journey.visit('/placements');
  await page.getByLabel('Active on').fill(startsOn);
  await click('Search');
  assert.ok(await page.locator('#placements').getByText('Daniel Okafor').isVisible());
  await click(/^Weekly price/, 'link');
  assert.ok(page.url().endsWith(`?activeOn=${startsOn}&sort=weeklyPrice&order=asc`));
  const csvLink = page.getByRole('link', { name: 'CSV', exact: true });
  assert.equal(await csvLink.getAttribute('href'), `/placements.csv?activeOn=${startsOn}&sort=weeklyPrice&order=asc`);
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  assert.match(csv, /^Person,Care provider,From,To,Paid by,Weekly price,Annual cost\n/);
  assert.ok(csv.includes(`\nDaniel Okafor,Kestrel Care Ltd,${startsOn},,Commissioned by the council,1700,88642.86\n`));
  await journey.visit(`/reports/placements-summary?date=${startsOn}`);
  assert.ok(
    (await page.locator('#headline').innerText()).startsWith(
      `On ${longDate(startsOn)}: 1 placement with 1 provider, 1 in county and 0 out of county, costing £88,642.86 a year gross`,
    ),
  );
  await journey.visit('/planning');
  await journey.visit(`/people/${person.id}`);
  assert.equal(new URL(page.url()).origin, base);

  // The placement ends: checked first, then the unit is back on the vacancy list.
  await page.goto(placementUrl);
  await assertAccessible(page);
  await fillDate(page, 'Last day', lastDay);
  await page.getByLabel('Moved').check();
  await click('End placement');
  await assertChecking(page, "End Daniel Okafor's placement", 'Where', `${scheme.scheme.name}, Flat 1`);
  assert.ok(await page.getByText(`goes back on the vacancy list from ${longDate(addDays(lastDay, 1))}`).isVisible());
  await click('End placement');
  assert.ok(await page.getByText('Placement ended').isVisible());
  await journey.visit('/vacancies');
  assert.equal(await page.locator('#vacancies tbody tr').count(), vacanciesBefore, 'the unit is vacant again');
});

test(
  'nobody on the framework accepts: a commissioner approves a spot purchase and brokerage places',
  { skip },
  async () => {
    const { world } = journey;
    let { page } = journey;
    const south = world.zoneIds[2]!;
    const person = await assessedPerson(world, { name: 'Grace Mensah', homeZoneId: south });
    const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
      personId: person.id,
      vehicleId: made.vehicleId,
      startBy: addDays(isoDateInLondon(new Date()), 89),
      zoneIds: [south],
      urgency: 'routine',
    });
    const id = referred.json().referral.id;
    const sent = (await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${id}/send-offers`)).json();
    await api(world, 'provider_user', 'POST', `/api/v1/offers/${sent.steps[0].offers[0].id}/response`, {
      response: 'decline',
      declineReason: 'location',
    });
    const requested = await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${id}/off-framework`, {
      providerId: world.otherProviderId,
      reason: 'Nobody in South could start before discharge',
    });
    assert.equal(requested.statusCode, 200, requested.body);
    const click = async (name: string | RegExp) => {
      await clickAndLoad(page, page.getByRole('button', { name }));
      await assertAccessible(page);
    };

    await journey.signIn(world.emails.commissioner, '/');
    await journey.visit(`/referrals/${id}`);
    await page.getByLabel('Approve', { exact: true }).check();
    await click('Record decision');
    await assertChecking(
      page,
      'Approve buying off framework from Kestrel Care Ltd',
      "Brokerage's reason",
      'Nobody in South could start before discharge',
    );
    await click('Approve the purchase');
    assert.ok(await page.getByText('Decision recorded').isVisible());

    page = await journey.nextPerson();
    await journey.signIn(world.emails.brokerage_officer, '/');
    await journey.visit(`/referrals/${id}`);
    await fillDate(page, 'Starts on', addDays(isoDateInLondon(new Date()), 62));
    await page.getByLabel('1:1 support, hours a week').fill('10');
    await page.getByLabel('Agreed weekly price').fill('1,150');
    await click('Make the placement');
    await assertChecking(
      page,
      'Place Grace Mensah off framework with Kestrel Care Ltd',
      'Yearly cost',
      /^£59,964.29 a year/,
    );
    await click('Place Grace Mensah');
    assert.equal(await page.locator('#weekly-price').innerText(), '£1,150.00');
    assert.equal(await page.locator('#annual-cost').innerText(), '£59,964.29');
  },
);

test('every other brokerage page passes the accessibility check, for the people who use it', { skip }, async () => {
  const { world } = journey;
  const pages: [string, string[]][] = [
    [
      world.emails.social_worker,
      [
        '/people/new',
        `/people/${made.personId}/assessments/new`,
        '/people?caseload=referred-by-me&sort=band&order=desc',
        '/people?band=purple',
        '/referrals?status=all',
        '/referrals?status=all&sort=status&order=desc',
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
        '/placements?offFramework=no&sort=person&order=asc',
        '/vacancies?band=complex',
        '/vacancies?feature=wheelchair-access&sort=zone&order=desc',
        '/schemes?sort=readyFrom&order=desc',
        `/vehicles/${made.vehicleId}/brokerage-settings`,
      ],
    ],
    [world.emails.finance_officer, [`/vehicles/${made.vehicleId}/rate-cards`]],
    [world.emails.commissioner, [`/vehicles/${made.vehicleId}/brokerage-settings`, `/vehicles/${made.vehicleId}`]],
    [world.emails.quality_officer, ['/embargoes']],
    [
      world.emails.other_provider_user,
      [
        '/offers?status=all',
        '/offers?status=all&sort=answerBy&order=asc',
        '/schemes',
        `/schemes/${made.schemeId}`,
        '/provider-placements',
        '/provider-placements?sort=weeklyPrice&order=desc',
      ],
    ],
  ];
  for (const [email, paths] of pages) {
    await journey.nextPerson();
    await journey.signIn(email, '/');
    for (const path of paths) await journey.visit(path);
  }
});
