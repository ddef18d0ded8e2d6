import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  FhrsFileError,
  matchToServices,
  nameWords,
  type FhrsEstablishment,
  type ServiceToMatch,
} from './domain/fhrs.ts';
import { readFhrsXml } from './fhrs-file.ts';

const sample = readFileSync(new URL('../../test/fixtures/fhrs/fhrs-sample.xml', import.meta.url), 'utf8');

function establishment(fhrsId: string): FhrsEstablishment {
  const found = readFhrsXml(sample).establishments.find((e) => e.fhrsId === fhrsId);
  assert.ok(found, `establishment ${fhrsId} is in the sample`);
  return found;
}

function document(details: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<FHRSEstablishment xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Header><ExtractDate>2026-11-20</ExtractDate><ItemCount>1</ItemCount><ReturnCode>Success</ReturnCode></Header>
  <EstablishmentCollection>${details}</EstablishmentCollection>
</FHRSEstablishment>`;
}

test('every usable establishment in the sample is read, and the two unusable ones set aside', () => {
  const { establishments, rejected } = readFhrsXml(sample);
  assert.equal(establishments.length, 9);
  assert.deepEqual(
    establishments.map((e) => e.fhrsId),
    ['1604412', '1604413', '0001187', '1604415', '1604416', '1604419', '1604420', '1604421', '1604422'],
  );
  assert.deepEqual(rejected, [
    { index: 6, fhrsId: null, reason: 'no FHRSID' },
    {
      index: 7,
      fhrsId: '1604418',
      reason: 'RatingDate "17/05/2023" is not a date (expected 2023-05-17 or 2023-05-17T00:00:00)',
    },
  ]);
});

test('an establishment as the FSA publishes it: a score, its date, its local authority', () => {
  assert.deepEqual(establishment('1604412'), {
    fhrsId: '1604412',
    businessName: 'Willow Court Care Home Ltd',
    postcode: 'HV1 4QT',
    rating: { kind: 'score', value: 5 },
    ratedOn: '2023-05-17',
    localAuthority: 'Hollinsmoor',
  });
  assert.deepEqual(establishment('1604419').rating, { kind: 'score', value: 0 });
  assert.deepEqual(establishment('1604422').rating, { kind: 'score', value: 1 });
});

test('statuses instead of a score: exempt, awaiting inspection, awaiting publication', () => {
  assert.deepEqual(establishment('0001187').rating, { kind: 'status', status: 'Exempt' });
  assert.equal(establishment('0001187').ratedOn, '2019-11-02');
  assert.deepEqual(establishment('1604415').rating, { kind: 'status', status: 'AwaitingInspection' });
  assert.deepEqual(establishment('1604420').rating, { kind: 'status', status: 'AwaitingPublication' });
  const scotland = readFhrsXml(
    document(
      '<EstablishmentDetail><FHRSID>9</FHRSID><BusinessName>Glen House</BusinessName><RatingValue>Improvement Required</RatingValue></EstablishmentDetail>',
    ),
  );
  assert.deepEqual(scotland.establishments[0]?.rating, { kind: 'status', status: 'Improvement Required' });
});

test('a rating date: a date, a date and midnight, or none (xsi:nil or an empty element)', () => {
  assert.equal(establishment('1604413').ratedOn, '2024-01-09');
  assert.equal(establishment('1604415').ratedOn, null);
  const empty = readFhrsXml(
    document(
      '<EstablishmentDetail><FHRSID>9</FHRSID><BusinessName>Glen House</BusinessName><RatingValue>3</RatingValue><RatingDate></RatingDate></EstablishmentDetail>',
    ),
  );
  assert.equal(empty.establishments[0]?.ratedOn, null);
  const impossible = readFhrsXml(
    document(
      '<EstablishmentDetail><FHRSID>9</FHRSID><BusinessName>Glen House</BusinessName><RatingValue>3</RatingValue><RatingDate>2023-02-30</RatingDate></EstablishmentDetail>',
    ),
  );
  assert.deepEqual(impossible.rejected, [
    { index: 1, fhrsId: '9', reason: 'RatingDate "2023-02-30" is not a real date' },
  ]);
});

test('identifiers and postcodes stay text, postcodes in one form, and a blank postcode is none', () => {
  assert.equal(establishment('0001187').fhrsId, '0001187');
  assert.equal(establishment('1604413').postcode, 'HV2 7LD');
  assert.equal(establishment('1604413').businessName, 'Beech & Birch Supported Living');
  assert.equal(establishment('1604416').postcode, null);
  assert.equal(establishment('1604416').businessName, 'Hollinsmoor Community Meals CIC');
});

test('a document with a single establishment is still read as a list', () => {
  const { establishments, rejected } = readFhrsXml(
    document(
      '<EstablishmentDetail><FHRSID>000123</FHRSID><BusinessName>Fern House</BusinessName><PostCode>hv9 1aa</PostCode><RatingValue>5</RatingValue><RatingDate>2024-02-01</RatingDate><LocalAuthorityName>Hollinsmoor</LocalAuthorityName></EstablishmentDetail>',
    ),
  );
  assert.deepEqual(rejected, []);
  assert.deepEqual(establishments, [
    {
      fhrsId: '000123',
      businessName: 'Fern House',
      postcode: 'HV9 1AA',
      rating: { kind: 'score', value: 5 },
      ratedOn: '2024-02-01',
      localAuthority: 'Hollinsmoor',
    },
  ]);
  assert.deepEqual(readFhrsXml(document('')), { establishments: [], rejected: [] });
});

test('an establishment without a name, or with a score beyond 5, is set aside with the reason', () => {
  const { establishments, rejected } = readFhrsXml(
    document(
      '<EstablishmentDetail><FHRSID>1</FHRSID><BusinessName /><RatingValue>5</RatingValue></EstablishmentDetail>' +
        '<EstablishmentDetail><FHRSID>2</FHRSID><BusinessName>Ash Lodge</BusinessName><RatingValue>7</RatingValue></EstablishmentDetail>' +
        '<EstablishmentDetail><FHRSID>3</FHRSID><BusinessName>Elm Lodge</BusinessName><RatingValue>4</RatingValue></EstablishmentDetail>' +
        '<EstablishmentDetail><FHRSID>3</FHRSID><BusinessName>Elm Lodge</BusinessName><RatingValue>4</RatingValue></EstablishmentDetail>',
    ),
  );
  assert.deepEqual(
    establishments.map((e) => e.fhrsId),
    ['3'],
  );
  assert.deepEqual(rejected, [
    { index: 1, fhrsId: '1', reason: 'no BusinessName' },
    { index: 2, fhrsId: '2', reason: 'RatingValue "7" is not a score from 0 to 5' },
    { index: 4, fhrsId: '3', reason: 'FHRSID 3 appears again (first as establishment 3); the first is kept' },
  ]);
});

test('a file that is not FHRS open data is refused whole', () => {
  assert.throws(
    () => readFhrsXml('<?xml version="1.0"?><LocationCollection><Location /></LocationCollection>'),
    (error: unknown) =>
      error instanceof FhrsFileError &&
      error.message ===
        'The file is not FSA food hygiene rating open data: its root element is <LocationCollection>, not <FHRSEstablishment>',
  );
  assert.throws(() => readFhrsXml('<FHRSEstablishment><Header /></FHRSEstablishment>'), /no <EstablishmentCollection>/);
  assert.throws(() => readFhrsXml(sample.slice(0, 2000)), /not well-formed XML/);
  assert.throws(() => readFhrsXml('FHRSID,BusinessName\n1,Ash Lodge'), /not well-formed XML/);
  assert.throws(() => readFhrsXml('  '), /empty/);
});

test('names are compared by their words, without punctuation or the kind of company', () => {
  assert.deepEqual(nameWords('The Willow & Birch Ltd.'), ['willow', 'and', 'birch']);
  assert.deepEqual(nameWords("St. Anne's Court (Limited)"), ['st', 'annes', 'court']);
  assert.deepEqual(nameWords('Sycamore-Oak Care PLC'), ['sycamore', 'oak', 'care']);
});

test('an establishment is matched to the service at its postcode with a similar name', () => {
  const services: ServiceToMatch[] = [
    { id: 'willow', name: 'Willow Court Care Home', postcode: 'hv14qt' },
    { id: 'beech', name: 'Beech and Birch Supported Living Limited', postcode: 'HV2 7LD' },
    { id: 'larches-day', name: 'Riverside Day Centre', postcode: 'HV1 9NP' },
    { id: 'cedar-lodge', name: 'Cedar Lodge', postcode: 'HV4 6TA' },
    { id: 'cedar-court', name: 'Cedar Court', postcode: 'HV4 6TA' },
    { id: 'sycamore', name: 'Sycamore Care', postcode: 'HV5 2HL' },
    { id: 'oak', name: 'Oak Care', postcode: 'HV5 2HL' },
    { id: 'no-postcode', name: 'Hollinsmoor Community Meals', postcode: null },
  ];
  const { matched, unmatched } = matchToServices(readFhrsXml(sample).establishments, services);
  assert.deepEqual(
    matched.map((m) => [m.establishment.fhrsId, m.serviceId]),
    [
      ['1604412', 'willow'], // "Ltd" and the postcode's spacing differ
      ['1604413', 'beech'], // "&" against "and", "Limited"
      ['1604420', 'cedar-lodge'], // Cedar Court shares only "cedar"; Cedar Lodge both its words
    ],
  );
  assert.deepEqual(
    unmatched.map((u) => [u.establishment.fhrsId, u.reason]),
    [
      ['0001187', 'no service with a similar name at this postcode'],
      ['1604415', 'no service at this postcode'],
      ['1604416', 'no service at this postcode'], // no postcode of its own
      ['1604419', 'no service at this postcode'],
      ['1604421', 'more than one service could be this one'], // two words shared with each
      ['1604422', 'no service at this postcode'],
    ],
  );
});

test('half the words of the shorter name are enough; whole words only', () => {
  const at = (businessName: string): FhrsEstablishment => ({
    fhrsId: '1',
    businessName,
    postcode: 'HV1 1AA',
    rating: { kind: 'score', value: 5 },
    ratedOn: null,
    localAuthority: null,
  });
  const match = (businessName: string, serviceName: string) =>
    matchToServices([at(businessName)], [{ id: 's', name: serviceName, postcode: 'HV1 1AA' }]).matched.length === 1;
  assert.equal(match('Oak Lodge Kitchen', 'Oak Lodge'), true);
  assert.equal(match('Oak House', 'Oak Lodge'), true);
  assert.equal(match('Oakwood', 'Oak'), false);
  assert.equal(match('Pine View Care Home', 'Elm View Nursing Centre'), false);
  assert.equal(match('The Ltd', 'The Ltd'), false);
});
