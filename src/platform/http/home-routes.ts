// Home: the page each person starts the day from, built from what every part says needs them.
import type { WorkSource } from '../work/work.ts';
import { page, type PageRoute } from './page.ts';

export function homePages(sources: readonly WorkSource[]): PageRoute[] {
  return [
    page({
      path: '/',
      access: 'signed-in',
      view: 'platform/views/home.njk',
      load: async ({ user }) => {
        const queues = (await Promise.all(sources.map((source) => source(user)))).flat();
        return {
          title: 'Home',
          user,
          queues,
          // The queues with something in them lead; the quiet ones are listed after.
          waiting: queues.filter((queue) => queue.count > 0),
          clear: queues.filter((queue) => queue.count === 0),
        };
      },
    }),
  ];
}
