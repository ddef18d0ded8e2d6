// Cost-of-care pages: the template's lines added, renamed and retired for the next exercise while
// an open one keeps its copy; the XLSX template filled in and uploaded, refused with every problem
// by sheet, row and column and nothing saved, then taken; closing after its check page; and the
// analysis exported as CSV and XLSX in the shape of a cabinet report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import '../../test/support/clock.ts';
import { csvRecords } from '../../test/support/lists.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';

let world: TestWorld;
let vehicleId: string;
let exerciseId: string;
const opening = (financialYear: number) => ({
  financialYear,
  serviceType: 'home-care',
  closingOn: '2027-01-29',
  vehicleIds: [vehicleId],
});
const signedIn = async (seat: keyof TestWorld['emails']) => {
  const session = new PageSession(world.app);
  await session.signIn(world.emails[seat]);
  return session;
};
const base = () => `/pricing/exercises/${exerciseId}/workbooks/${world.providerId}`;

before(async () => {
  world = await testWorld();
  vehicleId = (await liveTieredFramework(world)).vehicle.id;
  const opened = await api(world, 'commissioner', 'POST', '/api/v1/pricing/exercises', opening(2026));
  assert.equal(opened.statusCode, 201, opened.body);
  exerciseId = opened.json().id;
});
after(() => world.close());

test('a template line added, renamed and retired reaches the next exercise, not the one open', async () => {
  const finance = await signedIn('finance_officer');
  assert.equal((await finance.get('/pricing/cost-template')).statusCode, 200);
  const blank = await finance.post('/pricing/cost-template/lines', {
    label: '',
    group: 'running',
    unit: 'pence-per-year',
  });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /Enter the line’s wording/);
  const added = await finance.post('/pricing/cost-template/lines', {
    label: 'Agency staff',
    group: 'running',
    unit: 'pence-per-year',
  });
  assert.equal(added.statusCode, 302, added.body);
  const lines = (await api(world, 'finance_officer', 'GET', '/api/v1/pricing/cost-template')).json() as {
    id: string;
    key: string;
  }[];
  const travel = lines.find((line) => line.key === 'travel')!;
  const form = await finance.get(`/pricing/cost-template/lines/${travel.id}`);
  assert.match(form.body, /value="Travel time and mileage, where relevant"/);
  await finance.post(`/pricing/cost-template/lines/${travel.id}`, { label: 'Travel', retired: 'yes' });
  const management = lines.find((line) => line.key === 'management')!;
  await finance.post(`/pricing/cost-template/lines/${management.id}`, { label: 'Managers and office staff' });
  assert.equal((await (await signedIn('auditor')).get('/pricing/cost-template')).statusCode, 403);

  const open = (await api(world, 'auditor', 'GET', `/api/v1/pricing/exercises/${exerciseId}`)).json();
  assert.ok(
    open.lines.some((line: { key: string }) => line.key === 'travel'),
    'the open exercise keeps its copy',
  );
  const next = await api(world, 'finance_officer', 'POST', '/api/v1/pricing/exercises', opening(2027));
  assert.equal(next.statusCode, 201, next.body);
  const keys = next.json().lines.map((line: { key: string }) => line.key);
  assert.ok(!keys.includes('travel'));
  assert.ok(keys.includes('agency-staff'));
  assert.equal(
    next.json().lines.find((line: { key: string }) => line.key === 'management').label,
    'Managers and office staff',
  );
});

test('an uploaded workbook is refused with every problem by sheet, row and column, nothing saved, then taken', async () => {
  const provider = await signedIn('provider_user');
  await provider.get(base());
  const template = await provider.get(`${base()}/template.xlsx`);
  assert.equal(template.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(
    book.worksheets.map((sheet) => sheet.name),
    ['Care staff', 'Running the business', 'Return on operations', 'Volumes'],
  );
  const rowOf = (sheet: ExcelJS.Worksheet, key: string) => {
    let found = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell('A').text === key) found = number;
    });
    return sheet.getRow(found);
  };
  for (const sheet of book.worksheets)
    sheet.eachRow((row, number) => {
      if (number > 1) row.getCell('D').value = sheet.name === 'Return on operations' ? 5 : 100;
    });
  const careStaff = book.getWorksheet('Care staff')!;
  rowOf(careStaff, 'support-worker-pay').getCell('D').value = 'about twelve pounds';
  rowOf(book.getWorksheet('Volumes')!, 'hours-delivered').getCell('D').value = -40;
  rowOf(book.getWorksheet('Return on operations')!, 'return').getCell('D').value = 150;
  const refused = await provider.upload(`${base()}/upload`, 'file', [
    { name: 'workbook.xlsx', content: Buffer.from(await book.xlsx.writeBuffer()) },
  ]);
  assert.equal(refused.statusCode, 400);
  assert.match(
    refused.body,
    /Sheet ‘Care staff’, row 2, column D: Hourly pay of support workers must be an amount of money, like 12.50/,
  );
  assert.match(refused.body, /Sheet ‘Volumes’, row 2, column D: Care hours delivered a week cannot be negative hours/);
  assert.match(
    refused.body,
    /Sheet ‘Return on operations’, row 2, column D: Return on operations, as a share of costs cannot be more than 100%/,
  );
  const nothing = await api(
    world,
    'provider_user',
    'GET',
    `/api/v1/pricing/exercises/${exerciseId}/workbooks/${world.providerId}`,
  );
  assert.deepEqual(nothing.json().answers, {});

  rowOf(careStaff, 'support-worker-pay').getCell('D').value = 12.21;
  rowOf(book.getWorksheet('Volumes')!, 'hours-delivered').getCell('D').value = 40;
  rowOf(book.getWorksheet('Return on operations')!, 'return').getCell('D').value = 4.5;
  const taken = await provider.upload(`${base()}/upload`, 'file', [
    { name: 'workbook.xlsx', content: Buffer.from(await book.xlsx.writeBuffer()) },
  ]);
  assert.equal(taken.statusCode, 302, taken.body);
  const saved = (
    await api(world, 'provider_user', 'GET', `/api/v1/pricing/exercises/${exerciseId}/workbooks/${world.providerId}`)
  ).json();
  assert.equal(saved.status, 'draft');
  assert.equal(saved.answers['support-worker-pay'], 1221);
  assert.equal(saved.answers['hours-delivered'], 2400);
  assert.equal(saved.answers.return, 450);
  assert.equal(saved.answers['productive-share'], 10_000);

  // Submitting asks first, on a check page; confirmed, it is sent.
  const check = await provider.post(`${base()}/submit`, {});
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /Check your workbook before you submit it/);
  const sent = await provider.post(`${base()}/submit`, { confirmed: 'yes' });
  assert.equal(sent.statusCode, 302, sent.body);
  assert.equal((await (await signedIn('auditor')).get(base())).statusCode, 403);
  assert.equal((await (await signedIn('other_provider_user')).get(base())).statusCode, 404);
});

test('closing goes through a check page, and the analysis is exported as CSV and XLSX', async () => {
  const finance = await signedIn('finance_officer');
  await finance.get(`/pricing/exercises/${exerciseId}`);
  const check = await finance.post(`/pricing/exercises/${exerciseId}/close`, {});
  assert.equal(check.statusCode, 200);
  assert.match(
    check.body.replace(/\s+/g, ' '),
    /Workbooks submitted <\/dt> <dd class="govuk-summary-list__value"> 1 of 2/,
  );
  assert.equal((await api(world, 'auditor', 'GET', `/api/v1/pricing/exercises/${exerciseId}`)).json().status, 'open');
  const closed = await finance.post(`/pricing/exercises/${exerciseId}/close`, { confirmed: 'yes' });
  assert.equal(closed.statusCode, 302);
  assert.equal((await api(world, 'auditor', 'GET', `/api/v1/pricing/exercises/${exerciseId}`)).json().status, 'closed');

  const auditor = await signedIn('auditor');
  const records = await csvRecords(auditor, `/pricing/exercises/${exerciseId}/analysis.csv`);
  const pay = records.find((record) => record['Cost line'] === 'Hourly pay of support workers')!;
  assert.deepEqual(pay, {
    Group: 'Care staff',
    'Cost line': 'Hourly pay of support workers',
    Unit: '£ an hour',
    Responses: '1',
    'Lower quartile': 'Fewer than 5 responses',
    Median: '',
    'Upper quartile': '',
  });
  assert.ok(records.some((record) => record['Cost line'] === 'Cost per care hour (with return)'));
  const xlsx = await auditor.get(`/pricing/exercises/${exerciseId}/analysis.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(
    book.worksheets.map((sheet) => sheet.name),
    ['Quartiles', 'Rates compared'],
  );
  assert.equal(
    (await (await signedIn('provider_user')).get(`/pricing/exercises/${exerciseId}/analysis.csv`)).statusCode,
    403,
  );
});

test('an exercise’s and a workbook’s history are seen by those who may open them', async () => {
  const workbook = (
    await api(world, 'finance_officer', 'GET', `/api/v1/pricing/exercises/${exerciseId}/workbooks/${world.providerId}`)
  ).json();
  const auditor = await signedIn('auditor');
  const exerciseHistory = await auditor.get(`/history/cost-exercise/${exerciseId}`);
  assert.equal(exerciseHistory.statusCode, 200);
  assert.match(exerciseHistory.body, /cost-exercise.close|Home care costs 2026\/27/);
  assert.equal((await auditor.get(`/history/cost-workbook/${workbook.id}`)).statusCode, 404);
  const provider = await signedIn('provider_user');
  assert.equal((await provider.get(`/history/cost-workbook/${workbook.id}`)).statusCode, 200);
  assert.equal((await provider.get(`/history/cost-exercise/${exerciseId}`)).statusCode, 404);
  assert.equal(
    (await (await signedIn('other_provider_user')).get(`/history/cost-workbook/${workbook.id}`)).statusCode,
    404,
  );
  assert.equal(
    (await (await signedIn('finance_officer')).get(`/history/cost-workbook/${workbook.id}`)).statusCode,
    200,
  );
});
