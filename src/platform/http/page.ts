// Pages are declared like API operations: a path, who may use it, its template and what it shows;
// a form adds the schema that turns the posted form into the service's input, the save, and where
// to go next. Registration refuses a form without a schema, and the declarations can be listed,
// so a test can walk every page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CurrentUser } from '../auth/current-user.ts';
import type { Access } from '../domain/roles.ts';
import type { PageContext } from './fastify-types.ts';
import { formErrors, type FormBody } from './forms.ts';

/** What a page's functions are given: the signed-in person, the path's parameters and the query. */
export interface PageCall {
  user: CurrentUser;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  request: FastifyRequest;
  reply: FastifyReply;
}

type SignedInAccess = Exclude<Access, 'public'>;

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
  /** Where the service names a field differently from the form (contacts.0.name → contactName). */
  errorFields?: Record<string, string>;
  /** The values the form starts with. */
  initial?(call: PageCall): FormBody | Promise<FormBody>;
  /** The page, with the values its form shows: as it starts, or as typed when shown again with errors. */
  load(call: PageCall, values: FormBody): Promise<PageContext>;
  save(call: PageCall, input: I): Promise<T>;
  next(call: PageCall, saved: T): Next;
}

export interface DownloadDeclaration {
  path: string;
  access: SignedInAccess;
  load(call: PageCall): Promise<{ filename: string; contentType: string; body: string | Buffer }>;
}

export type PageRoute =
  | ({ kind: 'view' } & ViewDeclaration)
  | ({ kind: 'form' } & FormDeclaration<unknown, unknown>)
  | ({ kind: 'download' } & DownloadDeclaration);

export const page = (declaration: ViewDeclaration): PageRoute => ({ kind: 'view', ...declaration });
export const formPage = <I, T>(declaration: FormDeclaration<I, T>): PageRoute => ({
  kind: 'form',
  ...(declaration as unknown as FormDeclaration<unknown, unknown>),
});
export const download = (declaration: DownloadDeclaration): PageRoute => ({ kind: 'download', ...declaration });

/** The signed-in person on a route that is not public: the guard has already refused anyone else. */
export function signedIn(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new Error(`${request.url} is answered only for people signed in`);
  return request.user;
}

function callOf(request: FastifyRequest, reply: FastifyReply): PageCall {
  return {
    user: signedIn(request),
    params: request.params as Record<string, string>,
    query: request.query as Record<string, string | undefined>,
    request,
    reply,
  };
}

async function goOn(route: FormDeclaration<unknown, unknown>, call: PageCall, next: Next) {
  if (typeof next === 'object' && 'stay' in next)
    return call.reply.page(route.view, { ...(await route.load(call, {})), ...next.stay });
  const { to, flash } = typeof next === 'string' ? { to: next, flash: undefined } : next;
  if (flash) call.request.session.flash = flash;
  return call.reply.redirect(to);
}

export function registerPageRoutes(app: FastifyInstance, routes: readonly PageRoute[]): void {
  for (const route of routes) {
    const config = { access: route.access };
    if (route.kind === 'view') {
      app.get(route.path, { config }, async (request, reply) =>
        reply.page(route.view, await route.load(callOf(request, reply))),
      );
    } else if (route.kind === 'download') {
      app.get(route.path, { config }, async (request, reply) => {
        const file = await route.load(callOf(request, reply));
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`)
          .send(file.body);
      });
    } else {
      if (!route.form) throw new Error(`The form page ${route.path} has no form schema`);
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
        try {
          saved = await route.save(call, route.form.parse(values));
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
  }
}
