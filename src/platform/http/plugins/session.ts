// Sessions for people using the pages: a cookie holding only an id, the session itself in the
// database (so it survives a restart and can be ended from the server), eight hours long.
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifySession from '@fastify/session';
import qs from 'node:querystring';
import type { Db } from '../../db/client.ts';
import { instanceSecret } from '../../auth/instance-secrets.ts';
import { DatabaseSessionStore } from '../../auth/session-store.ts';

const SESSION_HOURS = 8;

export async function setUpSession(app: FastifyInstance, db: Db): Promise<void> {
  // Repeated form fields (checkboxes) arrive as arrays.
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await app.register(fastifyCookie);
  const store = new DatabaseSessionStore(db);
  await store.removeExpired();
  await app.register(fastifySession, {
    cookieName: 'hearth_session',
    secret: await instanceSecret(db, 'session-secret'),
    store,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: SESSION_HOURS * 60 * 60 * 1000 },
  });
}
