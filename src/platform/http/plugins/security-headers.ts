// Security headers on every response (helmet), with a Content-Security-Policy whose nonce lets the
// layout's one inline snippet run, and forms that post only to Hearth itself.
import type { FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';

export async function setUpSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    // The service's own stylesheets and scripts, and the nonce for the layout's one inline snippet.
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'"],
        'script-src': ["'self'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
}
