// The command line as administrators use it: real processes on a real data directory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scratchPostgresDatabase } from '../../test/support/test-database.ts';

const run = promisify(execFile);
const hearth = fileURLToPath(new URL('../../bin/hearth.js', import.meta.url));
const samples = fileURLToPath(new URL('../../test/fixtures/cqc/', import.meta.url));
let dataDir: string;
// On a PostgreSQL run the commands get a database of their own on that server.
let postgres: { url: string; drop(): Promise<void> } | undefined;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  // PostgreSQL when the suite runs against it, so the CLI is checked there too; else a fresh data directory.
  const database = postgres ? { DATABASE_URL: postgres.url } : {};
  try {
    const { stdout, stderr } = await run(process.execPath, [hearth, ...args], {
      env: { ...process.env, HEARTH_DATA_DIR: dataDir, ...database, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hearth-cli-'));
  if (onPostgres) postgres = await scratchPostgresDatabase(process.env.TEST_DATABASE_URL!);
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await postgres?.drop();
});

/** The database the commands use, opened in this process as the running service would. */
async function openSameDatabase() {
  const { openDatabase } = await import('../platform/db/client.ts');
  return openDatabase(postgres ? { kind: 'postgres', url: postgres.url } : { kind: 'pglite', dataDir });
}

test('--help lists the commands', async () => {
  const { code, stdout } = await cli(['--help']);
  assert.equal(code, 0);
  for (const command of ['serve', 'organisation', 'user', 'token', 'audit', 'import'])
    assert.match(stdout, new RegExp(`\\b${command}\\b`));
});

test(
  'a command run where there is no database names the folder it looked in, and makes nothing there',
  { skip: onPostgres && 'PostgreSQL has no data folder' },
  async () => {
    const missing = join(dataDir, 'not-here');
    const verify = await cli(['audit', 'verify'], { HEARTH_DATA_DIR: missing });
    assert.equal(verify.code, 1);
    assert.match(
      verify.stderr,
      new RegExp(`There is no Hearth database in ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    assert.doesNotMatch(verify.stdout, /intact/);
    assert.equal(existsSync(missing), false, 'no empty database was made');
  },
);

test("an organisation, a person and a token, as the issue's commands name them", async () => {
  const created = await cli([
    'organisation',
    'create',
    '--name',
    'Staffordshire County Council',
    '--code',
    'E10000028',
    '--type',
    'council',
  ]);
  assert.equal(created.code, 0, created.stderr);
  if (!onPostgres) assert.match(created.stderr, new RegExp(`Creating a new embedded database in ${dataDir}`));
  const wrong = await cli(['organisation', 'create', '--name', 'Nowhere', '--code', 'E99999999', '--type', 'council']);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /code: E99999999 is not the GSS code of a UK local authority/);

  const user = await cli(
    [
      'user',
      'create',
      '--email',
      'a@b.gov.uk',
      '--name',
      'Ann Commissioner',
      '--role',
      'commissioner',
      '--role',
      'evaluator',
      '--organisation',
      'E10000028',
    ],
    { HEARTH_PASSWORD: 'a long enough password' },
  );
  assert.equal(user.code, 0, user.stderr);
  const noPassword = await cli([
    'user',
    'create',
    '--email',
    'c@b.gov.uk',
    '--name',
    'C',
    '--role',
    'auditor',
    '--organisation',
    'E10000028',
  ]);
  assert.equal(noPassword.code, 1);
  assert.match(noPassword.stderr, /HEARTH_PASSWORD/);
  const weak = await cli(
    ['user', 'create', '--email', 'w@b.gov.uk', '--name', 'W', '--role', 'auditor', '--organisation', 'E10000028'],
    { HEARTH_PASSWORD: 'aaaaaaaaaaaa' },
  );
  assert.equal(weak.code, 1);
  assert.match(weak.stderr, /password: The password is too easy to guess/);

  const token = await cli(['token', 'create', '--email', 'a@b.gov.uk']);
  assert.equal(token.code, 0, token.stderr);
  assert.match(token.stdout, /^hearth_[A-Za-z0-9_-]{43}\n$/);
  const nobody = await cli(['token', 'create', '--email', 'nobody@b.gov.uk']);
  assert.equal(nobody.code, 1);
});

test('import cqc --json: the summary; a second import is all unchanged; a folder of API responses', async () => {
  const first = await cli(['import', 'cqc', join(samples, 'locations-with-ratings-sample.csv'), '--json']);
  assert.equal(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout);
  assert.equal(summary.locations.created, 40);
  assert.deepEqual(summary.rejected, []);
  const second = JSON.parse(
    (await cli(['import', 'cqc', join(samples, 'locations-with-ratings-sample.csv'), '--json'])).stdout,
  );
  assert.deepEqual(
    { created: second.created, updated: second.updated, unchanged: second.unchanged },
    { created: 0, updated: 0, unchanged: summary.created },
  );
  const folder = JSON.parse((await cli(['import', 'cqc', join(samples, 'api'), '--json'])).stdout);
  assert.equal(folder.locations.created, 6);
  const text = await cli(['import', 'cqc', join(samples, 'api')]);
  assert.match(text.stdout, /Nothing changed/);
});

test('audit verify passes, then finds the altered event and exits non-zero', async () => {
  const ok = await cli(['audit', 'verify']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Audit trail intact: \d+ events/);
  // Alter one event behind Hearth's back, as someone with direct access to the files might.
  const { sql } = await import('drizzle-orm');
  const database = await openSameDatabase();
  await database.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
  await database.db.execute(sql`UPDATE audit_events SET reason = 'nothing to see' WHERE seq = 3`);
  await database.close();
  const broken = await cli(['audit', 'verify']);
  assert.equal(broken.code, 1);
  assert.match(
    broken.stderr,
    /Audit trail broken at event 3: event 3 was altered after it was written\. 2 events before it are intact/,
  );
});

test(
  'while another process holds the embedded database, a command refuses and names the fix',
  { skip: onPostgres && 'PostgreSQL has no data directory to lock' },
  async () => {
    writeFileSync(join(dataDir, 'hearth.pid'), String(process.pid));
    try {
      const refused = await cli(['audit', 'verify']);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stderr,
        /in use by another Hearth process \(pid \d+\).*Stop that process first, or run Hearth on PostgreSQL \(set DATABASE_URL\)/,
      );
    } finally {
      rmSync(join(dataDir, 'hearth.pid'));
    }
    // A lock left by a process that has gone is taken over.
    writeFileSync(join(dataDir, 'hearth.pid'), '999999');
    const taken = await cli(['token', 'create', '--email', 'a@b.gov.uk']);
    assert.equal(taken.code, 0, taken.stderr);
  },
);

test(
  'on PostgreSQL, commands run while the service has the database open',
  { skip: !onPostgres && 'only PostgreSQL is shared between processes' },
  async () => {
    const service = await openSameDatabase();
    try {
      const token = await cli(['token', 'create', '--email', 'a@b.gov.uk']);
      assert.equal(token.code, 0, token.stderr);
      const { sql } = await import('drizzle-orm');
      const result = await service.db.execute(sql`select count(*)::int as n from api_tokens`);
      assert.ok(
        (result as unknown as { rows: { n: number }[] }).rows[0]!.n >= 2,
        'the service sees the token the command made',
      );
    } finally {
      await service.close();
    }
  },
);

test('tiers: the allocation as JSON, or every problem in the file and exit 1', async () => {
  const file = join(dataDir, 'tiers.json');
  writeFileSync(
    file,
    JSON.stringify({
      zones: [
        { id: 'north', tier1Places: 1 },
        { id: 'south', tier1Places: 1 },
      ],
      maxTier1ZonesPerProvider: 1,
      qualityThreshold: 60,
      rule: 'coverage-then-score',
      bids: [
        { provider: 'P01', zone: 'north', score: 90 },
        { provider: 'P01', zone: 'south', score: 85 },
        { provider: 'P02', zone: 'north', score: 80 },
        { provider: 'P03', zone: 'south', score: 41 },
      ],
    }),
  );
  const result = await cli(['tiers', file]);
  assert.equal(result.code, 0, result.stderr);
  const allocation = JSON.parse(result.stdout);
  assert.deepEqual(Object.keys(allocation), [
    'rule',
    'tier1',
    'tier2',
    'unsuccessful',
    'placesFilled',
    'totalTier1Score',
    'reasons',
  ]);
  assert.deepEqual(allocation.tier1, [
    { provider: 'P01', zone: 'south', score: 85, rank: 1 },
    { provider: 'P02', zone: 'north', score: 80, rank: 2 },
  ]);
  assert.equal(allocation.reasons['P01/north'], 'Tier 2: already Tier 1 in one zone, South');

  writeFileSync(
    file,
    JSON.stringify({
      zones: [{ id: 'north', tier1Places: -2 }],
      maxTier1ZonesPerProvider: 2,
      qualityThreshold: 60,
      rule: 'rank-order',
      bids: [{ provider: 'P01', zone: 'west', score: 'high' }],
    }),
  );
  const bad = await cli(['tiers', file]);
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, '');
  assert.match(
    bad.stderr,
    /zones\[0\]\.tier1Places: .*0 or more\nbids\[0\]\.zone: There is no zone west\nbids\[0\]\.score: The score must be a number, not "high"/,
  );
  writeFileSync(file, '{ not json');
  assert.match((await cli(['tiers', file])).stderr, /tiers\.json: .*JSON/);
});

test('match: the exact assignment beside first come, first served, or every problem and exit 1', async () => {
  const file = join(dataDir, 'match.json');
  const person = (id: string, needs: string[]) => ({
    id,
    zone: 'north',
    band: 'complex',
    needs,
    anyZone: false,
    incompatibleSchemes: [],
  });
  const vacancy = (id: string, features: string[]) => ({
    id,
    scheme: `S-${id}`,
    zone: 'north',
    band: 'complex',
    features,
    providerTier: 1,
    weeklyPricePence: 150_000,
  });
  writeFileSync(
    file,
    JSON.stringify({
      referrals: [person('R1', []), person('R2', ['ground-floor']), person('R3', ['garden'])],
      vacancies: [vacancy('V1', ['ground-floor']), vacancy('V2', [])],
    }),
  );
  const result = await cli(['match', file]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), {
    assignments: [
      { referral: 'R1', vacancy: 'V2' },
      { referral: 'R2', vacancy: 'V1' },
    ],
    unplaced: [{ referral: 'R3', reason: 'No complex vacancy in north has all of: garden' }],
    placed: 2,
    placedWithTier1: 2,
    totalWeeklyPricePence: 300_000,
    firstComeFirstServed: { placed: 1, placedWithTier1: 1, totalWeeklyPricePence: 150_000 },
  });
  writeFileSync(
    file,
    JSON.stringify({
      referrals: [{ ...person('R1', []), band: 'medium' }],
      vacancies: [{ ...vacancy('V1', []), providerTier: 0 }],
    }),
  );
  const bad = await cli(['match', file]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.stderr,
    /referrals\[0\]\.band: The band must be one of .*\nvacancies\[0\]\.providerTier: providerTier is 1 or 2/,
  );
});

test("standstill: both regimes, an administrator's extra bank holiday, and bad dates", async () => {
  const pa = await cli(['standstill', '--regime', 'pa2023', '--date', '2026-12-21']);
  assert.equal(pa.code, 0, pa.stderr);
  assert.deepEqual(JSON.parse(pa.stdout), {
    regime: 'pa2023',
    date: '2026-12-21',
    ends: '2027-01-05',
    earliestContractDate: '2027-01-06',
  });
  const pcr = JSON.parse((await cli(['standstill', '--regime', 'pcr2015', '--date', '2026-11-04'])).stdout);
  assert.equal(pcr.ends, '2026-11-16');

  const extra = join(dataDir, 'more-holidays.csv');
  writeFileSync(extra, 'date,nation,name\n2026-11-16,england-and-wales,A one-off day\n');
  const moved = JSON.parse(
    (await cli(['standstill', '--regime', 'pcr2015', '--date', '2026-11-04'], { HEARTH_BANK_HOLIDAYS_FILE: extra }))
      .stdout,
  );
  assert.equal(moved.ends, '2026-11-17');

  assert.match(
    (await cli(['standstill', '--regime', 'pcr2015', '--date', '2026-02-30'])).stderr,
    /"2026-02-30" is not a date written YYYY-MM-DD/,
  );
  assert.match(
    (await cli(['standstill', '--regime', 'pa2023', '--date', '2031-06-02'])).stderr,
    /calendar covers 2015 to 2030/,
  );
  assert.match(
    (await cli(['standstill', '--regime', 'psr', '--date', '2026-06-02'])).stderr,
    /Allowed choices are pcr2015, pa2023/,
  );
});

test('import fhrs: the ratings of matched services recorded once, the unmatched listed', async () => {
  const { randomUUID } = await import('node:crypto');
  const { commandLineActor } = await import('../platform/audit/service.ts');
  const { createOrganisation } = await import('../organisations/service.ts');
  const { addProviders } = await import('../providers/service.ts');
  const { insertServices } = await import('../quality/register-repository.ts');
  const { sampleProvider } = await import('../../test/support/test-app.ts');
  const database = await openSameDatabase();
  const organisation = await createOrganisation(database.db, commandLineActor, {
    name: 'Hartlepool Borough Council',
    code: 'E06000001',
    type: 'council',
  });
  const [providerId] = await addProviders(
    database.db,
    commandLineActor,
    [sampleProvider('Hollinsmoor Care Ltd', '1-109000001', 'HV1 4QT', '1-209000001')],
    'test data',
  );
  // Services named as commissioners know them, not as the FSA writes them.
  await insertServices(
    database.db,
    [
      ['Willow Court Care Home', 'HV1 4QT'],
      ['Beech and Birch Supported Living', 'HV2 7LD'],
      ['Hilltop Residential Home', 'HV3 8JD'],
    ].map(([name, postcode]) => ({
      organisationId: organisation.id,
      id: randomUUID(),
      providerId: providerId!,
      locationId: null,
      name: name!,
      postcode: postcode!,
      contractedFrom: '2025-04-01',
      createdAt: new Date(),
    })),
  );
  await database.close();

  const sample = fileURLToPath(new URL('../../test/fixtures/fhrs/fhrs-sample.xml', import.meta.url));
  const first = await cli(['import', 'fhrs', sample, '--organisation', 'E06000001']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(
    first.stdout,
    /Hartlepool Borough Council: 9 establishments read, 3 matched to services, 3 added, 0 already recorded/,
  );
  assert.match(first.stdout, /set aside establishment 6: no FHRSID/);
  assert.match(first.stdout, /Not matched \(6\):/);
  assert.match(first.stdout, /0001187 The Larches, HV1 9NP: no service at this postcode/);
  const again = await cli(['import', 'fhrs', sample, '--organisation', 'E06000001']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /3 matched to services, 0 added, 3 already recorded/);
});

test("a person's subject access export, written to a file for the organisation named", async () => {
  const database = await openSameDatabase();
  const { organisationByCode } = await import('../organisations/service.ts');
  const { people } = await import('../brokerage/schema.ts');
  const organisation = await organisationByCode(database.db, 'E10000028');
  const now = new Date();
  await database.db.insert(people).values({
    organisationId: organisation!.id,
    id: '7f1c2a58-3b9e-4d21-9a6f-0c4e5b8d2f31',
    name: 'Dora Example',
    dateOfBirth: '1988-03-14',
    caseReference: 'CLI-EXPORT-1',
    clientGroups: ['autism'],
    inCounty: true,
    paymentRoute: 'commissioned',
    funding: [{ stream: 'care-act', percent: 100 }],
    status: 'active',
    createdAt: now,
    updatedAt: now,
  });
  await database.close();

  const file = join(dataDir, 'dora.json');
  const written = await cli(['person', 'export', '--organisation', 'E10000028', '--person', 'CLI-EXPORT-1', file]);
  assert.equal(written.code, 0, written.stderr);
  const data = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(data.person.name, 'Dora Example');
  assert.equal(data.produced.by, 'command line');
  const pdf = join(dataDir, 'dora.pdf');
  assert.equal(
    (await cli(['person', 'export', '--organisation', 'E10000028', '--person', 'CLI-EXPORT-1', pdf])).code,
    0,
  );
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  // Another organisation's code finds nobody: the export is of the organisation named only.
  const elsewhere = await cli(['person', 'export', '--organisation', 'NOWHERE', '--person', 'CLI-EXPORT-1', file]);
  assert.equal(elsewhere.code, 1);
  assert.match(elsewhere.stderr, /No organisation has code NOWHERE/);
});
