// GOV.UK pages: Nunjucks with govuk-frontend's templates, its CSS and JavaScript from npm,
// and the one error handler that answers people with a page and the API with problem+json.
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import { allows, type Access } from '../domain/roles.ts';
import { formatPence } from '../domain/money.ts';
import { londonDateTime, longDate } from '../domain/calendar.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { isApiRequest } from '../auth/guard.ts';
import { HttpError, problemDetails, type FieldError } from './errors.ts';
import { errorsByField, errorSummary } from './validation.ts';
import type { PageContext } from './fastify-types.ts';

export interface NavigationItem {
  text: string;
  href: string;
  access: Access;
}

const srcDir = fileURLToPath(new URL('../../', import.meta.url));
const govukDist = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');

function navigationFor(items: readonly NavigationItem[], user: CurrentUser | null, url: string) {
  if (!user) return [];
  return items
    .filter((item) => item.access !== 'public' && allows(item.access, user.roles))
    .map((item) => ({
      text: item.text,
      href: item.href,
      active: url === item.href || url.startsWith(`${item.href}/`) || url.startsWith(`${item.href}?`),
    }));
}

function addFilters(env: nunjucks.Environment): void {
  env.addFilter('date', longDate);
  env.addFilter('datetime', (value: Date | null) => (value ? londonDateTime(value) : ''));
  env.addFilter('fixed2', (value: number) => value.toFixed(2));
  env.addFilter('pence', (value: number | null) => (value === null || value === undefined ? '' : formatPence(value)));
  env.addFilter('hours', (minutes: number) => `${Number((minutes / 60).toFixed(2))} hour${minutes === 60 ? '' : 's'}`);
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
}

export async function registerPages(app: FastifyInstance, navigation: readonly NavigationItem[]): Promise<void> {
  await app.register(fastifyStatic, {
    root: join(govukDist, 'govuk'),
    prefix: '/govuk/',
    decorateReply: false,
    allowedPath: (path) => /\.(css|js|map)$/.test(path),
  });
  await app.register(fastifyStatic, {
    root: join(govukDist, 'govuk', 'assets'),
    prefix: '/assets/',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: join(srcDir, 'platform', 'static'),
    prefix: '/static/',
    decorateReply: false,
  });

  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [srcDir, govukDist],
    options: { autoescape: true, onConfigure: addFilters },
  });

  app.decorateReply('page', function page(this: FastifyReply, template: string, context: PageContext, status?: number) {
    const request = this.request;
    const errors = (context.errors as FieldError[] | undefined) ?? [];
    const user = request.user;
    // A message left by the last form (a redirect after saving) is shown once, on the next page.
    const flash = request.session?.flash;
    if (flash) request.session.flash = undefined;
    // A status set earlier (a rejected form is 400) stands unless one is given here.
    if (status !== undefined) this.status(status);
    return this.view(template, {
      flash,
      ...context,
      currentUser: user,
      demoOrganisation: user?.organisationIsDemo ? user.organisationName : undefined,
      navigation: navigationFor(navigation, user, request.url),
      csrfToken:
        request.session && !(request.routeOptions.config?.sessionless && !user) ? this.generateCsrf() : undefined,
      cspNonce: (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      errors,
      errorSummaryList: errorSummary(errors),
      fieldErrors: errorsByField(errors),
    });
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (isApiRequest(request)) {
      return reply
        .status(404)
        .type('application/problem+json')
        .send({
          type: 'https://hearth.invalid/problems/404',
          title: 'Not found',
          status: 404,
          detail: `There is no ${request.method} ${request.url.split('?')[0]}.`,
          instance: request.url,
        });
    }
    return reply.page(
      'platform/views/error.njk',
      { title: 'Page not found', message: 'If you typed the web address, check it is correct.', status: 404 },
      404,
    );
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known =
      error instanceof HttpError
        ? error
        : error.statusCode && error.statusCode < 500
          ? new HttpError(
              error.statusCode,
              error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET'
                ? 'Form expired'
                : 'Bad request',
              error.code?.startsWith('FST_CSRF')
                ? 'The form had expired or did not come from Hearth. Go back, reload the page and try again.'
                : error.message,
            )
          : undefined;
    if (!known) request.log.error({ err: error }, 'unhandled error');
    const problem =
      known ??
      new HttpError(
        500,
        'Something went wrong',
        'Something went wrong on our side. Try again later; if it keeps happening, tell your administrator.',
      );
    if (isApiRequest(request)) {
      return reply.status(problem.status).type('application/problem+json').send(problemDetails(problem, request.url));
    }
    // A refused query names its fields in the error summary, as a refused form does.
    return reply.page(
      'platform/views/error.njk',
      { title: problem.title, message: problem.message, status: problem.status, errors: problem.fieldErrors ?? [] },
      problem.status,
    );
  });
}
