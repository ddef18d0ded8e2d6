// Applications through the API: a provider applies; nobody else sees it until it is submitted, and
// then only the vehicle's staff; late and after-submission changes are refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { commandLineActor } from '../platform/audit/service.ts';
import { createApiToken } from '../organisations/account-service.ts';
import { createUser } from '../organisations/user-service.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { answerEverything, openVehicle } from '../../test/support/procurement.ts';

let world: TestWorld;
let nhsToken: string;
const today = isoDateInLondon(new Date());
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/documents/${name}`, import.meta.url));

before(async () => {
  world = await testWorld();
  const nhs = await createUser(world.db, commandLineActor, {
    email: 'partner@example.nhs.uk',
    name: 'NHS partner',
    roles: ['evaluator'],
    organisation: 'QNC',
    password: 'a long enough password',
  });
  nhsToken = (await createApiToken(world.db, commandLineActor, nhs.id, { name: 'tests' })).token;
});
after(() => world.close());

test("a provider applies, saving as it goes, and submits; only then do the vehicle's staff see it", async () => {
  const vehicle = await openVehicle(world);
  assert.equal(
    (
      await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/questions`, {
        kind: 'selection',
        text: 'Late question',
      })
    ).statusCode,
    422,
  );

  const started = await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`);
  assert.equal(started.statusCode, 201, started.body);
  const application = started.json();
  assert.equal(application.application.status, 'draft');
  assert.deepEqual(
    application.tasks.map((task: { key: string; status: string }) => [task.key, task.status]),
    [
      ['lots', 'not-started'],
      ['selection', 'not-started'],
      ['quality', 'not-started'],
      ['submit', 'cannot-start'],
    ],
  );
  const url = `/api/v1/applications/${application.application.id}`;
  const again = await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`);
  assert.equal(again.json().application.id, application.application.id, 'one application per provider and vehicle');

  for (const seat of ['commissioner', 'evaluator', 'other_provider_user', 'other_council_commissioner'] as const) {
    assert.equal((await api(world, seat, 'GET', url)).statusCode, 404, `${seat} cannot see a draft`);
  }

  const incomplete = await api(world, 'provider_user', 'POST', `${url}/submit`);
  assert.equal(incomplete.statusCode, 422);
  assert.equal(incomplete.json().errors.length, 5, 'lots and four answers still to do');

  assert.equal(
    (await api(world, 'provider_user', 'PUT', `${url}/lots`, { lotIds: ['00000000-0000-4000-8000-000000000000'] }))
      .statusCode,
    422,
  );
  assert.equal(
    (await api(world, 'provider_user', 'PUT', `${url}/lots`, { lotIds: vehicle.lots.slice(0, 2).map((lot) => lot.id) }))
      .statusCode,
    200,
  );
  const quality = vehicle.questions.find((q) => q.kind === 'quality')!;
  const long = await api(world, 'provider_user', 'PUT', `${url}/answers/${quality.id}`, { text: 'word '.repeat(21) });
  assert.equal(long.statusCode, 422);
  assert.match(long.json().errors[0].message, /has 21 words; the limit is 20/);
  const selection = vehicle.questions.find((q) => q.kind === 'selection')!;
  assert.equal(
    (await api(world, 'provider_user', 'PUT', `${url}/answers/${selection.id}`, { text: 'Yes' })).statusCode,
    422,
    'a selection answer says yes or no',
  );
  assert.equal(
    (
      await api(world, 'other_provider_user', 'PUT', `${url}/answers/${selection.id}`, {
        meetsRequirement: true,
        text: 'Hijack',
      })
    ).statusCode,
    404,
  );
  assert.equal(
    (
      await api(world, 'provider_user', 'PUT', `${url}/prices`, {
        prices: [{ lotId: vehicle.lots[0]!.id, weeklyRatePence: 150000 }],
      })
    ).statusCode,
    422,
    'rates are fixed',
  );
  await answerEverything(world, application.application.id, vehicle.questions);

  const submitted = await api(world, 'provider_user', 'POST', `${url}/submit`);
  assert.equal(submitted.statusCode, 200, submitted.body);
  assert.equal(submitted.json().application.status, 'submitted');
  assert.equal(submitted.json().application.decisionDueOn, null, 'a framework has no 10-day decision target');
  const late = await api(world, 'provider_user', 'PUT', `${url}/answers/${quality.id}`, { text: 'A better answer' });
  assert.equal(late.statusCode, 422);
  assert.match(late.json().errors[0].message, /submitted and can no longer be changed/);

  for (const seat of ['commissioner', 'finance_officer', 'auditor', 'provider_user'] as const)
    assert.equal((await api(world, seat, 'GET', url)).statusCode, 200, seat);
  assert.equal((await api(world, 'evaluator', 'GET', url)).statusCode, 403, 'an evaluator declares first');
  for (const seat of ['other_provider_user', 'other_council_commissioner'] as const)
    assert.equal((await api(world, seat, 'GET', url)).statusCode, 404, seat);
  const asPartner = (method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>) =>
    world.app.inject({ method, url: path, payload, headers: { authorization: `Bearer ${nhsToken}` } });
  assert.equal((await asPartner('GET', url)).statusCode, 403, "the NHS partner's evaluator, before declaring");
  await asPartner('POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: false });
  assert.equal((await asPartner('GET', url)).statusCode, 200, "the NHS partner's evaluator");
  const staffList = (await api(world, 'evaluator', 'GET', `/api/v1/applications?vehicleId=${vehicle.id}`)).json();
  assert.equal(staffList.total, 1);
  assert.equal(staffList.items[0].providerName, 'Heron Supported Living Ltd');
  assert.equal((await api(world, 'other_provider_user', 'GET', '/api/v1/applications')).json().total, 0);
  assert.equal((await api(world, 'other_council_commissioner', 'GET', '/api/v1/applications')).json().total, 0);
  assert.equal(
    (await api(world, 'commissioner', 'PUT', `${url}/lots`, { lotIds: [vehicle.lots[0]!.id] })).statusCode,
    403,
    'staff do not fill in applications',
  );
});

test('late: no new application after the deadline, and no submission once it has passed', async () => {
  const vehicle = await openVehicle(world);
  const started = (
    await api(world, 'other_provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)
  ).json();
  await api(world, 'other_provider_user', 'PUT', `/api/v1/applications/${started.application.id}/lots`, {
    lotIds: [vehicle.lots[0]!.id],
  });
  await answerEverything(world, started.application.id, vehicle.questions, 'other_provider_user');
  const moved = await api(world, 'commissioner', 'PATCH', `/api/v1/vehicles/${vehicle.id}`, {
    advertOn: null,
    clarificationDeadline: null,
    submissionDeadline: addDays(today, -1),
  });
  assert.equal(moved.statusCode, 200, moved.body);
  const refused = await api(
    world,
    'other_provider_user',
    'POST',
    `/api/v1/applications/${started.application.id}/submit`,
  );
  assert.equal(refused.statusCode, 422);
  assert.match(refused.json().errors[0].message, /late applications cannot be accepted/);
  const newcomer = await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`);
  assert.equal(newcomer.statusCode, 422);
  assert.match(newcomer.json().errors[0].message, /late applications cannot be accepted/);
});

test('a DPS application owes a decision within 10 working days; where tenderers price, every lot needs a rate', async () => {
  const dps = await openVehicle(world, {
    kind: 'dps',
    regime: 'pcr2015',
    advertOn: '2024-06-03',
    submissionDeadline: null,
    pricesFixed: false,
    qualityWeightPercent: 70,
  });
  const started = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${dps.id}/applications`)).json();
  const url = `/api/v1/applications/${started.application.id}`;
  assert.deepEqual(
    started.tasks.map((task: { key: string }) => task.key),
    ['lots', 'selection', 'quality', 'prices', 'submit'],
  );
  await api(world, 'provider_user', 'PUT', `${url}/lots`, { lotIds: dps.lots.slice(0, 2).map((lot) => lot.id) });
  await answerEverything(world, started.application.id, dps.questions);
  const unpriced = await api(world, 'provider_user', 'POST', `${url}/submit`);
  assert.deepEqual(
    unpriced.json().errors.map((e: { field: string }) => e.field),
    dps.lots.slice(0, 2).map((lot) => `price-${lot.id}`),
  );
  const wrongLot = await api(world, 'provider_user', 'PUT', `${url}/prices`, {
    prices: [{ lotId: dps.lots[2]!.id, weeklyRatePence: 120000 }],
  });
  assert.equal(wrongLot.statusCode, 422);
  await api(world, 'provider_user', 'PUT', `${url}/prices`, {
    prices: dps.lots.slice(0, 2).map((lot) => ({ lotId: lot.id, weeklyRatePence: 145_000 })),
  });
  const submitted = (await api(world, 'provider_user', 'POST', `${url}/submit`)).json();
  assert.equal(submitted.application.status, 'submitted');
  assert.ok(submitted.application.decisionDueOn > today);
  assert.equal(submitted.decisionOverdue, false);
});

test('required documents: uploaded by the applicant, checked, replaced, and seen by staff only once submitted', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'DOCS-1',
    requiredDocuments: ['Insurance certificate', 'Audited accounts'],
  });
  const id = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json()
    .application.id;
  const url = `/api/v1/applications/${id}`;
  const upload = (
    name: string,
    filename: string,
    content: string | Buffer,
    seat: 'provider_user' | 'other_provider_user' = 'provider_user',
  ) =>
    api(world, seat, 'POST', `${url}/documents`, {
      name,
      filename,
      contentBase64: Buffer.from(content).toString('base64'),
    });
  assert.match(
    (await upload('Insurance certificate', 'cert.exe', 'MZ')).json().errors[0].message,
    /must be a PDF, Word/,
  );
  assert.match((await upload('Insurance certificate', 'cert.pdf', '')).json().errors[0].message, /empty/);
  assert.match(
    (await upload('Tax return', 'tax.pdf', '%PDF-1.7')).json().errors[0].message,
    /documents this vehicle asks for/,
  );
  assert.equal((await upload('Insurance certificate', 'cert.pdf', '%PDF-1.7', 'other_provider_user')).statusCode, 404);
  const first = await upload('Insurance certificate', 'old-cert.pdf', '%PDF-1.7 old');
  assert.equal(first.statusCode, 201, first.body);
  await upload('Insurance certificate', 'Public liability 2026.pdf', '%PDF-1.7 new');
  const detail = (await upload('Audited accounts', 'accounts.xlsx', fixture('accounts.xlsx'))).json();
  assert.deepEqual(
    detail.documents.map((d: { name: string; filename: string }) => [d.name, d.filename]),
    [
      ['Audited accounts', 'accounts.xlsx'],
      ['Insurance certificate', 'Public liability 2026.pdf'],
    ],
  );
  assert.equal(detail.tasks.find((task: { key: string }) => task.key === 'documents').status, 'completed');
  const certificate = detail.documents.find((d: { name: string }) => d.name === 'Insurance certificate');
  const download = await api(world, 'provider_user', 'GET', `${url}/documents/${certificate.id}`);
  assert.equal(download.body, '%PDF-1.7 new');
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.equal(
    (await api(world, 'commissioner', 'GET', `${url}/documents/${certificate.id}`)).statusCode,
    404,
    'not before submission',
  );

  await api(world, 'provider_user', 'PUT', `${url}/lots`, { lotIds: [vehicle.lots[0]!.id] });
  await answerEverything(world, id, vehicle.questions);
  assert.equal((await api(world, 'provider_user', 'POST', `${url}/submit`)).statusCode, 200);
  assert.equal((await api(world, 'commissioner', 'GET', `${url}/documents/${certificate.id}`)).body, '%PDF-1.7 new');
  assert.equal((await api(world, 'other_provider_user', 'GET', `${url}/documents/${certificate.id}`)).statusCode, 404);
  assert.equal(
    (await upload('Audited accounts', 'late.xlsx', fixture('accounts.xlsx'))).statusCode,
    422,
    'no changes after submission',
  );
});

test('an uploaded document must be what its name says: a web page named .pdf is refused and nothing is saved', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'DOCS-2',
    requiredDocuments: ['Insurance certificate', 'Audited accounts', 'Site plan'],
  });
  const id = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json()
    .application.id;
  const url = `/api/v1/applications/${id}`;
  const upload = (name: string, filename: string, content: Buffer) =>
    api(world, 'provider_user', 'POST', `${url}/documents`, {
      name,
      filename,
      contentBase64: content.toString('base64'),
    });

  const evil = await upload(
    'Insurance certificate',
    'evil.pdf',
    Buffer.from('<html><script>alert(document.cookie)</script></html>'),
  );
  assert.equal(evil.statusCode, 422);
  assert.deepEqual(evil.json().errors, [
    {
      field: 'document-Insurance certificate',
      message: 'evil.pdf is not a PDF: its contents are a different kind of file',
    },
  ]);
  assert.match(
    (await upload('Site plan', 'plan.pdf', fixture('scan.png'))).json().errors[0].message,
    /plan\.pdf is not a PDF/,
  );
  assert.match(
    (await upload('Audited accounts', 'accounts.xlsx', fixture('accounts.docx'))).json().errors[0].message,
    /is not an Excel spreadsheet/,
  );
  assert.deepEqual((await api(world, 'provider_user', 'GET', url)).json().documents, [], 'nothing saved');

  for (const [name, filename] of [
    ['Insurance certificate', 'certificate.pdf'],
    ['Audited accounts', 'accounts.docx'],
    ['Site plan', 'scan.png'],
  ] as const) {
    const saved = await upload(name, filename, fixture(filename));
    assert.equal(saved.statusCode, 201, saved.body);
  }
  const detail = (await api(world, 'provider_user', 'GET', url)).json();
  assert.deepEqual(detail.documents.map((d: { filename: string }) => d.filename).sort(), [
    'accounts.docx',
    'certificate.pdf',
    'scan.png',
  ]);
  const plan = detail.documents.find((d: { name: string }) => d.name === 'Site plan');
  assert.equal(
    (await api(world, 'provider_user', 'GET', `${url}/documents/${plan.id}`)).headers['content-type'],
    'image/png',
  );
});

test("questions for one lot are asked only of that lot's tenderers, and each lot's questions must weigh 100%", async () => {
  const created = (
    await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
      reference: 'LOT-Q',
      name: 'Lot questions',
      kind: 'framework',
      regime: 'pa2023',
      submissionDeadline: addDays(today, 30),
      pricesFixed: true,
      zones: world.zoneIds.map((zoneId) => ({ zoneId })),
    })
  ).json().vehicle;
  const lots = (
    await api(world, 'commissioner', 'PUT', `/api/v1/vehicles/${created.id}/lots`, {
      zoneIds: world.zoneIds.slice(0, 2),
      needBands: ['complex'],
      serviceTypes: ['supported-living'],
    })
  ).json().lots as { id: string }[];
  const ask = (body: Record<string, unknown>) =>
    api(world, 'commissioner', 'POST', `/api/v1/vehicles/${created.id}/questions`, body);
  assert.equal((await ask({ kind: 'selection', text: 'Lot-only selection?', lotId: lots[0]!.id })).statusCode, 422);
  assert.equal(
    (
      await ask({
        kind: 'quality',
        text: 'Foreign lot',
        wordLimit: 50,
        weightPercent: 40,
        lotId: '00000000-0000-4000-8000-000000000000',
      })
    ).statusCode,
    422,
  );
  await ask({ kind: 'quality', text: 'For everyone', wordLimit: 50, weightPercent: 60 });
  await ask({ kind: 'quality', text: 'North only', wordLimit: 50, weightPercent: 40, lotId: lots[0]!.id });
  const southOnly = (
    await ask({ kind: 'quality', text: 'Central only', wordLimit: 50, weightPercent: 30, lotId: lots[1]!.id })
  ).json();
  const refused = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${created.id}/status`, { status: 'open' });
  assert.match(
    refused.json().errors[0].message,
    /For Central: supported living, complex needs, the quality questions' weightings add up to 90%/,
  );
  assert.match(
    (
      await api(world, 'commissioner', 'PUT', `/api/v1/vehicles/${created.id}/lots`, {
        zoneIds: world.zoneIds,
        needBands: ['complex'],
        serviceTypes: ['supported-living'],
      })
    ).json().errors[0].message,
    /asked of one lot only/,
  );
  await api(world, 'commissioner', 'DELETE', `/api/v1/vehicles/${created.id}/questions/${southOnly.id}`);
  await ask({ kind: 'quality', text: 'Central only', wordLimit: 50, weightPercent: 40, lotId: lots[1]!.id });
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${created.id}/status`, { status: 'open' })).statusCode,
    200,
  );

  const application = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${created.id}/applications`)).json();
  const url = `/api/v1/applications/${application.application.id}`;
  const northOnly = (await api(world, 'provider_user', 'PUT', `${url}/lots`, { lotIds: [lots[0]!.id] })).json();
  assert.deepEqual(
    northOnly.questions.map((q: { text: string }) => q.text),
    ['For everyone', 'North only'],
  );
  const both = (await api(world, 'provider_user', 'PUT', `${url}/lots`, { lotIds: lots.map((lot) => lot.id) })).json();
  assert.deepEqual(
    both.questions.map((q: { text: string }) => q.text),
    ['For everyone', 'North only', 'Central only'],
  );
  assert.equal(both.tasks.find((task: { key: string }) => task.key === 'quality').problems.length, 3);
});
