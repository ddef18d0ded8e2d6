// Pages for the vacancy list, the placements register and each placement, the summary report,
// the planning page and a provider's own placements. Thin: parse, call the services, render.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { paginationLinks } from '../platform/domain/pagination.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { dateFromForm, one, saveOrShow, type FormBody } from '../platform/http/forms.ts';
import { zonesOf } from '../organisations/service.ts';
import { NEED_BAND_LABELS, NEED_BANDS } from '../procurement/domain/vehicles.ts';
import { PAYMENT_ROUTE_LABELS, PAYMENT_ROUTES } from './domain/people.ts';
import * as placements from './placement-service.ts';
import { planFromLiveData } from './planning-service.ts';
import * as schemes from './scheme-service.ts';
import { options, params, query, render, REPORT_READERS, VACANCY_READERS } from './page-helpers.ts';

export async function registerPlacementRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // ---- Vacancies, placements and reports ------------------------------------------------------
  app.get('/vacancies', { config: { access: VACANCY_READERS } }, async (request, reply) => {
    const { zoneId = '', band = '' } = query(request);
    const viewer = request.user!;
    const [vacancies, zones] = await Promise.all([schemes.vacancyList(db, viewer, { zoneId: zoneId || undefined, band: band || undefined }), viewer.organisationId ? zonesOf(db, viewer.organisationId) : []]);
    return render(reply, 'vacancies', {
      title: 'Vacancies', vacancies,
      zoneItems: [{ value: '', text: 'All zones' }, ...zones.map((zone) => ({ value: zone.id, text: zone.name, selected: zone.id === zoneId }))],
      bandItems: [{ value: '', text: 'All bands' }, ...options(NEED_BANDS, NEED_BAND_LABELS, band, 'selected')],
    });
  });

  app.get('/placements', { config: { access: REPORT_READERS } }, async (request, reply) => {
    const filter = placements.parsePlacementFilter(query(request));
    const page = await placements.placementRegister(db, request.user!, filter);
    const search = new URLSearchParams(Object.entries({ activeOn: filter.activeOn, paymentRoute: filter.paymentRoute, offFramework: filter.offFramework === undefined ? undefined : filter.offFramework ? 'yes' : 'no' })
      .filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
    return render(reply, 'placements', {
      title: 'Placements register', page, filter, csvHref: `/api/v1/placements.csv?${search}`, pagination: paginationLinks(page, (n) => `/placements?${search}&page=${n}`),
      values: { activeOn: filter.activeOn ?? '' },
      routeItems: [{ value: '', text: 'Any' }, ...options(PAYMENT_ROUTES, PAYMENT_ROUTE_LABELS, filter.paymentRoute, 'selected')],
      frameworkItems: [{ value: '', text: 'Either' }, { value: 'no', text: 'On framework', selected: filter.offFramework === false }, { value: 'yes', text: 'Off framework', selected: filter.offFramework === true }],
    });
  });

  const placementPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const placement = await placements.getPlacement(db, request.user!, params(request).id!);
    return { title: `Placement: ${placement.personName}`, placement, values, errors, canEnd: hasRole(request.user!, 'brokerage_officer') && !placement.endsOn, backLink: { href: '/placements' } };
  };
  app.get('/placements/:id', { config: { access: REPORT_READERS } }, async (request, reply) => render(reply, 'placement', await placementPage(request)));
  app.post('/placements/:id/end', { config: { access: ['brokerage_officer'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const saved = await saveOrShow(reply, () => placements.endPlacement(db, request.user!, params(request).id!, { endsOn: dateFromForm(body, 'endsOn') ?? '', reason: one(body.reason) }),
      async (errors) => render(reply, 'placement', await placementPage(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Placement ended: the unit is on the vacancy list';
    return reply.redirect(`/placements/${params(request).id}`);
  });

  app.get('/reports/placements-summary', { config: { access: REPORT_READERS } }, async (request, reply) => {
    const date = query(request).date?.trim() || isoDateInLondon(new Date());
    const summary = await placements.placementsSummary(db, request.user!, date);
    return render(reply, 'summary', { title: 'Placements summary', summary, backLink: { href: '/placements' } });
  });

  app.get('/planning', { config: { access: ['brokerage_officer', 'commissioner'] } }, async (request, reply) => {
    const plan = await planFromLiveData(db, request.user!);
    return render(reply, 'planning', { title: 'Planning: filling vacancies from the waiting list', plan });
  });
}
