// A commissioner publishes a vehicle's tender notice and, after the award, its contract award
// notice, each from a check-your-answers page; then anyone, signed out, reads them on the public
// page and in the open-data feed. axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';
import { api } from '../support/test-app.ts';
import { openVehicle, submittedApplication, throughEvaluation } from '../support/procurement.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);
const SCREENSHOTS = process.env.HEARTH_SCREENSHOTS;

async function shot(name: string) {
  if (SCREENSHOTS) await journey.page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

test('a commissioner publishes the tender and award notices, and the public page shows them', { skip }, async () => {
  const { world } = journey;
  const vehicle = await openVehicle(world, {
    reference: 'SL-FW-NOTICES',
    name: 'Supported Living Framework 2027',
    description: 'Supported living for adults with learning disabilities and autistic people',
    valuePence: 2_890_000_000,
  });
  const heron = await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]);
  await throughEvaluation(world, vehicle.id, heron, [4, 4]);

  await journey.signIn(world.emails.commissioner, '/');
  await journey.visit(`/vehicles/${vehicle.id}`);
  assert.match((await journey.page.locator('#regime-rules').textContent()) ?? '', /voluntary one is kept/);
  let page = journey.page;
  await clickAndLoad(page, page.getByRole('link', { name: 'Public notices' }));
  await assertAccessible(page);
  await shot('notices-due');
  assert.equal(await page.locator('#notices tbody tr').count(), 1, 'the tender notice only, for now');
  await clickAndLoad(page, page.getByRole('button', { name: 'Check and publish the UK4 tender notice' }));
  await assertAccessible(page);
  await shot('notice-check');
  assert.ok(await page.getByText('SL-FW-NOTICES/UK4/1').first().isVisible());
  await clickAndLoad(page, page.getByRole('button', { name: 'Publish notice' }));
  await assertAccessible(page);
  await shot('notice-published');
  assert.ok(await page.getByText('SL-FW-NOTICES/UK4/1 has been published').isVisible());
  const download = page.getByRole('link', { name: 'Download the release (OCDS JSON)' });
  assert.ok(await download.isVisible());

  // The award is decided (its own journey has the check-your-answers page); its notice is then due.
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
  const awarded = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, {
    noticeDate: isoDateInLondon(new Date()),
  });
  assert.equal(awarded.statusCode, 201, awarded.body);
  await journey.visit(`/vehicles/${vehicle.id}/notices`);
  await clickAndLoad(page, page.getByRole('button', { name: 'Check and publish the UK6 contract award notice' }));
  await assertAccessible(page);
  assert.ok(await page.getByText(/Heron/).first().isVisible(), 'the supplier it names is shown before publishing');
  await clickAndLoad(page, page.getByRole('button', { name: 'Publish notice' }));
  await assertAccessible(page);
  assert.ok(await page.getByText('SL-FW-NOTICES/UK6/1 has been published').isVisible());

  // Anyone, signed out.
  page = await journey.nextPerson();
  await journey.visit(`/public/E10000028/vehicles`);
  await shot('public-vehicles');
  await clickAndLoad(page, page.getByRole('link', { name: 'Supported Living Framework 2027' }));
  await assertAccessible(page);
  await shot('public-vehicle');
  const notices = (await page.locator('#notices').textContent()) ?? '';
  assert.match(notices, /SL-FW-NOTICES\/UK4\/1/);
  assert.match(notices, /SL-FW-NOTICES\/UK6\/1/);
  assert.match((await page.locator('#admitted').textContent()) ?? '', /Heron/);
  const feed = await page.request.get(
    `${journey.base}/open-data/ocds/releases?organisation=E10000028&ocid=ocds-hearth-${vehicle.id}`,
  );
  assert.equal(feed.status(), 200);
  assert.equal(((await feed.json()) as { releases: unknown[] }).releases.length, 2);
});

test(
  'a commissioner records a Provider Selection Regime decision, fixing a gap, before its award',
  { skip },
  async () => {
    const { world } = journey;
    const vehicle = await openVehicle(world, {
      reference: 'PSR-JOURNEY',
      name: 'Continuing Healthcare Framework',
      regime: 'psr',
      description: 'Continuing Healthcare packages in supported living',
      valuePence: 120_000_000,
    });
    const heron = await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]);
    await throughEvaluation(world, vehicle.id, heron, [4, 4]);
    await journey.signIn(world.emails.commissioner, '/');
    await journey.visit(`/vehicles/${vehicle.id}`);
    const page = journey.page;
    await clickAndLoad(page, page.getByRole('link', { name: 'Provider Selection Regime decision' }));
    await assertAccessible(page);
    await clickAndLoad(page, page.getByRole('button', { name: 'Record the decision' }));
    await assertAccessible(page);
    await page.getByLabel('Most suitable provider process').check();
    await page.getByLabel('The conditions of the process chosen are met').check();
    await page.getByLabel('Provider the decision awards to').selectOption({ label: 'Heron Supported Living Ltd' });
    const weights = [30, 20, 20, 20, 10];
    for (const [i, criterion] of [
      'quality-innovation',
      'value',
      'integration-collaboration',
      'access-inequalities',
      'social-value',
    ].entries()) {
      await page.locator(`#weight-${criterion}`).fill(String(weights[i]));
      if (criterion !== 'social-value') await page.locator(`#rationale-${criterion}`).fill('Weighed by the panel');
    }
    await page.getByLabel('Who decided').fill('ICB Continuing Healthcare panel');
    await page.getByLabel('Conflicts of interest').fill('None');
    await page.getByLabel('Reasons for the decision').fill('The one provider able to support this person at home.');
    await clickAndLoad(page, page.getByRole('button', { name: 'Continue' }));
    await assertAccessible(page);
    await shot('psr-form-error');
    await page.getByRole('link', { name: 'Say how social value was taken into account' }).click();
    await page.locator('#rationale-social-value').fill('Local employment weighed');
    await clickAndLoad(page, page.getByRole('button', { name: 'Continue' }));
    await assertAccessible(page);
    await shot('psr-check');
    assert.ok(await page.getByText('Most suitable provider process').first().isVisible());
    await clickAndLoad(page, page.getByRole('button', { name: 'Record the decision' }));
    await assertAccessible(page);
    await shot('psr-recorded');
    assert.ok(await page.getByText('The decision has been recorded').isVisible());
    assert.match((await page.locator('#decision').textContent()) ?? '', /Heron Supported Living Ltd/);
  },
);
