// Several app servers on one database. On PostgreSQL: two `hearth serve` processes share a scratch
// database and the load is spread over both; twenty officers racing for one unit still make one
// placement, each scheduled job runs once for its period though both start it, and a session signed
// in on one server is good on the other. The embedded database cannot be shared: a second server on
// the same data directory is refused, saying why and what to do.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PARTS } from '../src/parts.ts';
import { jobRuns } from '../src/platform/jobs/schema.ts';
import { PASSWORD, testWorld } from './support/test-app.ts';
import { assessedPerson, schemeWithVacancies } from './support/brokerage.ts';
import {
  call,
  serverDatabase,
  startServer,
  type ServerDatabase,
  type ServerProcess,
} from './support/server-process.ts';
import { halfWritten, loadSetting, lostWrites, writeLoad, type LoadSetting } from './support/write-load.ts';
import { testingOnPostgres } from './support/test-database.ts';

const RACERS = 20;
let database: ServerDatabase;
before(async () => {
  database = await serverDatabase();
});
after(() => database.remove());

test(
  'the embedded database: a second server on the same data directory is refused, and the first goes on',
  { skip: testingOnPostgres && 'on PostgreSQL the servers share the database (the next test)' },
  async () => {
    const first = await startServer(database);
    try {
      await assert.rejects(
        startServer(database),
        /in use by another Hearth process \(pid \d+\), most likely the running service.*set DATABASE_URL/s,
      );
      assert.equal((await fetch(`${first.url}/sign-in`)).status, 200, 'the first server still serves');
    } finally {
      assert.equal(await first.stop(), 0);
    }
  },
);

/** The cookies a browser holds after `response`, by name: a later one replaces an earlier one of its name. */
function keep(jar: Map<string, string>, response: Response): string {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Signs in through the page form on `server`: the cookies a browser would then send. */
async function signIn(server: ServerProcess, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${server.url}/sign-in`);
  const cookie = keep(jar, form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signedIn = await fetch(`${server.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }).toString(),
  });
  assert.equal(signedIn.status, 302, await signedIn.text());
  return keep(jar, signedIn);
}

test(
  'PostgreSQL: two servers share the load, one placement from twenty racing for a unit, each job once a period, one session',
  { skip: !testingOnPostgres && 'the embedded database takes one server (the test before)' },
  async () => {
    const world = await testWorld({ database: await database.open() });
    let setting: LoadSetting;
    let unitId: string;
    const racers: string[] = [];
    try {
      setting = await loadSetting(world);
      const { units } = await schemeWithVacancies(
        world,
        { providerId: setting.providerId, membershipId: setting.membershipId },
        ['Flat 1'],
      );
      unitId = units[0]!.unit.id;
      for (let index = 0; index < RACERS; index += 1) racers.push((await assessedPerson(world)).id);
    } finally {
      await world.close();
    }
    const servers = await Promise.all([startServer(database), startServer(database)]);
    try {
      const load = await writeLoad(servers, setting, { workers: 4, peopleEach: 4 });
      assert.deepEqual(load.refused, []);
      assert.equal(load.unanswered, 0);

      const answers = await Promise.all(
        racers.map((personId, index) =>
          call(servers[index % 2]!, setting.tokens.brokerage_officer, 'POST', '/api/v1/placements', {
            personId,
            unitId,
            providerId: setting.providerId,
            membershipId: setting.membershipId,
            startsOn: '2026-11-02',
            oneToOneMinutesPerWeek: 600,
            nightSupport: 'sleep-in',
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      assert.equal(statuses.filter((status) => status === 201).length, 1, statuses.join(' '));
      assert.equal(statuses.filter((status) => status === 409).length, RACERS - 1, statuses.join(' '));

      const cookie = await signIn(servers[0]!, world.emails.commissioner);
      const home = await fetch(`${servers[1]!.url}/`, { headers: { cookie }, redirect: 'manual' });
      assert.equal(home.status, 200, `the second server knows the session (sent to ${home.headers.get('location')})`);
      assert.match(await home.text(), /Sign out/);

      // Both servers started every job; each guarded job ran once for its period, the other skipped it.
      const guarded = PARTS.flatMap((part) => part.jobs ?? []).filter((job) => job.exclusive !== false);
      const logged = () => servers.map((server) => server.output()).join('\n');
      for (let waited = 0; guarded.some((job) => logged().split(`"${job.name}: `).length < 3); waited += 100) {
        assert.ok(waited < 30_000, `both servers report each job:\n${logged()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const job of guarded) {
        const reports = logged().match(new RegExp(`"${job.name}: ([^"]*)"`, 'g')) ?? [];
        assert.equal(reports.filter((report) => !report.includes(': skipped')).length, 1, reports.join('\n'));
      }
      const opened = await database.open();
      try {
        const runs = await opened.db.select().from(jobRuns);
        assert.deepEqual(runs.map((run) => run.job).sort(), guarded.map((job) => job.name).sort());
        assert.deepEqual(await lostWrites(opened.db, load.acknowledged), []);
        for (const [what, rows] of Object.entries(await halfWritten(opened.db))) assert.deepEqual(rows, [], what);
      } finally {
        await opened.close();
      }
    } finally {
      for (const server of servers) assert.equal(await server.stop(), 0);
    }
  },
);
