// Messages in a real browser: an administrator reads the outbox, filters it and opens a message;
// a provider's person reads the messages sent to them. axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offerMade } from '../../src/notifications/domain/messages.ts';
import { messageSendingJob } from '../../src/notifications/jobs.ts';
import { queueNotification } from '../../src/notifications/service.ts';
import { runJob } from '../../src/platform/jobs/scheduler.ts';
import { browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);

test('an administrator reads the outbox and a provider reads its messages', { skip }, async () => {
  const { page, world } = journey;
  const message = offerMade({
    organisationName: 'Staffordshire County Council',
    providerName: 'Heron Supported Living Ltd',
    lastDay: '2026-11-24',
    page: '/offers',
  });
  await world.db.transaction((tx) =>
    queueNotification(tx, {
      event: 'offer-made:journey',
      organisationId: world.councilId,
      recipients: { providerUsersOf: world.providerId },
      message,
    }),
  );
  await runJob(
    world.db,
    messageSendingJob(() => ({ sender: undefined, publicUrl: 'http://localhost:3000' })),
  );

  await journey.signIn(world.emails.administrator, '/');
  await clickAndLoad(
    page,
    page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Outbox and sending' }),
  );
  await journey.visit('/admin/messages');
  await page.getByLabel('Status').selectOption('outbox');
  await clickAndLoad(page, page.getByRole('button', { name: 'Search' }));
  await page.waitForURL(/status=outbox/);
  assert.equal(await page.locator('#messages tbody tr').count(), 1);
  await clickAndLoad(page, page.getByRole('link', { name: message.subject }));
  await journey.visit(new URL(page.url()).pathname);
  assert.ok(await page.getByText('In the outbox (not emailed)').isVisible());

  await journey.nextPerson();
  await journey.signIn(world.emails.provider_user, '/');
  await journey.visit('/messages');
  await clickAndLoad(journey.page, journey.page.getByRole('link', { name: message.subject }));
  await journey.visit(new URL(journey.page.url()).pathname);
  assert.equal(await journey.page.getByRole('heading', { level: 1 }).textContent(), message.subject);
});
