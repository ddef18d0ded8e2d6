// Pages are declared like API operations: a path, who may use it, its template and what it shows;
// a form adds the schema that turns the posted form into the service's input, the save, and where
// to go next. Registration refuses a form without a schema, and the declarations can be listed,
// so a test can walk every page.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { PageContext } from './fastify-types.ts';
import { formErrors, type FormBody } from './forms.ts';
import { registerListPage, type ListDeclaration } from './list-page.ts';
import fastifyMultipart from '@fastify/multipart';
import { callOf, sendFile, type PageCall, type SignedInAccess } from './page-call.ts';

export { signedIn, type PageCall } from './page-call.ts';

/** Where to go after a save (and the message to show there once), or to stay, showing the page with more in it. */
export type Next = string | { to: string; flash?: string } | { stay: Record<string, unknown> };

export interface ViewDeclaration {
  path: string;
  access: SignedInAccess;
  /** The template, from src/. */
  view: string;
  load(call: PageCall): Promise<PageContext>;
}

export interface FormDeclaration<I, T> {
  /** GET shows the form here (unless `showsOn` is false) and POST saves it. */
  path: string;
  access: SignedInAccess;
  view: string;
  /** Turns the posted form into the service's input (see form-fields.ts). */
  form: z.ZodType<I, FormBody>;
  /** False for a form that lives on another page (a button on a record): only its POST is registered. */
  showsOn?: boolean;
  /** A form that uploads files: posted as multipart, each file a part (see @fastify/multipart). */
  multipart?: { fileSize: number; files?: number };
  /** Where the service names a field differently from the form (contacts.0.name → contactName). */
  errorFields?: Record<string, string>;
  /** The values the form starts with. */
  initial?(call: PageCall): FormBody | Promise<FormBody>;
  /** The page, with the values its form shows: as it starts, or as typed when shown again with errors. */
  load(call: PageCall, values: FormBody): Promise<PageContext>;
  /**
   * For a commitment (money spent, a tender decided, a placement ended, an account closed): the
   * "check your answers" page to show before saving, or null where this input commits nothing.
   * The save runs only when the person confirms on that page.
   */
  confirm?(call: PageCall, input: I): Promise<CheckAnswers | null>;
  save(call: PageCall, input: I): Promise<T>;
  next(call: PageCall, saved: T): Next;
}

/** What a check-your-answers page says will happen, before the person confirms it. */
export interface CheckAnswers {
  title: string;
  /** What is about to be done, row by row: "Weekly price" → "£1,234.00". */
  rows: { key: string; value: string }[];
  /** The effect, said plainly: "Jo Bloggs will be signed out and cannot sign in again". */
  warning?: string;
  /** What a change would do, row by row, where a list says it better (the services a new risk model turns Red). */
  table?: { caption: string; head: string[]; rows: string[][]; empty: string };
  /** The confirming button: "Deactivate account", "Place Alex", "Confirm tiers". */
  button: string;
  /** Where "Cancel" goes: the record, unchanged. ("Change" shows the form again as it was typed.) */
  changeHref: string;
}

/** The hidden field that says the person has seen the check-your-answers page and confirmed. */
export const CONFIRMED_FIELD = 'confirmed';
/** The check page's "Change" button: back to the form with what was typed. */
const CHANGE_FIELD = 'change';

export interface DownloadDeclaration {
  path: string;
  access: SignedInAccess;
  load(call: PageCall): Promise<{ filename: string; contentType: string; body: string | Buffer }>;
}

export type PageRoute =
  | ({ kind: 'view' } & ViewDeclaration)
  | ({ kind: 'form' } & FormDeclaration<unknown, unknown>)
  | ({ kind: 'download' } & DownloadDeclaration)
  | ({ kind: 'list' } & ListDeclaration<unknown, unknown>);

export const page = (declaration: ViewDeclaration): PageRoute => ({ kind: 'view', ...declaration });
export const formPage = <I, T>(declaration: FormDeclaration<I, T>): PageRoute => ({
  kind: 'form',
  ...(declaration as unknown as FormDeclaration<unknown, unknown>),
});
export const download = (declaration: DownloadDeclaration): PageRoute => ({ kind: 'download', ...declaration });
export const listPage = <Row, F, S extends string>(declaration: ListDeclaration<Row, F, S>): PageRoute => ({
  kind: 'list',
  ...(declaration as unknown as ListDeclaration<unknown, unknown>),
});

/** Each route a declaration answers, with who may use it: what a test walks to try every page. */
export function routesOf(route: PageRoute): { method: 'GET' | 'POST'; path: string; access: SignedInAccess }[] {
  const get = (path: string) => ({ method: 'GET' as const, path, access: route.access });
  if (route.kind === 'list') return [get(route.path), get(`${route.path}.csv`), get(`${route.path}.xlsx`)];
  if (route.kind !== 'form') return [get(route.path)];
  const post = { method: 'POST' as const, path: route.path, access: route.access };
  return route.showsOn === false ? [post] : [get(route.path), post];
}

async function goOn(route: FormDeclaration<unknown, unknown>, call: PageCall, next: Next) {
  if (typeof next === 'object' && 'stay' in next)
    return call.reply.page(route.view, { ...(await route.load(call, {})), ...next.stay });
  const { to, flash } = typeof next === 'string' ? { to: next, flash: undefined } : next;
  if (flash) call.request.session.flash = flash;
  return call.reply.redirect(to);
}

const CHECK_ANSWERS_VIEW = 'platform/views/check-answers.njk';

/** The posted values, as hidden fields the confirming form posts again (the CSRF token is the page's own). */
function carried(values: FormBody): { name: string; value: string }[] {
  return Object.entries(values)
    .filter(([name]) => name !== '_csrf' && name !== CONFIRMED_FIELD && name !== CHANGE_FIELD)
    .flatMap(([name, value]) => [value ?? []].flat().map((one) => ({ name, value: String(one) })));
}

function registerForm(app: FastifyInstance, route: FormDeclaration<unknown, unknown>): void {
  if (!route.form) throw new Error(`The form page ${route.path} has no form schema`);
  const config = { access: route.access };
  if (route.showsOn !== false) {
    app.get(route.path, { config }, async (request, reply) => {
      const call = callOf(request, reply);
      const values = (await route.initial?.(call)) ?? {};
      return reply.page(route.view, { values, ...(await route.load(call, values)) });
    });
  }
  app.post(route.path, { config }, async (request, reply) => {
    const call = callOf(request, reply);
    const values = (request.body ?? {}) as FormBody;
    let saved: unknown;
    // "Change" on a check page: the form again, as it was typed.
    if (values[CHANGE_FIELD] === 'yes') return reply.page(route.view, { values, ...(await route.load(call, values)) });
    try {
      const input = route.form.parse(values);
      const check = values[CONFIRMED_FIELD] === 'yes' ? null : await route.confirm?.(call, input);
      if (check)
        return reply.page(CHECK_ANSWERS_VIEW, {
          ...check,
          action: request.url,
          carried: carried(values),
        });
      saved = await route.save(call, input);
    } catch (error) {
      // A rejected save shows the form again, with what was typed and each error by its field.
      const errors = formErrors(error).map((problem) => ({
        ...problem,
        field: route.errorFields?.[problem.field] ?? problem.field,
      }));
      return reply.page(route.view, { values, ...(await route.load(call, values)), errors }, 400);
    }
    return goOn(route, call, route.next(call, saved));
  });
}

function registerRoute(app: FastifyInstance, route: PageRoute): void {
  const config = { access: route.access };
  if (route.kind === 'view') {
    app.get(route.path, { config }, async (request, reply) =>
      reply.page(route.view, await route.load(callOf(request, reply))),
    );
  } else if (route.kind === 'download') {
    app.get(route.path, { config }, async (request, reply) =>
      sendFile(reply, await route.load(callOf(request, reply))),
    );
  } else if (route.kind === 'list') {
    registerListPage(app, route);
  } else {
    registerForm(app, route);
  }
}

export async function registerPageRoutes(app: FastifyInstance, routes: readonly PageRoute[]): Promise<void> {
  const uploads = routes.filter((route) => route.kind === 'form' && route.multipart);
  for (const route of routes) if (!uploads.includes(route)) registerRoute(app, route);
  // Each upload form gets a scope of its own whose parser takes multipart bodies up to its limit.
  for (const route of uploads) {
    const { fileSize, files = 1 } = (route as FormDeclaration<unknown, unknown>).multipart!;
    await app.register(async (scope) => {
      // One byte over the limit, so a file at the limit is taken and a larger one is seen as cut short.
      await scope.register(fastifyMultipart, { attachFieldsToBody: true, limits: { fileSize: fileSize + 1, files } });
      registerRoute(scope, route);
    });
  }
}
