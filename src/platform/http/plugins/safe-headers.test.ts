import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { setUpSafeHeaders } from './safe-headers.ts';

test('a header Node cannot send becomes an error answer, and the server goes on', async () => {
  const app = Fastify({ logger: false });
  setUpSafeHeaders(app);
  app.get('/go', async (request, reply) => reply.redirect(String((request.query as { to: string }).to)));
  app.get('/ok', async () => 'fine');
  const bad = await app.inject('/go?to=%2F%0D%0ASet-Cookie:%20a=b');
  assert.equal(bad.statusCode, 500);
  assert.equal(bad.headers.location, undefined);
  assert.equal(bad.headers['set-cookie'], undefined);
  const good = await app.inject('/go?to=%2Fok');
  assert.equal(good.statusCode, 302);
  assert.equal(good.headers.location, '/ok');
  assert.equal((await app.inject('/ok')).body, 'fine');
  await app.close();
});
