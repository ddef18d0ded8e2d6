import type { FastifyInstance } from 'fastify';
import { page, registerPageRoutes } from './page.ts';

export function registerHomeRoutes(app: FastifyInstance): void {
  registerPageRoutes(app, [
    page({
      path: '/',
      access: 'signed-in',
      view: 'platform/views/home.njk',
      load: async ({ user }) => ({ title: 'Home', user }),
    }),
  ]);
}
