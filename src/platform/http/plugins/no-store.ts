// Nothing behind sign-in may be kept by a browser or a proxy: pages, API answers, exports and
// documents can hold personal and commercial data. Only the static stylesheets and scripts are cached.
import type { FastifyInstance } from 'fastify';

export function setUpNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.routeOptions.config?.access !== undefined || request.user) reply.header('cache-control', 'no-store');
  });
}
