// Payment schedules in a real browser: a finance officer generates the first period's schedule,
// is refused its export until the cost centres, NHS partner and supplier references are set, sets
// them, checks and exports it; a brokerage officer then ends a placement on a day in that period;
// the next period's schedule carries the adjustment, and the provider reads its statement.
// axe-core, the Content-Security-Policy and the narrow-screen check on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import { financialYearOf, periodLabel, periodsOf } from '../../src/pricing/domain/payment.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad, fillDate } from '../support/browser.ts';
import { placeForPayment } from '../support/payments.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

test(
  'a schedule is exported, a placement is ended back in its period, and the next schedule adjusts',
  { skip },
  async () => {
    const { world } = journey;
    const year = financialYearOf(isoDateInLondon(new Date()));
    const [first, second] = periodsOf(year, 'four-weekly');
    const [ending] = await placeForPayment(world.db, [
      {
        organisationId: world.councilId,
        providerId: world.providerId,
        caseReference: 'LAS-7001',
        startsOn: `${year - 1}-10-01`,
        prices: [{ from: `${year - 1}-10-01`, pence: 140_000 }],
        contributionPence: 3_500,
      },
      {
        organisationId: world.councilId,
        providerId: world.otherProviderId,
        caseReference: 'LAS-7002',
        startsOn: first!.startsOn,
        prices: [{ from: first!.startsOn, pence: 210_000 }],
        funding: [
          { stream: 'care-act', percent: 70 },
          { stream: 'nhs-chc', percent: 30 },
        ],
      },
    ]);

    const { page } = journey;
    await journey.signIn(world.emails.finance_officer, '/');
    await clickAndLoad(
      page,
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Payment schedules' }),
    );
    await assertAccessible(page);
    await clickAndLoad(page, page.getByRole('button', { name: `Generate ${periodLabel(first!)}` }));
    await assertAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Payment schedule: ${periodLabel(first!)}`);
    // 28 days at £1,400.00 a week is £5,600.00, less £140.00 of contributions.
    assert.match(await page.locator('main').innerText(), /LAS-7001[\s\S]*£5,600\.00\s+£140\.00\s+£0\.00\s+£5,460\.00/);

    await clickAndLoad(page, page.getByRole('button', { name: 'Check and export' }));
    await assertAccessible(page);
    const problems = await page.locator('.govuk-error-summary').innerText();
    assert.match(problems, /Set Heron Supported Living Ltd’s supplier reference/);
    assert.match(problems, /Choose the NHS partner/);

    await clickAndLoad(page, page.getByRole('link', { name: 'Payment settings', exact: true }));
    await assertAccessible(page);
    await page.getByLabel('Commissioned by the council').fill('ASC-SL-01');
    await page.getByLabel('Direct payments').fill('ASC-DP-01');
    await page.getByLabel('Individual service funds').fill('ASC-ISF-01');
    await page
      .getByLabel('NHS partner')
      .selectOption({ label: 'NHS Staffordshire and Stoke-on-Trent Integrated Care Board (QNC)' });
    await clickAndLoad(page, page.getByRole('button', { name: 'Save settings' }));
    await assertAccessible(page);
    await page.getByLabel('Heron Supported Living Ltd').fill('SUP-0042');
    await page.getByLabel('Kestrel Care Ltd').fill('SUP-0043');
    await clickAndLoad(page, page.getByRole('button', { name: 'Save supplier references' }));
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /2 supplier references saved/);

    await journey.visit('/pricing/payment-schedules');
    await clickAndLoad(page, page.getByRole('link', { name: periodLabel(first!) }));
    await clickAndLoad(page, page.getByRole('button', { name: 'Check and export' }));
    await assertAccessible(page);
    assert.match(await page.locator('main').innerText(), /Once exported the schedule is locked/);
    await clickAndLoad(page, page.getByRole('button', { name: 'Export and lock' }));
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /exported and locked/);
    assert.equal(await page.getByRole('button', { name: 'Check and export' }).count(), 0, 'locked');
    assert.equal(await page.getByRole('link', { name: /Download the finance system’s file/ }).count(), 1);

    // Brokerage records that the placement ended on the 10th day of period 1.
    const officer = await journey.nextPerson();
    await journey.signIn(world.emails.brokerage_officer, '/');
    await journey.visit(`/placements/${ending}`);
    await fillDate(officer, 'Last day', `${year}-04-10`);
    await officer.getByLabel('Moved').check();
    await clickAndLoad(officer, officer.getByRole('button', { name: 'End placement' }));
    await assertAccessible(officer);
    await clickAndLoad(officer, officer.getByRole('button', { name: 'End placement' }));
    await assertAccessible(officer);

    const finance = await journey.nextPerson();
    await journey.signIn(world.emails.finance_officer, '/');
    await journey.visit('/pricing/payment-schedules');
    await clickAndLoad(finance, finance.getByRole('button', { name: `Generate ${periodLabel(second!)}` }));
    await assertAccessible(finance);
    const main = await finance.locator('main').innerText();
    // Paid 28 days in period 1; due 10: 18 days at £1,400.00 a week (£3,600.00) less £90.00 of contributions come back.
    assert.match(
      main,
      new RegExp(`Adjustment\\s+Correction to ${periodLabel(first!).replace('/', '\\/')}: 18 days fewer than paid`),
    );
    assert.match(main, /-18\s+-£3,600\.00\s+-£90\.00\s+£0\.00\s+-£3,510\.00/);

    const provider = await journey.nextPerson();
    await journey.signIn(world.emails.provider_user, '/');
    await clickAndLoad(
      provider,
      provider.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Payment statements' }),
    );
    await assertAccessible(provider);
    await clickAndLoad(provider, provider.getByRole('link', { name: periodLabel(first!) }));
    await assertAccessible(provider);
    const statement = await provider.locator('main').innerText();
    assert.match(statement, /SUP-0042/);
    assert.match(statement, /LAS-7001/);
    assert.ok(!statement.includes('LAS-7002'), 'not another provider’s line');
  },
);
