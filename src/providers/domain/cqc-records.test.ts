import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { apiResponseFacts } from './cqc-api-response.ts';
import { careDirectoryRowFacts, detectCsvFormat, ratingsRowFacts } from './cqc-exports.ts';
import { changedFields } from '../../platform/domain/changes.ts';
import { ImportBatch } from './import-batch.ts';

const fixtures = new URL('../../../test/fixtures/cqc/', import.meta.url);
const resolveLa = (name: string) => ({ Dorset: 'E06000059', Gloucestershire: 'E10000013' })[name] ?? null;

function csv(file: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parse(readFileSync(new URL(file, fixtures)), { bom: true }) as string[][];
  const header = records[0]!;
  return { header, rows: records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

test('each export is recognised by its header, and anything else is refused with a reason', () => {
  assert.equal(detectCsvFormat(csv('care-directory-sample.csv').header), 'care-directory');
  assert.equal(detectCsvFormat(csv('locations-with-ratings-sample.csv').header), 'ratings');
  const unknown = detectCsvFormat(['Name', 'Postcode']);
  assert.ok(typeof unknown === 'object');
  assert.match(unknown.unknown, /not a CQC export/);
});

test('the ratings export: stray spaces, US dates, trailing spaces in Companies House numbers', () => {
  const { rows } = csv('locations-with-ratings-sample.csv');
  const facts = ratingsRowFacts(rows[0]!, resolveLa);
  assert.ok(facts.ok);
  assert.equal(facts.location?.cqcLocationId, '1-21268168552');
  assert.equal(facts.location?.fields.name, 'AbilityAvenue Care');
  assert.equal(facts.location?.fields.registrationDate, '2025-01-02');
  assert.equal(facts.location?.fields.dormant, true);
  assert.equal(facts.location?.fields.overallRating, null);
  assert.equal(facts.location?.fields.ratingPublishedOn, null);
  assert.equal(facts.location?.fields.localAuthorityCode, 'E06000059');
  assert.equal(facts.location?.fields.region, 'South West');
  assert.equal(facts.location?.fields.registeredManager, 'Mr Shingirai Oneness Mubayi');
  assert.deepEqual(facts.location?.fields.serviceTypes, ['supported_living']);
  assert.equal(facts.provider?.fields.name, 'AbilityAvenue Care Ltd');
  const asp = ratingsRowFacts(rows[1]!, resolveLa);
  assert.ok(asp.ok);
  assert.equal(asp.provider?.fields.companiesHouseNumber, '15756430');
  const rated = rows
    .map((row) => ratingsRowFacts(row, resolveLa))
    .filter((f) => f.ok && f.location?.fields.overallRating);
  assert.equal(rated.length, 25);
  assert.ok(rated.every((f) => f.ok && /^\d{4}-\d{2}-\d{2}$/.test(f.location!.fields.ratingPublishedOn ?? '')));
});

test('the care directory: provider rows become providers, location rows locations', () => {
  const { rows } = csv('care-directory-sample.csv');
  const batch = new ImportBatch();
  rows.forEach((row, i) => batch.add(careDirectoryRowFacts(row, resolveLa), i + 2));
  assert.deepEqual(batch.rejected, []);
  assert.equal(batch.locations.size, 32);
  const iSay = batch.providers.get('1-1379610354');
  assert.equal(iSay?.fields.name, "'I Say' Supported Living Services Limited");
  assert.equal(iSay?.fields.ownershipType, 'Organisation');
  assert.equal(iSay?.fields.postcode, 'ME2 4BH');
  assert.equal(batch.locations.get('1-22940471514')?.fields.name, 'ASP Healthcare Services Ltd');
});

test('a bad row is rejected with its reason, a repeated location with the line it first appeared on', () => {
  const { rows } = csv('locations-with-ratings-sample.csv');
  const batch = new ImportBatch();
  batch.add(ratingsRowFacts(rows[0]!, resolveLa), 2);
  batch.add(ratingsRowFacts({ ...rows[1]!, 'Location Latest Overall Rating': 'Excellent' }, resolveLa), 3);
  batch.add(ratingsRowFacts({ ...rows[2]!, 'Location ID': '' }, resolveLa), 4);
  batch.add(ratingsRowFacts(rows[0]!, resolveLa), 5);
  assert.deepEqual(batch.rejected, [
    { line: 3, reason: '"Excellent" in Location Latest Overall Rating is not a CQC rating' },
    { line: 4, reason: 'no location ID' },
    { line: 5, reason: 'location 1-21268168552 appears again (first on line 2); the first is kept' },
  ]);
});

test('API responses: ratings, registered manager and absence, deregistered, provider', () => {
  const api = (file: string) =>
    apiResponseFacts(JSON.parse(readFileSync(new URL(`api/${file}`, fixtures), 'utf8')), resolveLa);
  const lucerne = api('location_1-125856395.json');
  assert.ok(lucerne.ok);
  assert.equal(lucerne.location?.fields.overallRating, 'outstanding');
  assert.equal(lucerne.location?.fields.wellLedRating, 'outstanding');
  assert.equal(lucerne.location?.fields.registeredManager, 'Mr John Surel Bayliss');
  const kingswood = api('location_1-1000210669.json');
  assert.ok(kingswood.ok);
  assert.equal(kingswood.location?.fields.registeredManagerAbsentSince, '2018-05-31');
  assert.equal(kingswood.location?.fields.overallRating, 'requires_improvement');
  const northWest = api('location_1-113868677.json');
  assert.ok(northWest.ok);
  assert.equal(northWest.location?.fields.registrationStatus, 'Deregistered');
  assert.equal(northWest.location?.fields.overallRating, null);
  assert.deepEqual(northWest.location?.fields.serviceTypes, ['homecare', 'supported_living']);
  const provider = api('provider_1-1004515435.json');
  assert.ok(provider.ok);
  assert.equal(provider.provider?.fields.ownershipType, 'Partnership');
  assert.equal(apiResponseFacts([], resolveLa).ok, false);
  assert.equal(readdirSync(new URL('api/', fixtures)).length, 7);
});

test('only the fields a source supplies are compared', () => {
  assert.deepEqual(changedFields({ name: 'A', overallRating: 'good' }, { name: 'A' }), []);
  assert.deepEqual(changedFields({ name: 'A', serviceTypes: ['b', 'a'] }, { serviceTypes: ['a', 'b'] }), []);
  assert.deepEqual(changedFields({ name: 'A', phone: null }, { name: 'B', phone: undefined }), ['name']);
});
