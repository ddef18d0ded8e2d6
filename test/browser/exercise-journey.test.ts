// A cost-of-care workbook in a real browser: a provider opens its workbook from the exercise, types
// text into a money box, sees the error against that box with what it typed kept, fixes it, fills
// in the other sections (each saved as it goes), checks and submits; a finance officer opens the
// analysis and sees the quartiles. axe-core and the Content-Security-Policy on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { addDays, isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import { commandLineActor } from '../../src/platform/audit/service.ts';
import { userDirectory } from '../../src/organisations/account-service.ts';
import { addProviders } from '../../src/providers/service.ts';
import { answerAsText, DEFAULT_LINES, LINE_GROUP_LABELS } from '../../src/pricing/domain/exercise.ts';
import { enterReceivedWorkbooks } from '../../src/pricing/exercise-workbook-service.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';
import { liveTieredFramework } from '../support/procurement.ts';
import { api, sampleProvider } from '../support/test-app.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

/** Figures for a workbook: every line 1,000 of its unit, but for those the results turn on. */
const figures = (pay: number): Record<string, number> =>
  Object.fromEntries(
    DEFAULT_LINES.map((line) => [
      line.key,
      (
        {
          'support-worker-pay': pay,
          'senior-worker-pay': pay + 200,
          'waking-night-pay': pay + 30,
          'sleep-in-pay': 10_000,
          'productive-share': 8000,
          'non-contact': 1500,
          'training-time': 200,
          'employer-ni': 1000,
          'employer-pension': 300,
          return: 500,
          'hours-delivered': 90_000,
          people: 35,
          headcount: 50,
          leavers: 12,
          'zero-hours': 0,
          travel: 0,
        } as Record<string, number>
      )[line.key] ?? 100_000,
    ]),
  );

test(
  'a provider fills in its cost workbook, fixing an error, and submits it; a finance officer sees the quartiles',
  { skip },
  async () => {
    const { world } = journey;
    const { vehicle } = await liveTieredFramework(world);
    const spot = await addProviders(
      world.db,
      commandLineActor,
      [3, 4, 5, 6].map((n) => sampleProvider(`Spot Care ${n} Ltd`, `1-10200000${n}`, 'ST16 2LH', `1-20200000${n}`)),
      'test data',
    );
    const opened = await api(world, 'finance_officer', 'POST', '/api/v1/pricing/exercises', {
      financialYear: 2025,
      serviceType: 'supported-living',
      closingOn: addDays(isoDateInLondon(new Date()), 30),
      vehicleIds: [vehicle.id],
      providerIds: [world.providerId, world.otherProviderId, ...spot],
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const exerciseId = opened.json().id as string;
    // Five other providers' workbooks, sent in on paper and entered by the finance officer.
    const { rows } = (await world.db.execute(
      sql`select id from users where email = ${world.emails.finance_officer}`,
    )) as unknown as { rows: { id: string }[] };
    const officer = (await userDirectory(world.db).byId(rows[0]!.id))!;
    await enterReceivedWorkbooks(
      world.db,
      officer,
      exerciseId,
      [world.otherProviderId, ...spot].map((providerId, index) => ({
        providerId,
        answers: figures(1230 + index * 20),
        receivedOn: isoDateInLondon(new Date()),
      })),
    );

    const { page } = journey;
    await journey.signIn(world.emails.provider_user, '/');
    await clickAndLoad(
      page,
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cost of care' }),
    );
    await assertAccessible(page);
    await clickAndLoad(page, page.getByRole('link', { name: 'Supported living costs 2025/26' }));
    await assertAccessible(page);
    await clickAndLoad(page, page.getByRole('button', { name: 'Your workbook' }));
    await assertAccessible(page);
    assert.match(await page.locator('#sections').innerText(), /Care staff\s+Not yet started/);

    const mine = figures(1300);
    for (const group of ['care-staff', 'running', 'return', 'volumes'] as const) {
      await clickAndLoad(page, page.getByRole('link', { name: LINE_GROUP_LABELS[group], exact: true }));
      await assertAccessible(page);
      for (const line of DEFAULT_LINES.filter((one) => one.group === group))
        await page.locator(`#line-${line.key}`).fill(answerAsText(line.unit, mine[line.key]));
      if (group === 'care-staff') {
        await page.locator('#line-support-worker-pay').fill('thirteen pounds');
        await clickAndLoad(page, page.getByRole('button', { name: 'Save and continue' }));
        await assertAccessible(page);
        assert.match(
          await page.locator('.govuk-error-summary').innerText(),
          /Hourly pay of support workers must be an amount of money, like 12.50/,
        );
        assert.match(await page.locator('#line-support-worker-pay-error').innerText(), /must be an amount of money/);
        assert.equal(
          await page.locator('#line-support-worker-pay').inputValue(),
          'thirteen pounds',
          'what was typed is kept',
        );
        assert.equal(await page.locator('#line-employer-ni').inputValue(), '10', 'and the rest of the section');
        await page.locator('#line-support-worker-pay').fill('13.00');
      }
      await clickAndLoad(page, page.getByRole('button', { name: 'Save and continue' }));
      await assertAccessible(page);
      assert.match(await page.locator('main').innerText(), new RegExp(`${LINE_GROUP_LABELS[group]} saved`));
    }
    assert.doesNotMatch(await page.locator('#sections').innerText(), /Not yet started|In progress/);
    await clickAndLoad(page, page.getByRole('button', { name: 'Check and submit' }));
    await assertAccessible(page);
    const check = await page.locator('main').innerText();
    assert.match(check, /Hourly pay of support workers\s+£13.00/);
    // £13.00 × 1.30 ÷ 0.8 = £21.125 → £21.13.
    assert.match(check, /Care staff cost per care hour \(worked out\)\s+£21.13/);
    await clickAndLoad(page, page.getByRole('button', { name: 'Submit the workbook' }));
    await assertAccessible(page);
    assert.match(await page.locator('main').innerText(), /Your workbook has been submitted/);

    const finance = await journey.nextPerson();
    await journey.signIn(world.emails.finance_officer, '/');
    await clickAndLoad(
      finance,
      finance.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cost of care' }),
    );
    await assertAccessible(finance);
    await clickAndLoad(finance, finance.getByRole('link', { name: 'Supported living costs 2025/26' }));
    await assertAccessible(finance);
    assert.match(await finance.locator('main table').first().innerText(), /Heron Supported Living Ltd\s+Submitted/);
    await clickAndLoad(finance, finance.getByRole('button', { name: 'Analysis' }));
    await assertAccessible(finance);
    assert.match(await finance.locator('main').innerText(), /6 workbooks analysed of 6 providers invited/);
    // Pay 12.30, 12.50, 12.70, 12.90, 13.10 and 13.00: QUARTILE.INC gives 12.55, 12.80, 12.9750 → £12.98.
    assert.match(
      await finance.locator('#lines').innerText(),
      /Hourly pay of support workers\s+6\s+£12.55\s+£12.80\s+£12.98/,
    );
  },
);
