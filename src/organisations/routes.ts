// Pages: signing in and out (password or single sign-on), your account and API tokens,
// and an administrator's list of the people in their organisation.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OidcConfig } from '../config.ts';
import type { Db } from '../platform/db/client.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import { oidcSignIn } from '../platform/auth/oidc.ts';
import { pageNumber, paginationLinks } from '../platform/domain/pagination.ts';
import { safeNext } from '../platform/domain/safe-next.ts';
import { signInRateLimit } from '../platform/http/plugins/rate-limit.ts';
import { ROLE_LABELS, STAFF_ROLES, type Role } from '../platform/domain/roles.ts';
import { formErrors, many, one, type FormBody } from '../platform/http/forms.ts';
import { HttpError, type FieldError } from '../platform/http/errors.ts';
import { fieldErrors } from '../platform/http/validation.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { signInInput } from './input.ts';
import * as service from './service.ts';

export const organisationNavigation: NavigationItem[] = [
  { text: 'People', href: '/admin/users', access: ['administrator'] },
  { text: 'Your account', href: '/account', access: 'signed-in' },
];


async function startSession(request: FastifyRequest, userId: string): Promise<void> {
  // A new session id at sign-in, so an id planted before sign-in is worthless.
  await request.session.regenerate();
  request.session.userId = userId;
}

export async function registerOrganisationRoutes(app: FastifyInstance, db: Db, oidcConfig: OidcConfig | undefined): Promise<void> {
  const oidc = oidcConfig ? oidcSignIn(oidcConfig) : undefined;
  const signInPage = (next: string, extra: Record<string, unknown> = {}) => ({ title: 'Sign in', next, oidcLabel: oidc?.label, values: {}, ...extra });

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user) return reply.redirect('/');
    return reply.page('platform/views/sign-in.njk', signInPage(safeNext((request.query as { next?: string }).next)));
  });

  app.post('/sign-in', { config: { access: 'public', ...signInRateLimit } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const next = safeNext(body.next);
    const parsed = signInInput.safeParse(body);
    if (!parsed.success) {
      return reply.page('platform/views/sign-in.njk', signInPage(next, { values: { email: body.email }, errors: fieldErrors(parsed.error) }), 400);
    }
    const result = await service.signInWithPassword(db, parsed.data.email, parsed.data.password, request.ip);
    if (result.outcome === 'signed-in') {
      await startSession(request, result.user.id);
      return reply.redirect(next);
    }
    const errors: FieldError[] = [{ field: 'email', message: result.message }];
    return reply.page('platform/views/sign-in.njk', signInPage(next, {
      values: { email: parsed.data.email },
      errors,
      throttled: result.outcome === 'throttled' ? result.message : undefined,
    }), result.outcome === 'throttled' ? 429 : 401);
  });

  app.get('/sign-in/oidc', { config: { access: 'public' } }, async (request, reply) => {
    if (!oidc) throw new HttpError(404, 'Not found', 'Single sign-on is not set up for this Hearth.');
    const started = await oidc.start();
    request.session.oidc = { state: started.state, codeVerifier: started.codeVerifier, next: safeNext((request.query as { next?: string }).next) };
    return reply.redirect(started.url);
  });

  app.get('/sign-in/oidc/callback', { config: { access: 'public' } }, async (request, reply) => {
    const pending = request.session.oidc;
    if (!oidc || !pending) return reply.redirect('/sign-in');
    request.session.oidc = undefined;
    const callbackUrl = new URL(request.url, oidcConfig!.redirectUri);
    let claims;
    try {
      claims = await oidc.finish(callbackUrl, pending);
    } catch (error) {
      request.log.warn({ err: error }, 'single sign-on failed');
      return reply.page('platform/views/sign-in.njk', signInPage(pending.next, { errors: [{ field: 'email', message: 'Single sign-on did not complete. Try again, or sign in with your email address and password.' }] }), 401);
    }
    const result = await service.signInWithOidc(db, claims);
    if (result.outcome !== 'signed-in') {
      return reply.page('platform/views/sign-in.njk', signInPage(pending.next, { errors: [{ field: 'email', message: result.message }] }), 403);
    }
    await startSession(request, result.user.id);
    return reply.redirect(pending.next);
  });

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user) await service.recordSignOut(db, request.user);
    await request.session.destroy();
    return reply.redirect('/sign-in');
  });

  const accountPage = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => ({
    title: 'Your account',
    user: request.user,
    roleLabels: request.user!.roles.map((role) => ROLE_LABELS[role]),
    tokens: await service.listApiTokens(db, request.user!.id),
    hasPassword: await service.hasPassword(db, request.user!.id),
    values: {},
    ...extra,
  });

  app.get('/account', { config: { access: 'signed-in' } }, async (request, reply) => reply.page('organisations/views/account.njk', await accountPage(request)));

  app.post('/account/tokens', { config: { access: 'signed-in' } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    try {
      const created = await service.createApiToken(db, actorOf(request.user!), request.user!.id, { name: String(body.name ?? '') });
      return reply.page('organisations/views/account.njk', await accountPage(request, { newToken: created.token }));
    } catch (error) {
      return reply.page('organisations/views/account.njk', await accountPage(request, { errors: formErrors(error), values: { name: body.name } }), 400);
    }
  });

  app.post('/account/password', { config: { access: 'signed-in' } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    try {
      await service.changeOwnPassword(db, request.user!, { currentPassword: one(body.currentPassword), newPassword: one(body.newPassword), confirmPassword: one(body.confirmPassword) });
    } catch (error) {
      // Nothing typed in a password field is sent back.
      return reply.page('organisations/views/account.njk', await accountPage(request, { errors: formErrors(error) }), 400);
    }
    // The change ended all their sessions; this one goes on, under a new id.
    await startSession(request, request.user!.id);
    request.session.flash = 'Your password has been changed. You have been signed out everywhere else.';
    return reply.redirect('/account');
  });

  app.post('/account/tokens/:tokenId/revoke', { config: { access: 'signed-in' } }, async (request, reply) => {
    await service.revokeApiToken(db, actorOf(request.user!), request.user!.id, (request.params as { tokenId: string }).tokenId);
    return reply.redirect('/account');
  });

  app.get('/admin/users', { config: { access: ['administrator'] } }, async (request, reply) => {
    const page = await service.listUsers(db, request.user!, pageNumber((request.query as { page?: string }).page));
    return reply.page('organisations/views/users.njk', {
      title: 'People',
      page,
      roleLabels: ROLE_LABELS,
      pagination: paginationLinks(page, (n) => `/admin/users?page=${n}`),
    });
  });

  const roleItems = (selected: string[]) => STAFF_ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: selected.includes(role) }));
  const newUserPage = (extra: Record<string, unknown> = {}) => ({
    title: 'Add a person',
    roleItems,
    values: { roles: [] },
    ...extra,
  });

  const changeUserPage = async (viewer: CurrentUser, person: service.PublicUser, extra: Record<string, unknown> = {}) => ({
    title: `Change ${person.name}`,
    backLink: { href: '/admin/users', text: 'People' },
    person,
    roleItems,
    roleChanges: await service.roleChangesOf(db, viewer, person.id),
    roleLabels: ROLE_LABELS,
    // Administrators change their own name here; their roles, access and password only another may change.
    isSelf: person.id === viewer.id,
    values: { name: person.name, roles: person.roles, active: person.active ? 'yes' : 'no' },
    ...extra,
  });

  app.get('/admin/users/:userId', { config: { access: ['administrator'] } }, async (request, reply) => {
    const person = await service.userForAdministrator(db, request.user!, (request.params as { userId: string }).userId);
    return reply.page('organisations/views/user-change.njk', await changeUserPage(request.user!, person));
  });

  app.post('/admin/users/:userId', { config: { access: ['administrator'] } }, async (request, reply) => {
    const { userId } = request.params as { userId: string };
    const body = (request.body ?? {}) as FormBody;
    const values = { name: body.name, roles: many(body.roles), active: body.active, revokeApiTokens: body.revokeApiTokens };
    try {
      await service.changeUser(db, request.user!, userId, {
        name: String(body.name ?? ''),
        roles: values.roles as Role[],
        active: body.active === 'yes' ? true : body.active === 'no' ? false : (undefined as unknown as boolean),
        password: body.password ? String(body.password) : undefined,
        revokeApiTokens: body.revokeApiTokens === 'yes',
      });
      request.session.flash = 'The changes have been saved';
      return reply.redirect(`/admin/users/${userId}`);
    } catch (error) {
      const errors = formErrors(error);
      const person = await service.userForAdministrator(db, request.user!, userId);
      return reply.page('organisations/views/user-change.njk', await changeUserPage(request.user!, person, { values, errors }), 400);
    }
  });

  app.get('/admin/users/new', { config: { access: ['administrator'] } }, async (_request, reply) =>
    reply.page('organisations/views/user-new.njk', newUserPage()));

  app.post('/admin/users/new', { config: { access: ['administrator'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const values = { email: body.email, name: body.name, roles: many(body.roles) };
    try {
      await service.createUser(db, actorOf(request.user!), {
        email: String(body.email ?? ''),
        name: String(body.name ?? ''),
        roles: values.roles as Role[],
        // Administrators add people to their own organisation only.
        organisation: request.user!.organisationId ?? undefined,
        password: body.password ? String(body.password) : undefined,
      });
      return reply.redirect('/admin/users');
    } catch (error) {
      return reply.page('organisations/views/user-new.njk', newUserPage({ values, errors: formErrors(error) }), 400);
    }
  });
}
