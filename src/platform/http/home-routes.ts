import { page, type PageRoute } from './page.ts';

export const homePages: PageRoute[] = [
  page({
    path: '/',
    access: 'signed-in',
    view: 'platform/views/home.njk',
    load: async ({ user }) => ({ title: 'Home', user }),
  }),
];
