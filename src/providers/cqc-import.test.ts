import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from '../platform/db/client.ts';
import { commandLineActor, listAuditEvents, verifyAuditTrail } from '../platform/audit/service.ts';
import { testDatabase } from '../../test/support/test-database.ts';
import { importCqcFiles, type ImportFile } from './cqc-import.ts';
import * as repository from './repository.ts';

const fixtures = new URL('../../test/fixtures/cqc/', import.meta.url);
const file = (name: string): ImportFile => ({ name, content: readFileSync(new URL(name, fixtures)) });
const apiFiles = (): ImportFile[] =>
  readdirSync(new URL('api/', fixtures)).map((name) => ({
    name,
    content: readFileSync(new URL(`api/${name}`, fixtures)),
  }));

let database: Database;
before(async () => {
  database = await testDatabase();
});
after(() => database.close());

test('the ratings export: every row imported; a second import changes nothing and says so', async () => {
  const first = await importCqcFiles(database.db, commandLineActor, [file('locations-with-ratings-sample.csv')]);
  assert.equal(first.format, 'ratings');
  assert.deepEqual(first.rejected, []);
  assert.equal(first.locations.created, 40);
  assert.ok(first.providers.created > 0);
  assert.equal(first.updated, 0);
  const second = await importCqcFiles(database.db, commandLineActor, [file('locations-with-ratings-sample.csv')]);
  assert.deepEqual(
    { created: second.created, updated: second.updated, rejected: second.rejected },
    { created: 0, updated: 0, rejected: [] },
  );
  assert.equal(second.unchanged, first.created);
  const [ability] = await repository.locationsByCqcIds(database.db, ['1-21268168552']);
  assert.equal(ability!.name, 'AbilityAvenue Care');
  assert.equal(ability!.localAuthorityCode, 'E06000059');
  assert.equal(ability!.registrationDate, '2025-01-02');
  const provider = await repository.providerByCqcId(database.db, '1-21364297500');
  assert.equal(provider!.companiesHouseNumber, '15756430');
});

test('the care directory adds addresses without wiping the ratings, and then it too is unchanged', async () => {
  const first = await importCqcFiles(database.db, commandLineActor, [file('care-directory-sample.csv')]);
  assert.equal(first.format, 'care-directory');
  assert.deepEqual(first.rejected, []);
  assert.ok(first.locations.updated > 0, 'locations already known from the ratings file gain their addresses');
  const [ability] = await repository.locationsByCqcIds(database.db, ['1-21268168552']);
  assert.equal(ability!.postcode, 'DT9 4FS');
  const [rated] = await repository.locationsByCqcIds(database.db, ['1-11958380640']);
  const again = await importCqcFiles(database.db, commandLineActor, [file('care-directory-sample.csv')]);
  assert.equal(again.created + again.updated, 0);
  const [still] = await repository.locationsByCqcIds(database.db, ['1-11958380640']);
  assert.deepEqual(still, rated);
});

test('API responses: locations wait for their provider, ratings and managers come through', async () => {
  const first = await importCqcFiles(database.db, commandLineActor, apiFiles());
  assert.equal(first.format, 'api');
  assert.deepEqual(first.rejected, []);
  assert.equal(first.locations.created, 6);
  assert.equal(first.providers.created, 1);
  const [lucerne] = await repository.locationsByCqcIds(database.db, ['1-125856395']);
  assert.equal(lucerne!.overallRating, 'outstanding');
  assert.equal(lucerne!.registeredManager, 'Mr John Surel Bayliss');
  assert.equal(lucerne!.providerId, null);
  const again = await importCqcFiles(database.db, commandLineActor, apiFiles());
  assert.equal(again.created + again.updated, 0);
});

test('rejected rows are each named with their line and reason, and the rest are imported', async () => {
  const csv = readFileSync(new URL('locations-with-ratings-sample.csv', fixtures), 'utf8').split('\n');
  const broken = [
    csv[0],
    csv[1]!
      .replace('"1-21268168552"', '"1-99999999991"')
      .replace('"","1/2/2025 12:00:00 AM"', '"Superb","1/2/2025 12:00:00 AM"'),
    csv[2]!.replace('"1-22940471514"', '""'),
    '"just","three","columns"',
    csv[3]!.replace('"1-11958380640"', '"1-99999999992"'),
  ].join('\n');
  const summary = await importCqcFiles(database.db, commandLineActor, [
    { name: 'broken.csv', content: Buffer.from(broken) },
  ]);
  assert.deepEqual(summary.rejected, [
    { line: 2, reason: '"Superb" in Location Latest Overall Rating is not a CQC rating' },
    { line: 3, reason: 'no location ID' },
    { line: 4, reason: 'has 3 columns; the header has 45' },
  ]);
  assert.equal(summary.locations.created, 1);
});

test('a file that is not a CQC export is refused whole, with a reason', async () => {
  await assert.rejects(
    importCqcFiles(database.db, commandLineActor, [
      { name: 'people.csv', content: Buffer.from('Name,Postcode\nA,B\n') },
    ]),
    (error: Error & { fieldErrors?: { message: string }[] }) =>
      /not a CQC export/.test(error.fieldErrors?.[0]?.message ?? ''),
  );
});

test('every change is in the audit trail, and the trail verifies', async () => {
  const imports = await listAuditEvents(database.db, { recordType: 'import' }, 1);
  assert.equal(imports.total, 7, 'seven imports ran; the refused file changed nothing');
  const [ability] = await repository.locationsByCqcIds(database.db, ['1-21268168552']);
  const history = await listAuditEvents(database.db, { recordType: 'provider-location', recordId: ability!.id }, 1);
  assert.deepEqual(
    history.items.map((e) => e.action),
    ['provider-location.update', 'provider-location.create'],
  );
  assert.equal(history.items[0]!.reason, 'CQC import of care-directory-sample.csv');
  assert.equal((await verifyAuditTrail(database.db)).broken, undefined);
});
