// Nothing behind sign-in may be kept by a browser or a proxy: pages, API answers, exports and
// documents can hold personal and commercial data. Only the static stylesheets and scripts are cached.
import type { FastifyInstance } from 'fastify';

export function setUpNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    // Open data read by nobody in particular says itself how it may be cached (revalidated by ETag).
    const publicData = request.routeOptions.config?.access === 'public' && !request.user;
    if (publicData && reply.hasHeader('cache-control')) return;
    if (request.routeOptions.config?.access !== undefined || request.user) reply.header('cache-control', 'no-store');
  });
}
