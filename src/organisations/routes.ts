// Pages: signing in and out (password or single sign-on), your account and API tokens,
// and an administrator's list of the people in their organisation.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OidcConfig } from '../config.ts';
import type { Db } from '../platform/db/client.ts';
import { actorOf } from '../platform/auth/current-user.ts';
import { oidcSignIn } from '../platform/auth/oidc.ts';
import { safeNext } from '../platform/domain/safe-next.ts';
import { signInRateLimit } from '../platform/http/plugins/rate-limit.ts';
import { isRole, ROLE_LABELS, STAFF_ROLES } from '../platform/domain/roles.ts';
import { field, formSchema, noFields } from '../platform/http/form-fields.ts';
import { many, type FormBody } from '../platform/http/forms.ts';
import { formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { londonDateTime } from '../platform/domain/calendar.ts';
import { HttpError, type FieldError } from '../platform/http/errors.ts';
import { fieldErrors } from '../platform/http/validation.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { peopleFilterInput, signInInput, type PeopleFilter } from './input.ts';
import { paths } from './paths.ts';
import * as account from './account-service.ts';
import * as users from './user-service.ts';
import * as organisations from './service.ts';

export const organisationNavigation: NavigationItem[] = [
  { text: 'People', href: paths.people(), access: ['administrator'] },
  { text: 'Organisation', href: paths.organisation(), access: ['administrator'] },
  { text: 'Your account', href: paths.account(), access: 'signed-in' },
];

async function startSession(request: FastifyRequest, userId: string): Promise<void> {
  // A new session id at sign-in, so an id planted before sign-in is worthless.
  await request.session.regenerate();
  request.session.userId = userId;
}

/** Signing in and out: public routes, so not declared pages. */
export async function registerSignInRoutes(
  app: FastifyInstance,
  db: Db,
  oidcConfig: OidcConfig | undefined,
): Promise<void> {
  const oidc = oidcConfig ? oidcSignIn(oidcConfig) : undefined;
  const signInPage = (next: string, extra: Record<string, unknown> = {}) => ({
    title: 'Sign in',
    next,
    oidcLabel: oidc?.label,
    values: {},
    ...extra,
  });

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user) return reply.redirect('/');
    return reply.page('platform/views/sign-in.njk', signInPage(safeNext((request.query as { next?: string }).next)));
  });

  app.post('/sign-in', { config: { access: 'public', ...signInRateLimit } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const next = safeNext(body.next);
    const parsed = signInInput.safeParse(body);
    if (!parsed.success) {
      return reply.page(
        'platform/views/sign-in.njk',
        signInPage(next, { values: { email: body.email }, errors: fieldErrors(parsed.error) }),
        400,
      );
    }
    const result = await account.signInWithPassword(db, parsed.data.email, parsed.data.password, request.ip);
    if (result.outcome === 'signed-in') {
      await startSession(request, result.user.id);
      return reply.redirect(next);
    }
    const errors: FieldError[] = [{ field: 'email', message: result.message }];
    return reply.page(
      'platform/views/sign-in.njk',
      signInPage(next, {
        values: { email: parsed.data.email },
        errors,
        throttled: result.outcome === 'throttled' ? result.message : undefined,
      }),
      result.outcome === 'throttled' ? 429 : 401,
    );
  });

  app.get('/sign-in/oidc', { config: { access: 'public' } }, async (request, reply) => {
    if (!oidc) throw new HttpError(404, 'Not found', 'Single sign-on is not set up for this Hearth.');
    const started = await oidc.start();
    request.session.oidc = {
      state: started.state,
      codeVerifier: started.codeVerifier,
      next: safeNext((request.query as { next?: string }).next),
    };
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
      return reply.page(
        'platform/views/sign-in.njk',
        signInPage(pending.next, {
          errors: [
            {
              field: 'email',
              message: 'Single sign-on did not complete. Try again, or sign in with your email address and password.',
            },
          ],
        }),
        401,
      );
    }
    const result = await account.signInWithOidc(db, claims);
    if (result.outcome !== 'signed-in') {
      return reply.page(
        'platform/views/sign-in.njk',
        signInPage(pending.next, { errors: [{ field: 'email', message: result.message }] }),
        403,
      );
    }
    await startSession(request, result.user.id);
    return reply.redirect(pending.next);
  });

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user) await account.recordSignOut(db, request.user);
    await request.session.destroy();
    return reply.redirect('/sign-in');
  });
}

const ACCOUNT_VIEW = 'organisations/views/account.njk';
const USER_CHANGE_VIEW = 'organisations/views/user-change.njk';
const USER_NEW_VIEW = 'organisations/views/user-new.njk';

/** The role checkboxes, ticked as posted (one value or several) or as held. */
const roleItems = (selected: string | string[] | undefined) =>
  STAFF_ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: many(selected).includes(role) }));

/** Your account, your password and API tokens; an administrator's people. */
export function accountAndPeoplePages(db: Db): PageRoute[] {
  const accountPage = async ({ user }: PageCall, extra: Record<string, unknown> = {}) => ({
    title: 'Your account',
    user,
    roleLabels: user.roles.map((role) => ROLE_LABELS[role]),
    tokens: await account.listApiTokens(db, user.id),
    hasPassword: await account.hasPassword(db, user.id),
    ...extra,
  });
  const changeUserPage = async ({ user, params }: PageCall, values?: FormBody) => {
    const person = await users.userForAdministrator(db, user, params.userId!);
    return {
      title: `Change ${person.name}`,
      backLink: { href: paths.people(), text: 'People' },
      person,
      roleItems,
      roleChanges: await users.roleChangesOf(db, user, person.id),
      roleLabels: ROLE_LABELS,
      // Administrators change their own name here; their roles, access and password only another may change.
      isSelf: person.id === user.id,
      values: values ?? { name: person.name, roles: person.roles, active: person.active ? 'yes' : 'no' },
    };
  };
  return [
    page({ path: paths.account(), access: 'signed-in', view: ACCOUNT_VIEW, load: (call) => accountPage(call) }),
    formPage({
      path: '/account/tokens',
      access: 'signed-in',
      view: ACCOUNT_VIEW,
      showsOn: false,
      form: formSchema({ name: field.text() }),
      load: (call, values) => accountPage(call, { values: { name: values.name } }),
      save: ({ user }, input) => account.createApiToken(db, actorOf(user), user.id, input),
      // The new token is shown once, on the page itself, never in an address.
      next: (_call, created) => ({ stay: { newToken: created.token } }),
    }),
    formPage({
      path: '/account/password',
      access: 'signed-in',
      view: ACCOUNT_VIEW,
      showsOn: false,
      form: formSchema({ currentPassword: field.text(), newPassword: field.text(), confirmPassword: field.text() }),
      // Nothing typed in a password field is sent back.
      load: (call) => accountPage(call, { values: {} }),
      save: async ({ user, request }, input) => {
        await account.changeOwnPassword(db, user, input);
        // The change ended all their sessions; this one goes on, under a new id.
        await startSession(request, user.id);
      },
      next: () => ({
        to: paths.account(),
        flash: 'Your password has been changed. You have been signed out everywhere else.',
      }),
    }),
    formPage({
      path: '/account/tokens/:tokenId/revoke',
      access: 'signed-in',
      view: ACCOUNT_VIEW,
      showsOn: false,
      form: noFields,
      load: (call) => accountPage(call),
      save: ({ user, params }) => account.revokeApiToken(db, actorOf(user), user.id, params.tokenId!),
      next: () => paths.account(),
    }),
    listPage<users.PublicUser, PeopleFilter, 'name' | 'lastSignIn'>({
      path: paths.people(),
      access: ['administrator'],
      title: 'People',
      noun: { one: 'person', many: 'people' },
      filter: peopleFilterInput,
      filters: [
        { name: 'search', label: 'Name or email address', kind: 'search' },
        {
          name: 'role',
          label: 'Role',
          kind: 'select',
          any: 'Any role',
          options: () => STAFF_ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role] })),
        },
        {
          name: 'status',
          label: 'Account',
          kind: 'select',
          any: 'Active or deactivated',
          options: () => [
            { value: 'active', text: 'Active' },
            { value: 'deactivated', text: 'Deactivated' },
          ],
        },
      ],
      columns: [
        {
          heading: 'Name',
          value: (person) => `${person.name}${person.active ? '' : ' (deactivated)'}`,
          href: (person) => paths.person(person.id),
          sort: 'name',
        },
        { heading: 'Email address', value: (person) => person.email },
        {
          heading: 'Roles',
          value: (person) => person.roles.map((role) => (isRole(role) ? ROLE_LABELS[role] : role)).join(', '),
        },
        {
          heading: 'Last signed in',
          value: (person) => (person.lastSignInAt ? londonDateTime(person.lastSignInAt) : 'Never'),
          sort: 'lastSignIn',
        },
      ],
      defaultSort: { key: 'name', direction: 'asc' },
      actions: () => [{ text: 'Add a person', href: '/admin/users/new' }],
      empty: 'Nobody matches. Clear the filters to see everyone.',
      fetch: ({ user }, { filter, sort, page, pageSize }) =>
        users.listUsers(db, user, page, pageSize, {
          search: filter.search,
          role: filter.role,
          active: filter.status === undefined ? undefined : filter.status === 'active',
          sort,
        }),
    }),
    formPage({
      path: '/admin/users/new',
      access: ['administrator'],
      view: USER_NEW_VIEW,
      form: formSchema({
        email: field.text(),
        name: field.text(),
        roles: field.choices(STAFF_ROLES),
        password: field.optionalText(),
      }),
      initial: () => ({ roles: [] }),
      load: async () => ({ title: 'Add a person', roleItems }),
      // Administrators add people to their own organisation only.
      save: ({ user }, { password, ...input }) =>
        users.createUser(db, actorOf(user), {
          ...input,
          organisation: user.organisationId ?? undefined,
          password: password ?? undefined,
        }),
      next: () => paths.people(),
    }),
    formPage({
      path: paths.organisation(),
      access: ['administrator'],
      view: 'organisations/views/organisation.njk',
      form: formSchema({
        accessibilityStatementUrl: field.optionalText(),
        privacyNoticeUrl: field.optionalText(),
        contactEmail: field.optionalText(),
        contactPhone: field.optionalText(),
        ocdsPrefix: field.optionalText(),
      }),
      initial: async ({ user }) => {
        const footer = await organisations.organisationFooter(db, user);
        return Object.fromEntries(Object.entries(footer).map(([name, value]) => [name, value ?? '']));
      },
      load: async ({ user }) => ({ title: user.organisationName ?? 'Your organisation' }),
      save: ({ user }, input) => organisations.changeOrganisationFooter(db, user, input),
      next: () => ({ to: paths.organisation(), flash: 'The organisation settings have been saved' }),
    }),
    formPage({
      path: '/admin/users/:userId',
      access: ['administrator'],
      view: USER_CHANGE_VIEW,
      form: formSchema({
        name: field.text(),
        roles: field.choices(STAFF_ROLES),
        active: field.yesNo(),
        password: field.optionalText(),
        revokeApiTokens: field.ticked(),
      }),
      load: (call, values) => changeUserPage(call, Object.keys(values).length > 0 ? values : undefined),
      // Closing an account is a commitment: the administrator checks whose, and what it does, first.
      confirm: async ({ user, params }, input) => {
        const person = await users.userForAdministrator(db, user, params.userId!);
        // Nothing to confirm where nothing closes, or where the service refuses it (one's own account).
        if (input.active !== false || !person.active || person.id === user.id) return null;
        return {
          title: `Deactivate ${person.name}'s account`,
          rows: [
            { key: 'Name', value: person.name },
            { key: 'Email address', value: person.email },
            { key: 'Roles', value: person.roles.map((role) => (isRole(role) ? ROLE_LABELS[role] : role)).join(', ') },
          ],
          warning: `${person.name} will be signed out at once and cannot sign in again, and their API tokens will stop working. You can reactivate the account later.`,
          button: 'Deactivate account',
          changeHref: paths.person(person.id),
        };
      },
      save: ({ user, params }, { password, ...input }) =>
        users.changeUser(db, user, params.userId!, { ...input, password: password ?? undefined }),
      next: ({ params }) => ({ to: paths.person(params.userId!), flash: 'The changes have been saved' }),
    }),
  ];
}
