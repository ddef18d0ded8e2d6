import type { FastifyInstance } from 'fastify';

export function registerHomeRoutes(app: FastifyInstance): void {
  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) =>
    reply.page('platform/views/home.njk', { title: 'Home', user: request.user }));
}
