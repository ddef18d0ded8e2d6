// A provider applies to an open framework in a real browser through the GOV.UK task list, and the
// council's evaluator reads the submitted application. axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import { api } from '../support/test-app.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

test('a provider applies to a framework, and an evaluator reads the submitted application', { skip }, async () => {
  const { world, base } = journey;
  let { page } = journey;
  const vehicle = (
    await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
      reference: 'FW-2027',
      name: 'Supported Living Framework 2027',
      kind: 'framework',
      regime: 'pa2023',
      submissionDeadline: addDays(isoDateInLondon(new Date()), 20),
      pricesFixed: true,
      requiredDocuments: ['Insurance certificate'],
      zones: world.zoneIds.map((zoneId) => ({ zoneId })),
    })
  ).json().vehicle;
  await api(world, 'commissioner', 'PUT', `/api/v1/vehicles/${vehicle.id}/lots`, {
    zoneIds: world.zoneIds.slice(0, 2),
    needBands: ['complex'],
    serviceTypes: ['supported-living'],
  });

  await journey.signIn(world.emails.commissioner, '/');
  await journey.visit(`/vehicles/${vehicle.id}/questions`);
  await page.getByLabel('Selection: pass or fail, with evidence').check();
  await page.getByLabel('Question', { exact: true }).fill('Are you registered with the CQC for personal care?');
  await clickAndLoad(page, page.getByRole('button', { name: 'Add question' }));
  await page.getByLabel('Quality: a written answer, scored').check();
  await page.getByLabel('Question', { exact: true }).fill('How will you recruit and keep staff?');
  await clickAndLoad(page, page.getByRole('button', { name: 'Add question' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('Give a quality question its weighting').first().isVisible());
  await page.getByLabel('Word limit (quality questions)').fill('50');
  await page.getByLabel('Weighting, % (quality questions)').fill('100');
  await clickAndLoad(page, page.getByRole('button', { name: 'Add question' }));
  await assertAccessible(page);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'open' });
  page = await journey.nextPerson();

  await journey.signIn(world.emails.provider_user, '/');
  await journey.visit('/vehicles');
  await clickAndLoad(page, page.getByRole('link', { name: 'Supported Living Framework 2027' }));
  await assertAccessible(page);
  await page.getByLabel('Ask a clarification question').fill('Will existing staff transfer under TUPE?');
  await clickAndLoad(page, page.getByRole('button', { name: 'Send question' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('Not answered yet').isVisible());
  await clickAndLoad(page, page.getByRole('button', { name: 'Apply' }));
  await assertAccessible(page);
  await clickAndLoad(page, page.getByRole('link', { name: 'Choose your lots' }));
  await assertAccessible(page);
  await page.getByLabel('North: supported living, complex needs').check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Save and continue' }));
  await clickAndLoad(page, page.getByRole('link', { name: 'Selection questions' }));
  await assertAccessible(page);
  await page.getByLabel('Yes').check();
  await page.getByLabel('Your evidence').fill('CQC provider ID 1-101000001');
  await clickAndLoad(page, page.getByRole('button', { name: 'Save and continue' }));
  await assertAccessible(page);
  await page.getByLabel('Your answer').fill('word '.repeat(51));
  await clickAndLoad(page, page.getByRole('button', { name: 'Save and continue' }));
  await assertAccessible(page);
  assert.ok(await page.getByRole('link', { name: /has 51 words; the limit is 50/ }).isVisible());
  await page
    .getByLabel('Your answer')
    .fill('We recruit locally, pay the Real Living Wage and train every new colleague for twelve weeks.');
  await clickAndLoad(page, page.getByRole('button', { name: 'Save and continue' }));
  await assertAccessible(page);
  await clickAndLoad(page, page.getByRole('link', { name: 'Documents' }));
  await assertAccessible(page);
  await clickAndLoad(page, page.getByRole('button', { name: 'Upload insurance certificate' }));
  await assertAccessible(page);
  assert.ok(await page.getByRole('link', { name: 'Choose a file to upload' }).isVisible());
  await page
    .getByLabel('Upload your insurance certificate')
    .setInputFiles({ name: 'insurance.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 certificate') });
  await clickAndLoad(page, page.getByRole('button', { name: 'Upload insurance certificate' }));
  await assertAccessible(page);
  assert.ok(await page.getByRole('link', { name: 'insurance.pdf' }).isVisible());
  await clickAndLoad(page, page.getByRole('link', { name: 'Back to your application' }).first());
  await clickAndLoad(page, page.getByRole('link', { name: 'Check and submit' }));
  await assertAccessible(page);
  await clickAndLoad(page, page.getByRole('button', { name: 'Submit application' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('Your application has been submitted').isVisible());
  const applicationUrl = page.url();
  await journey.visit('/applications');
  page = await journey.nextPerson();

  await journey.signIn(world.emails.evaluator, '/');
  await page.goto(applicationUrl);
  await assertAccessible(page);
  // Nothing of the bid before the evaluator declares whether they have a conflict of interest.
  assert.ok(
    await page.getByText('Declare whether you have a conflict of interest before you see any submission').isVisible(),
  );
  assert.equal(await page.getByText('We recruit locally').count(), 0);
  await clickAndLoad(page, page.getByRole('link', { name: /^Evaluation of/ }));
  await page.getByRole('radio', { name: 'No' }).check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Make declaration' }));
  await assertAccessible(page);
  await page.goto(applicationUrl);
  assert.ok(await page.getByText('We recruit locally').isVisible());
  assert.ok(page.url().startsWith(base));

  page = await journey.nextPerson();
  await journey.signIn(world.emails.commissioner, '/');
  await journey.visit(`/vehicles/${vehicle.id}`);
  await page
    .getByLabel('Answer, published to every applicant')
    .fill('Yes, where they work mainly on the services that move.');
  await clickAndLoad(page, page.getByRole('button', { name: 'Publish answer' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('The answer has been published to every applicant').isVisible());
});
