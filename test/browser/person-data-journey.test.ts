// A person's data in a real browser: an administrator sets the retention rule (a wrong one is
// refused with its errors); a commissioner downloads a person's subject access export from their
// record; a brokerage officer finds the record due for erasure and erases it through the check
// page. axe-core, the Content-Security-Policy and the narrow-screen check on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { reviewRetention } from '../../src/records/retention-service.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';
import { placeForPayment } from '../support/payments.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);
const SHOTS = process.env.HEARTH_SCREENSHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function personId(caseReference: string): Promise<string> {
  const found = await journey.world.app.inject({
    method: 'GET',
    url: `/api/v1/people?search=${caseReference}`,
    headers: { authorization: `Bearer ${journey.world.tokens.brokerage_officer}` },
  });
  return found.json().items[0].id;
}

test(
  'a person’s data: the retention rule, their subject access export, and their erasure once due',
  { skip },
  async () => {
    const { world } = journey;
    // A placement that ended eight years before 30 November 2026: due for erasure since then.
    await placeForPayment(world.db, [
      {
        organisationId: world.councilId,
        providerId: world.providerId,
        caseReference: 'JOURNEY-ADA',
        startsOn: '2014-06-02',
        endsOn: '2018-11-30',
        prices: [{ from: '2014-06-02', pence: 98_000 }],
      },
    ]);
    const id = await personId('JOURNEY-ADA');
    await reviewRetention(world.db);

    let page = journey.page;
    await journey.signIn(world.emails.administrator, '/');
    await journey.visit('/records/retention-rule');
    await page.getByLabel('Years to keep a record').fill('0');
    await clickAndLoad(page, page.getByRole('button', { name: 'Save the rule' }));
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /whole number of years from 1 to 100/);
    await page.getByLabel('Years to keep a record').fill('8');
    await page
      .getByLabel('What the period rests on')
      .fill('Council records retention schedule, adult social care, 8 years');
    await clickAndLoad(page, page.getByRole('button', { name: 'Save the rule' }));
    await assertAccessible(page);
    assert.match(await page.locator('main').innerText(), /The retention rule has been saved/);
    await shot(page, 'retention-rule');

    page = await journey.nextPerson();
    await journey.signIn(world.emails.commissioner, '/');
    await journey.visit(`/people/${id}`);
    await clickAndLoad(page, page.getByRole('button', { name: 'Subject access export' }));
    await assertAccessible(page);
    assert.match(await page.locator('h1').innerText(), /Subject access export for Person JOURNEY-ADA/);
    await shot(page, 'subject-access');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the document (PDF)' }).click();
    const pdf = await downloading;
    assert.match(pdf.suggestedFilename(), /^subject-access-JOURNEY-ADA-\d{4}-\d{2}-\d{2}\.pdf$/);

    page = await journey.nextPerson();
    await journey.signIn(world.emails.brokerage_officer, '/');
    await journey.visit('/records/due-for-erasure');
    assert.match(await page.locator('main').innerText(), /Person JOURNEY-ADA/);
    await shot(page, 'due-for-erasure');
    await clickAndLoad(page, page.getByRole('link', { name: "Erase Person JOURNEY-ADA's record" }));
    await assertAccessible(page);
    await shot(page, 'erase');
    await clickAndLoad(page, page.getByRole('button', { name: 'Continue' }));
    await assertAccessible(page);
    assert.match(await page.locator('h1').innerText(), /Erase Person JOURNEY-ADA's record/);
    await shot(page, 'erase-check');
    await clickAndLoad(page, page.getByRole('button', { name: 'Erase record' }));
    await assertAccessible(page);
    const main = await page.locator('main').innerText();
    assert.match(main, /The record has been erased/);
    assert.match(main, /No records are due for erasure/);
    await journey.visit(`/people/${id}`);
    assert.match(await page.locator('h1').innerText(), /Erased record/);
  },
);
