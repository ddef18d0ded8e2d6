// Which of Hearth's own pages a person may open, read off the declared pages' access: so a page
// offers a link only to those it would let in, instead of a link that ends in "you cannot see this".
import type { CurrentUser } from '../auth/current-user.ts';
import { allows } from '../domain/roles.ts';
import { routesOf, type PageRoute } from './page.ts';

/** Whether `user` may open `href`; a path no declared page answers is left to that path's own guard. */
export type LinkAccess = (user: CurrentUser, href: string) => boolean;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "/vehicles/:id/rate-cards" as a pattern over real paths; ":id.csv" keeps its ".csv". */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split(/(:[A-Za-z]+)/)
      .map((part, i) => (i % 2 ? '[^/]+' : escapeRegExp(part)))
      .join('')}$`,
  );

export function linkAccess(routes: readonly PageRoute[]): LinkAccess {
  const pages = routes
    .flatMap(routesOf)
    .filter((route) => route.method === 'GET')
    // A fixed path ("/vehicles/new") is tried before one it also matches with a parameter.
    .sort((a, b) => a.path.split(':').length - b.path.split(':').length)
    .map((route) => ({ pattern: patternOf(route.path), access: route.access }));
  return (user, href) => {
    const path = href.split(/[?#]/)[0]!;
    const page = pages.find((one) => one.pattern.test(path));
    return !page || allows(page.access, user.roles);
  };
}
