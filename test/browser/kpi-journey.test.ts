// KPI returns in a real browser: a provider opens its returns, sends a quarter's figures with a
// numerator above its denominator, sees the error against that box, fixes it, checks and sends,
// and sees its chart on the history page; a quality officer opens the vehicle's table of providers
// against KPIs. axe-core, the Content-Security-Policy and the narrow-screen check on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import { lastEndedQuarter, previousQuarter, quarterLabel } from '../../src/quality/domain/kpi.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';
import { liveTieredFramework } from '../support/procurement.ts';
import { TRAINED } from '../support/kpi.ts';
import { api } from '../support/test-app.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

test(
  'a provider sends a KPI return, fixing an error, and sees its chart; an officer opens the table',
  { skip },
  async () => {
    const { world } = journey;
    const quarter = lastEndedQuarter(isoDateInLondon(new Date()));
    const { vehicle, memberships } = await liveTieredFramework(world);
    await world.db.execute(sql`update memberships set start_on = '2025-04-01' where vehicle_id = ${vehicle.id}::uuid`);
    const added = await api(world, 'quality_officer', 'POST', `/api/v1/quality/vehicles/${vehicle.id}/kpis`, {
      ...TRAINED,
      firstQuarter: previousQuarter(quarter),
    });
    assert.equal(added.statusCode, 201, added.body);
    const kpiId = added.json().id as string;
    const membershipId = memberships.find((m) => m.providerId === world.providerId)!.id;

    const { page } = journey;
    await journey.signIn(world.emails.provider_user, '/');
    await clickAndLoad(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'KPI returns' }));
    await assertAccessible(page);
    await clickAndLoad(page, page.locator(`a[href="/quality/kpi-returns/${membershipId}/${quarter}"]`));
    await assertAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `KPI return: ${quarterLabel(quarter)}`);

    await page.getByLabel('Number of care workers').fill('80');
    await page.getByLabel('Of those, care workers trained and deemed competent').fill('90');
    await clickAndLoad(page, page.getByRole('button', { name: 'Continue' }));
    await assertAccessible(page);
    const message = 'cannot be more than the number counted (80)';
    assert.match(await page.locator('.govuk-error-summary').innerText(), new RegExp(message.replace(/[()]/g, '\\$&')));
    assert.match(await page.locator(`#numerator-${kpiId}-error`).innerText(), /cannot be more than the number counted/);
    assert.equal(await page.getByLabel('Number of care workers').inputValue(), '80', 'what was typed is kept');

    await page.getByLabel('Of those, care workers trained and deemed competent').fill('60');
    await clickAndLoad(page, page.getByRole('button', { name: 'Continue' }));
    await assertAccessible(page);
    assert.match(await page.locator('main').innerText(), /60 of 80 care workers \(75%: Red\)/);
    await clickAndLoad(page, page.getByRole('button', { name: 'Send the return' }));
    await assertAccessible(page);
    assert.match(
      await page.locator('main').innerText(),
      new RegExp(`Your return for ${quarterLabel(quarter).replace(/[()]/g, '\\$&')} has been sent`),
    );

    await clickAndLoad(page, page.getByRole('link', { name: 'KPI history for this membership' }));
    await assertAccessible(page);
    assert.equal(await page.locator('main svg[role="img"]').count(), 1, 'one chart, for the one KPI');
    assert.match(await page.locator('main table').innerText(), /75%/);

    const officer = await journey.nextPerson();
    await journey.signIn(world.emails.quality_officer, '/');
    await journey.visit('/quality/kpi-returns?status=missing');
    await clickAndLoad(officer, officer.getByRole('button', { name: 'KPIs by vehicle' }));
    await assertAccessible(officer);
    await clickAndLoad(officer, officer.getByRole('link', { name: /^Table for / }).first());
    await assertAccessible(officer);
    const table = await officer.locator('main table').innerText();
    assert.match(table, /Red\s+75% \(60 of 80\)/);
    assert.match(table, /No return/);
  },
);
