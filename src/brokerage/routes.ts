// Pages for people and their needs, referrals and the cascade, and a provider's offers. Thin:
// parse the form, call the same services as the API, render.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { paginationLinks } from '../platform/domain/pagination.ts';
import type { Role } from '../platform/domain/roles.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { dateFromForm, dateToForm, many, minutesFromHours, one, saveOrShow, type FormBody } from '../platform/http/forms.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { zonesOf } from '../organisations/service.ts';
import { placingVehicles } from '../procurement/market-service.ts';
import { listProviders, parseProviderFilter } from '../providers/service.ts';
import { DECLINE_REASON_LABELS, DECLINE_REASONS } from './domain/cascade.ts';
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS, FEATURE_LABELS, FEATURES, FUNDING_STREAMS, NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS, PAYMENT_ROUTE_LABELS, PAYMENT_ROUTES, TRAIT_LABELS, TRAITS, fundingDescription } from './domain/people.ts';
import { peopleSearchInput, URGENCIES, URGENCY_LABELS } from './input.ts';
import * as people from './people-service.ts';
import * as placements from './placement-service.ts';
import * as referrals from './referral-service.ts';
import { options, pageNumber, params, penceFrom, query, render, REPORT_READERS, VACANCY_READERS } from './page-helpers.ts';

export const brokerageNavigation: NavigationItem[] = [
  { text: 'People', href: '/people', access: people.PERSON_READERS },
  { text: 'Referrals', href: '/referrals', access: people.PERSON_READERS },
  { text: 'Offers', href: '/offers', access: ['provider_user'] },
  { text: 'People you support', href: '/provider-placements', access: ['provider_user'] },
  { text: 'Vacancies', href: '/vacancies', access: VACANCY_READERS },
  { text: 'Schemes', href: '/schemes', access: VACANCY_READERS },
  { text: 'Placements', href: '/placements', access: REPORT_READERS },
  { text: 'Embargoes', href: '/embargoes', access: ['commissioner', 'quality_officer'] },
];

export async function registerBrokerageRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // ---- People ---------------------------------------------------------------------------------
  app.get('/people', { config: { access: people.PERSON_READERS } }, async (request, reply) => {
    const { search = '' } = parseOrThrow(peopleSearchInput, request.query);
    const page = await people.listPeople(db, request.user!, { search, page: pageNumber(request) });
    return render(reply, 'people', { title: 'People', page, search, canAdd: hasRole(request.user!, ...people.PERSON_WRITERS), pagination: paginationLinks(page, (n) => `/people?search=${encodeURIComponent(search)}&page=${n}`) });
  });

  const personForm = async (request: FastifyRequest, values: FormBody, errors: FieldError[] = []) => {
    const zones = await zonesOf(db, request.user!.organisationId!);
    return {
      title: values.id ? 'Change the person\'s record' : 'Add a person', values, errors,
      clientGroupItems: options(CLIENT_GROUPS, CLIENT_GROUP_LABELS, many(values.clientGroups)),
      routeItems: options(PAYMENT_ROUTES, PAYMENT_ROUTE_LABELS, one(values.paymentRoute)),
      zoneItems: [{ value: '', text: 'Out of county, or not known' }, ...zones.map((zone) => ({ value: zone.id, text: zone.name, selected: values.homeZoneId === zone.id }))],
      fundingStreams: FUNDING_STREAMS, backLink: { href: '/people' },
    };
  };
  const personFromForm = (body: FormBody) => ({
    name: one(body.name), dateOfBirth: dateFromForm(body, 'dateOfBirth') ?? '', caseReference: one(body.caseReference), nhsNumber: one(body.nhsNumber) || null,
    clientGroups: many(body.clientGroups) as never[], homeZoneId: one(body.homeZoneId) || null, inCounty: one(body.inCounty) === 'yes' ? true : one(body.inCounty) === 'no' ? false : (undefined as unknown as boolean),
    paymentRoute: one(body.paymentRoute) as never, contributionPence: penceFrom(one(body.contribution), 0) as number,
    funding: FUNDING_STREAMS.filter((stream) => one(body[`funding-${stream}`]).trim() !== '').map((stream) => ({ stream, percent: Number(one(body[`funding-${stream}`])) })),
  });
  app.get('/people/new', { config: { access: people.PERSON_WRITERS } }, async (request, reply) =>
    render(reply, 'person-form', await personForm(request, { 'funding-care-act': '100', inCounty: 'yes', paymentRoute: 'commissioned' })));
  app.post('/people/new', { config: { access: people.PERSON_WRITERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    let id = '';
    const saved = await saveOrShow(reply, async () => { id = (await people.createPerson(db, request.user!, personFromForm(body))).id; },
      async (errors) => render(reply, 'person-form', await personForm(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Person added: now record their assessed needs';
    return reply.redirect(`/people/${id}`);
  });

  app.get('/people/:id', { config: { access: people.PERSON_READERS } }, async (request, reply) => {
    const record = await people.getPerson(db, request.user!, params(request).id!);
    const [zones, history, current] = await Promise.all([
      zonesOf(db, record.person.organisationId),
      referrals.listReferrals(db, request.user!, { status: 'all', personId: record.person.id }, 100).then((page) => page.items),
      placements.placementsOfPerson(db, request.user!, record.person.id),
    ]);
    return render(reply, 'person', {
      title: record.person.name, record, zoneName: zones.find((zone) => zone.id === record.person.homeZoneId)?.name ?? 'Out of county or not known',
      funding: fundingDescription(record.person.funding), referrals: history, placements: current, canWrite: hasRole(request.user!, ...people.PERSON_WRITERS),
      hasOpenReferral: history.some((item) => referrals.OPEN_REFERRAL_STATUSES.includes(item.status)), backLink: { href: '/people' },
    });
  });

  const assessmentForm = async (request: FastifyRequest, values: FormBody, errors: FieldError[] = []) => {
    const record = await people.getPerson(db, request.user!, params(request).id!);
    const matrix = await people.assessmentMatrix(db, record.person.organisationId);
    return {
      title: `Assess ${record.person.name}'s needs`, record, matrix, values, errors,
      nightItems: options(NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS, one(values.nightSupport)),
      featureItems: options(FEATURES, FEATURE_LABELS, many(values.requiredFeatures)),
      traitItems: options(TRAITS, TRAIT_LABELS, many(values.traits)), avoidItems: options(TRAITS, TRAIT_LABELS, many(values.avoids)),
      backLink: { href: `/people/${record.person.id}` },
    };
  };
  const assessPath = '/people/:id/assessments/new';
  app.get(assessPath, { config: { access: people.PERSON_WRITERS } }, async (request, reply) => {
    const values: FormBody = { assessorName: request.user!.name, nightSupport: 'none' };
    dateToForm(values, 'assessedOn', isoDateInLondon(new Date()));
    return render(reply, 'assessment-form', await assessmentForm(request, values));
  });
  app.post(assessPath, { config: { access: people.PERSON_WRITERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const scores = Object.fromEntries(Object.keys(body).filter((key) => key.startsWith('score-')).map((key) => [key.slice(6), one(body[key]).trim() === '' ? Number.NaN : Number(one(body[key]))]));
    const references = one(body.mustNotLiveWith).split(/[,\s]+/).filter(Boolean);
    const saved = await saveOrShow(reply, async () => people.recordAssessment(db, request.user!, params(request).id!, {
      mustNotLiveWith: await people.peopleByCaseReferences(db, request.user!, references),
      assessedOn: dateFromForm(body, 'assessedOn') ?? '', assessorName: one(body.assessorName), scores, oneToOneMinutesPerWeek: minutesFromHours(one(body.oneToOneHours)),
      nightSupport: one(body.nightSupport) as never, requiredFeatures: many(body.requiredFeatures) as never[], traits: many(body.traits) as never[], avoids: many(body.avoids) as never[],
    }), async (errors) => render(reply, 'assessment-form', await assessmentForm(request, body, errors.map((error) => (error.field.startsWith('scores.') ? { ...error, field: `score-${error.field.slice(7)}` } : error)))));
    if (!saved) return reply;
    request.session.flash = 'Assessment recorded';
    return reply.redirect(`/people/${params(request).id}`);
  });

  // ---- Referrals --------------------------------------------------------------------------------
  /** The referral form; a new one starts with the person's home zone and routine urgency. */
  const referralForm = async (request: FastifyRequest, typed?: FormBody, errors: FieldError[] = []) => {
    const record = await people.getPerson(db, request.user!, params(request).id!);
    const values = typed ?? { zoneIds: record.person.homeZoneId ? [record.person.homeZoneId] : [], urgency: 'routine' };
    const [zones, vehicles] = await Promise.all([zonesOf(db, record.person.organisationId), placingVehicles(db, record.person.organisationId)]);
    return {
      title: `Refer ${record.person.name} for a placement`, record, values, errors,
      vehicleItems: vehicles.map((vehicle) => ({ value: vehicle.id, text: `${vehicle.name} (${vehicle.reference})`, selected: values.vehicleId === vehicle.id })),
      zoneItems: zones.map((zone) => ({ value: zone.id, text: zone.name, checked: many(values.zoneIds).includes(zone.id) })),
      urgencyItems: options(URGENCIES, URGENCY_LABELS, one(values.urgency)), backLink: { href: `/people/${record.person.id}` },
    };
  };
  const referPath = '/people/:id/referrals/new';
  app.get(referPath, { config: { access: referrals.REFERRERS } }, async (request, reply) => render(reply, 'referral-form', await referralForm(request)));
  app.post(referPath, { config: { access: referrals.REFERRERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    let id = '';
    const saved = await saveOrShow(reply, async () => {
      id = (await referrals.createReferral(db, request.user!, {
        personId: params(request).id!, vehicleId: one(body.vehicleId), startBy: dateFromForm(body, 'startBy') ?? '', zoneIds: many(body.zoneIds), urgency: one(body.urgency) as never, notes: one(body.notes),
      })).referral.id;
    }, async (errors) => render(reply, 'referral-form', await referralForm(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Referral sent to brokerage';
    return reply.redirect(`/referrals/${id}`);
  });

  app.get('/referrals', { config: { access: people.PERSON_READERS } }, async (request, reply) => {
    const status = query(request).status ?? 'open';
    const page = await referrals.listReferrals(db, request.user!, { status, page: pageNumber(request) });
    return render(reply, 'referrals', {
      title: 'Referrals', page, status, pagination: paginationLinks(page, (n) => `/referrals?status=${status}&page=${n}`),
      statusItems: [{ value: 'open', text: 'Open', selected: status === 'open' }, { value: 'all', text: 'All', selected: status === 'all' },
        ...referrals.REFERRAL_STATUSES.map((key) => ({ value: key, text: referrals.REFERRAL_STATUS_LABELS[key], selected: status === key }))],
    });
  });

  const referralPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const detail = await referrals.getReferral(db, request.user!, params(request).id!);
    const viewer = request.user!;
    // The registry can hold thousands of providers: the list is narrowed by a search, by name or CQC ID.
    const providerSearch = query(request).providerSearch?.trim() ?? '';
    const offFrameworkProviders = detail.state === 'request-off-framework' ? (await listProviders(db, viewer, parseProviderFilter({ search: providerSearch, pageSize: 100 }))) : undefined;
    return {
      title: `Referral for ${detail.person.name}`, detail, values, errors,
      isBroker: hasRole(viewer, 'brokerage_officer'), isCommissioner: hasRole(viewer, 'commissioner'), canWithdraw: hasRole(viewer, ...referrals.REFERRERS),
      providerSearch, providersFound: offFrameworkProviders?.total ?? 0,
      providerItems: [{ value: '', text: 'Choose a provider' }, ...(offFrameworkProviders?.items ?? []).map((provider) => ({ value: provider.id, text: provider.name, selected: values.providerId === provider.id }))],
      choiceItems: detail.ranked.map((ranked) => ({ value: ranked.offerId, text: `${ranked.rank}. ${ranked.providerName}`, hint: { text: ranked.reason }, checked: (values.offerId ?? detail.ranked[0]?.offerId) === ranked.offerId })),
      vacancyItems: [{ value: '', text: 'Support in the person\'s own home' }, ...detail.shortlist.suitable.map((vacancy) => ({ value: vacancy.unitId, text: `${vacancy.schemeName}, ${vacancy.unitName}`, selected: values.unitId === vacancy.unitId }))],
      backLink: { href: '/referrals' },
    };
  };
  app.get('/referrals/:id', { config: { access: people.PERSON_READERS } }, async (request, reply) => render(reply, 'referral', await referralPage(request)));

  /** A form on the referral page: on success back to it with a message, else the page again with the errors. */
  /**
   * A form on the referral page: on success a message and back to the referral (or to the
   * placement, for the actions that make one), else the page again with the errors.
   */
  const referralAction = (path: string, access: readonly Role[], done: string, run: (viewer: CurrentUser, id: string, body: FormBody) => Promise<{ placementId?: string } | void>, formFields: Record<string, string> = {}) => {
    app.post(`/referrals/:id/${path}`, { config: { access } }, async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      let placementId: string | undefined;
      const saved = await saveOrShow(reply, async () => { placementId = (await run(request.user!, params(request).id!, body))?.placementId; },
        // Two forms on the page may share a field name: each error goes to its own form's field.
        async (errors) => render(reply, 'referral', await referralPage(request, body, errors.map((error) => ({ ...error, field: formFields[error.field] ?? error.field })))));
      if (!saved) return reply;
      request.session.flash = done;
      return reply.redirect(placementId ? `/placements/${placementId}` : `/referrals/${params(request).id}`);
    });
  };
  const placed = (placement: { id: string }) => ({ placementId: placement.id });
  referralAction('send-offers', ['brokerage_officer'], 'Offers sent', async (viewer, id) => { await referrals.sendOffers(db, viewer, id); });
  referralAction('choice', ['brokerage_officer'], 'Placement made', async (viewer, id, body) => placed(await referrals.chooseProvider(db, viewer, id, { offerId: one(body.offerId), choiceReason: one(body.choiceReason) })));
  referralAction('off-framework', ['brokerage_officer'], 'Sent to a commissioner for approval', async (viewer, id, body) => { await referrals.requestOffFramework(db, viewer, id, { providerId: one(body.providerId), reason: one(body.reason) }); });
  referralAction('off-framework-decision', ['commissioner'], 'Decision recorded', async (viewer, id, body) => {
    await referrals.decideOffFramework(db, viewer, id, { approve: one(body.approve) === 'yes' ? true : one(body.approve) === 'no' ? false : (undefined as unknown as boolean), note: one(body.note) });
  });
  referralAction('off-framework-placement', ['brokerage_officer'], 'Placement made', async (viewer, id, body) => placed(await referrals.placeOffFramework(db, viewer, id, {
    unitId: one(body.unitId) || null, startsOn: dateFromForm(body, 'startsOn') ?? '', oneToOneMinutesPerWeek: minutesFromHours(one(body.oneToOneHours)), agreedWeeklyPricePence: penceFrom(one(body.price), Number.NaN)!,
  })));
  referralAction('withdraw', referrals.REFERRERS, 'Referral withdrawn', async (viewer, id, body) => { await referrals.withdrawReferral(db, viewer, id, { reason: one(body.withdrawReason) }); }, { reason: 'withdrawReason' });

  // ---- A provider's offers --------------------------------------------------------------------
  app.get('/offers', { config: { access: ['provider_user'] } }, async (request, reply) => {
    const status = query(request).status === 'all' ? 'all' : 'awaiting';
    const page = await referrals.offersForProvider(db, request.user!, { status, page: pageNumber(request) });
    return render(reply, 'offers', { title: 'Offers of work', page, status, pagination: paginationLinks(page, (n) => `/offers?status=${status}&page=${n}`) });
  });
  const offerPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const offer = await referrals.offerForProvider(db, request.user!, params(request).id!);
    if (!values['startsOn-day']) dateToForm(values, 'startsOn', offer.startBy);
    return {
      title: `Offer: ${offer.person.name}`, offer, values: { oneToOneHours: String(offer.person.oneToOneMinutesPerWeek / 60), ...values }, errors,
      unitItems: [{ value: '', text: 'Support in the person\'s own home' }, ...offer.vacancies.map((vacancy) => ({ value: vacancy.unitId, text: `${vacancy.schemeName}, ${vacancy.unitName}`, selected: values.unitId === vacancy.unitId }))],
      declineItems: options(DECLINE_REASONS, DECLINE_REASON_LABELS, one(values.declineReason)), backLink: { href: '/offers' },
    };
  };
  app.get('/offers/:id', { config: { access: ['provider_user'] } }, async (request, reply) => render(reply, 'offer', await offerPage(request)));
  app.post('/offers/:id', { config: { access: ['provider_user'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const response = one(body.response);
    const input = response === 'accept'
      ? { response, unitId: one(body.unitId) || null, startsOn: dateFromForm(body, 'startsOn') ?? '', oneToOneMinutesPerWeek: minutesFromHours(one(body.oneToOneHours)), weeklyPricePence: penceFrom(one(body.price), null) }
      : { response, declineReason: one(body.declineReason), declineNote: one(body.declineNote) };
    const saved = await saveOrShow(reply, () => referrals.respondToOffer(db, request.user!, params(request).id!, input as never),
      async (errors) => render(reply, 'offer', await offerPage(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = response === 'accept' ? 'Offer accepted: brokerage will confirm the placement' : 'Offer declined';
    return reply.redirect('/offers?status=all');
  });

  app.get('/provider-placements', { config: { access: ['provider_user'] } }, async (request, reply) =>
    render(reply, 'provider-placements', { title: 'People you support', placements: await placements.placementsWithProvider(db, request.user!) }));

}
