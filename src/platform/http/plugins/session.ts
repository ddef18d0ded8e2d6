// Sessions for people using the pages: a cookie holding only an id, the session itself in the
// database (so it survives a restart and can be ended from the server), ending eight hours after
// it was last used. A page view that changes nothing in the session writes it back (to push its
// end on) at most every five minutes, not on every view: reading a page is not a write.
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifySession from '@fastify/session';
import qs from 'node:querystring';
import type { Db } from '../../db/client.ts';
import { instanceSecret } from '../../auth/instance-secrets.ts';
import { DatabaseSessionStore } from '../../auth/session-store.ts';

const SESSION_HOURS = 8;
const SESSION_MS = SESSION_HOURS * 60 * 60 * 1000;
/** How long a session in use goes unwritten: after that, the next page view writes it back. */
const KEPT_ALIVE_EVERY_MS = 5 * 60 * 1000;

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
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: SESSION_MS },
  });
  app.addHook('preHandler', async (request) => {
    const session = request.session;
    // Only a signed-in session: an anonymous one is saved, if at all, when something is put in it.
    if (!session?.userId) return;
    const now = Date.now();
    // A change, so it is saved, and its cookie goes out again with an end eight hours from now.
    if (now - (session.keptAliveAt ?? 0) >= KEPT_ALIVE_EVERY_MS) session.keptAliveAt = now;
  });
}
