import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CurrentUser } from '../auth/current-user.ts';
import type { Role } from '../domain/roles.ts';
import { linkAccess } from './link-access.ts';
import { download, page, type PageRoute } from './page.ts';

const view = (path: string, access: PageRoute['access']) =>
  page({ path, access, view: 'none.njk', load: async () => ({ title: path }) });

const routes: PageRoute[] = [
  view('/vehicles/:id', 'signed-in'),
  view('/vehicles/new', ['commissioner']),
  view('/vehicles/:id/rate-cards', ['brokerage_officer', 'commissioner']),
  download({
    path: '/vehicles/:id/ocds.json',
    access: ['auditor'],
    load: async () => ({ filename: 'x', contentType: 'application/json', body: '' }),
  }),
];
const mayOpen = linkAccess(routes);
const as = (...roles: Role[]) => ({ roles }) as unknown as CurrentUser;

test('a link opens for those its page lets in, and is refused for those it would turn away', () => {
  assert.equal(mayOpen(as('commissioner'), '/vehicles/a1b2/rate-cards'), true);
  assert.equal(mayOpen(as('administrator'), '/vehicles/a1b2/rate-cards'), false);
  assert.equal(mayOpen(as('administrator'), '/vehicles/a1b2'), true, 'any signed-in person');
});

test('a fixed path is matched before a parameter that would also match it; a query or fragment does not matter', () => {
  assert.equal(mayOpen(as('brokerage_officer'), '/vehicles/new'), false, 'not /vehicles/:id');
  assert.equal(mayOpen(as('commissioner'), '/vehicles/new?from=home#top'), true);
});

test('a parameter stops at the next slash, and a suffix after it is part of the path', () => {
  assert.equal(mayOpen(as('auditor'), '/vehicles/a1b2/ocds.json'), true);
  assert.equal(mayOpen(as('commissioner'), '/vehicles/a1b2/ocds.json'), false);
  assert.equal(mayOpen(as('commissioner'), '/vehicles/a/b/rate-cards'), true, 'no declared page: left to its guard');
});
