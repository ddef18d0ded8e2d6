// Home is today's work: each queue a part says needs the person, with its count, its first items
// linked, and nothing of another organisation's. Here, an administrator's accounts to act on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLineActor } from '../src/platform/audit/service.ts';
import { updateUser, userByEmail } from '../src/organisations/repository.ts';
import { createUser } from '../src/organisations/user-service.ts';
import { PageSession, STAFF_SEATS, testWorld, type TestWorld } from './support/test-app.ts';

let world: TestWorld;
const DAY = 24 * 60 * 60 * 1000;

const homeOf = async (email: string) => {
  const session = new PageSession(world.app);
  await session.signIn(email);
  const home = await session.get('/');
  assert.equal(home.statusCode, 200, email);
  return home.body;
};

/** The queue's section on the page, from its heading to the next. */
const section = (html: string, key: string) => html.split(`id="${key}"`)[1]?.split('</section>')[0];

before(async () => {
  world = await testWorld();
});
after(() => world.close());

describe('home', () => {
  test("an administrator's home lists accounts never used and accounts gone quiet, with links", async () => {
    const added = await createUser(world.db, commandLineActor, {
      email: 'new.starter@example.gov.uk',
      name: 'New Starter',
      roles: ['evaluator'],
      organisation: 'E10000028',
    });
    await updateUser(world.db, added.id, { createdAt: new Date(Date.now() - 10 * DAY) });
    const auditor = (await userByEmail(world.db, world.emails.auditor))!;
    await updateUser(world.db, auditor.id, { lastSignInAt: new Date(Date.now() - 120 * DAY) });

    const home = await homeOf(world.emails.administrator);
    assert.match(home, /<h1 class="govuk-heading-l">Today’s work<\/h1>/);
    const never = section(home, 'organisations-never-signed-in');
    assert.ok(never, 'the never-signed-in queue is shown');
    assert.match(never, /People who have never signed in \(1\)/);
    assert.match(never, new RegExp(`href="/admin/users/${added.id}">New Starter</a>`));
    const dormant = section(home, 'organisations-dormant');
    assert.ok(dormant, 'the dormant queue is shown');
    assert.match(dormant, new RegExp(`href="/admin/users/${auditor.id}">Test auditor</a>`));
    assert.match(dormant, /Last signed in on \d{1,2} [A-Z][a-z]+ \d{4}/);

    // Another council's administrator has nothing of this council's.
    const kent = await homeOf(world.emails.other_council_administrator);
    assert.doesNotMatch(kent, /New Starter|Test auditor/);
    assert.equal(section(kent, 'organisations-never-signed-in'), undefined, 'an empty queue shows only its count');
    assert.match(
      kent,
      /<span class="hearth-work-count__number">0<\/span>\s*<span class="hearth-work-count__title">People who have never signed in/,
    );
  });

  test('everyone has a home, and only administrators see accounts to act on', async () => {
    for (const seat of [...STAFF_SEATS, 'provider_user'] as const) {
      const home = await homeOf(world.emails[seat]);
      if (seat === 'administrator') assert.match(home, /People who have never signed in/);
      else assert.doesNotMatch(home, /People who have never signed in/, seat);
    }
  });
});
