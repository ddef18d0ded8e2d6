// Every form is protected against cross-site requests by a token tied to the session. The API
// uses bearer tokens, not cookies, so it needs none.
import type { FastifyInstance } from 'fastify';
import fastifyCsrf from '@fastify/csrf-protection';

export async function setUpCsrf(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    // Multipart forms (file uploads) give each field as an object with its value.
    getToken: (request) => {
      const field = (request.body as { _csrf?: string | { value?: string } } | undefined)?._csrf;
      return typeof field === 'object' ? field.value : (field ?? (request.headers['csrf-token'] as string | undefined));
    },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });
}
