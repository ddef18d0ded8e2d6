// Uploaded files are judged by their bytes, never their name or the type the browser claims, and
// are served back only as downloads: a safe type, Content-Disposition: attachment, and nosniff.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { contractedService, frameworkInUse, pastAssessment } from './support/quality.ts';
import { openVehicle } from './support/procurement.ts';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/documents/${name}`, import.meta.url));
const PAGE = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

function assertDownload(response: LightMyRequestResponse, type: string) {
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers['content-type'], type);
  assert.match(String(response.headers['content-disposition']), /^attachment; filename="[^"\r\n]+"$/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
}

/** An action on a published assessment of Heron's service, for the provider to report progress on. */
async function actionForProvider(): Promise<string> {
  await frameworkInUse(world);
  const serviceId = await contractedService(world);
  const assessmentId = await pastAssessment(world, serviceId, {
    visitOn: '2026-10-05',
    publishedOn: '2026-11-02',
    source: 'Paper report',
    rating: (questionKey) => (questionKey === 'S2' ? 'poor' : 'good'),
    reason: 'Seen',
  });
  const action = await api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${assessmentId}/actions`, {
    questionKey: 'S2',
    title: 'Weekly medication audit',
    owner: 'Registered manager',
    dueOn: '2027-01-31',
  });
  assert.equal(action.statusCode, 201, action.body);
  return action.json().id;
}

test("an action's evidence is typed by its bytes: a page named .pdf is kept as text, junk refused, and each served as a download", async () => {
  const actionId = await actionForProvider();
  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.provider_user);
  await provider.get(`/quality/actions/${actionId}`);
  const report = (name: string, content: Buffer, type: string) =>
    provider.upload(`/quality/actions/${actionId}/progress`, 'evidence', [{ name, content, type }], {
      status: 'in-progress',
      note: `Sent ${name}`,
    });

  const junk = await report('photo.png', Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x02]), 'image/png');
  assert.equal(junk.statusCode, 400);
  assert.match(junk.body, /The evidence must be a PDF, JPG, PNG or text file/);
  assert.equal((await report('evidence.pdf', PAGE, 'application/pdf')).statusCode, 302);
  assert.equal((await report('scan.txt', fixture('scan.png'), 'text/plain')).statusCode, 302);

  const page = (await provider.get(`/quality/actions/${actionId}`)).body;
  const links = [...page.matchAll(/href="(\/quality\/actions\/[^"]+\/evidence\/[^"]+)">([^<]+)</g)];
  const served = new Map(links.map(([, href, name]) => [name!, href!]));
  assert.deepEqual([...served.keys()].sort(), ['evidence.pdf', 'scan.txt']);
  const officer = new PageSession(world.app);
  await officer.signIn(world.emails.quality_officer);
  assertDownload(await officer.get(served.get('evidence.pdf')!), 'text/plain');
  assertDownload(await officer.get(served.get('scan.txt')!), 'image/png');
});

test("an application's documents are refused when their bytes are not what their name says, and served as downloads", async () => {
  const vehicle = await openVehicle(world, { requiredDocuments: ['Insurance certificate'] });
  const applied = await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`);
  const url = `/api/v1/applications/${applied.json().application.id}`;
  const upload = (filename: string, content: Buffer) =>
    api(world, 'provider_user', 'POST', `${url}/documents`, {
      name: 'Insurance certificate',
      filename,
      contentBase64: content.toString('base64'),
    });
  assert.equal((await upload('certificate.pdf', PAGE)).statusCode, 422, 'a page renamed .pdf');
  assert.equal((await upload('certificate.html', PAGE)).statusCode, 422, 'a page as itself');
  const saved = await upload('certificate "2026".pdf', fixture('certificate.pdf'));
  assert.equal(saved.statusCode, 201, saved.body);
  const [document] = saved.json().documents as { id: string }[];
  assertDownload(await api(world, 'provider_user', 'GET', `${url}/documents/${document!.id}`), 'application/pdf');
});
