// Pages for brokerage: people and their needs, referrals and the cascade, a provider's offers,
// the vacancy list, the placements register, the summary report and the planning page. Thin:
// parse the form, call the same services as the API, render.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { parsePounds } from '../platform/domain/money.ts';
import { paginationLinks } from '../platform/domain/pagination.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { dateFromForm, dateToForm, many, minutesFromHours, one, saveOrShow, type FormBody } from '../platform/http/forms.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { zonesOf } from '../organisations/service.ts';
import { activeMemberships, brokerageSettings, placingVehicles, setBrokerageSettings } from '../procurement/market-service.ts';
import { TIER2_MODE_LABELS, TIER2_MODES } from './domain/cascade.ts';
import { NEED_BAND_LABELS, NEED_BANDS } from '../procurement/domain/vehicles.ts';
import { listProviders, parseProviderFilter } from '../providers/service.ts';
import { CASCADE_STEP_LABELS, DECLINE_REASON_LABELS, DECLINE_REASONS } from './domain/cascade.ts';
import { HOURLY_RATE_LABELS, HOURLY_RATES, SCHEME_SIZE_LABELS, SCHEME_SIZES } from './domain/prices.ts';
import {
  CLIENT_GROUP_LABELS, CLIENT_GROUPS, FEATURE_LABELS, FEATURES, FUNDING_STREAM_LABELS, FUNDING_STREAMS, NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS, PAYMENT_ROUTE_LABELS, PAYMENT_ROUTES,
  PERSON_STATUS_LABELS, TRAIT_LABELS, TRAITS, fundingDescription,
} from './domain/people.ts';
import { URGENCIES, URGENCY_LABELS } from './input.ts';
import * as people from './people-service.ts';
import * as placements from './placement-service.ts';
import * as referrals from './referral-service.ts';
import { planFromLiveData } from './planning-service.ts';
import * as schemes from './scheme-service.ts';

const REPORT_READERS: readonly Role[] = ['brokerage_officer', 'commissioner', 'finance_officer', 'auditor'];
const VACANCY_READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];

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

const params = (request: FastifyRequest) => request.params as Record<string, string>;
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>;
const pageNumber = (request: FastifyRequest) => Math.max(1, Number.parseInt(query(request).page ?? '1', 10) || 1);
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>, chosen: readonly string[] | string | undefined, kind: 'checked' | 'selected' = 'checked') =>
  keys.map((key) => ({ value: key, text: labels[key], [kind]: Array.isArray(chosen) ? chosen.includes(key) : chosen === key }));
const labels = { clientGroups: CLIENT_GROUP_LABELS, paymentRoutes: PAYMENT_ROUTE_LABELS, statuses: PERSON_STATUS_LABELS, bands: NEED_BAND_LABELS, night: NIGHT_SUPPORT_LABELS, features: FEATURE_LABELS, traits: TRAIT_LABELS, funding: FUNDING_STREAM_LABELS, steps: CASCADE_STEP_LABELS, declines: DECLINE_REASON_LABELS, referralStatuses: referrals.REFERRAL_STATUS_LABELS, urgencies: URGENCY_LABELS };

/** Money typed in pounds as pence; NaN when it is not money, so validation says so. */
const penceFrom = (text: string, blank: number | null): number | null => (text.trim() === '' ? blank : parsePounds(text) ?? Number.NaN);

export async function registerBrokerageRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const render = (reply: FastifyReply, view: string, context: { title: string } & Record<string, unknown>) => reply.page(`brokerage/views/${view}.njk`, { labels, ...context });

  // ---- People ---------------------------------------------------------------------------------
  app.get('/people', { config: { access: people.PERSON_READERS } }, async (request, reply) => {
    const search = query(request).search?.trim() ?? '';
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
    const saved = await saveOrShow(reply, () => people.recordAssessment(db, request.user!, params(request).id!, {
      assessedOn: dateFromForm(body, 'assessedOn') ?? '', assessorName: one(body.assessorName), scores, oneToOneMinutesPerWeek: minutesFromHours(one(body.oneToOneHours)),
      nightSupport: one(body.nightSupport) as never, requiredFeatures: many(body.requiredFeatures) as never[], traits: many(body.traits) as never[], avoids: many(body.avoids) as never[],
    }), async (errors) => render(reply, 'assessment-form', await assessmentForm(request, body, errors.map((error) => (error.field.startsWith('scores.') ? { ...error, field: `score-${error.field.slice(7)}` } : error)))));
    if (!saved) return reply;
    request.session.flash = 'Assessment recorded';
    return reply.redirect(`/people/${params(request).id}`);
  });

  // ---- Referrals --------------------------------------------------------------------------------
  const referralForm = async (request: FastifyRequest, values: FormBody, errors: FieldError[] = []) => {
    const record = await people.getPerson(db, request.user!, params(request).id!);
    const [zones, vehicles] = await Promise.all([zonesOf(db, record.person.organisationId), placingVehicles(db, record.person.organisationId)]);
    return {
      title: `Refer ${record.person.name} for a placement`, record, values, errors,
      vehicleItems: vehicles.map((vehicle) => ({ value: vehicle.id, text: `${vehicle.name} (${vehicle.reference})`, selected: values.vehicleId === vehicle.id })),
      zoneItems: zones.map((zone) => ({ value: zone.id, text: zone.name, checked: many(values.zoneIds).includes(zone.id) })),
      urgencyItems: options(URGENCIES, URGENCY_LABELS, one(values.urgency)), backLink: { href: `/people/${record.person.id}` },
    };
  };
  const referPath = '/people/:id/referrals/new';
  app.get(referPath, { config: { access: referrals.REFERRERS } }, async (request, reply) => {
    const record = await people.getPerson(db, request.user!, params(request).id!);
    return render(reply, 'referral-form', await referralForm(request, { zoneIds: record.person.homeZoneId ? [record.person.homeZoneId] : [], urgency: 'routine' }));
  });
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
    const offFrameworkProviders = detail.state === 'request-off-framework' ? (await listProviders(db, viewer, parseProviderFilter({ pageSize: 100 }))).items : [];
    return {
      title: `Referral for ${detail.person.name}`, detail, values, errors,
      isBroker: hasRole(viewer, 'brokerage_officer'), isCommissioner: hasRole(viewer, 'commissioner'), canWithdraw: hasRole(viewer, ...referrals.REFERRERS),
      providerItems: [{ value: '', text: 'Choose a provider' }, ...offFrameworkProviders.map((provider) => ({ value: provider.id, text: provider.name, selected: values.providerId === provider.id }))],
      choiceItems: detail.ranked.map((ranked) => ({ value: ranked.offerId, text: `${ranked.rank}. ${ranked.providerName}`, hint: { text: ranked.reason }, checked: (values.offerId ?? detail.ranked[0]?.offerId) === ranked.offerId })),
      vacancyItems: [{ value: '', text: 'Support in the person\'s own home' }, ...detail.shortlist.suitable.map((vacancy) => ({ value: vacancy.unitId, text: `${vacancy.schemeName}, ${vacancy.unitName}`, selected: values.unitId === vacancy.unitId }))],
      backLink: { href: '/referrals' },
    };
  };
  app.get('/referrals/:id', { config: { access: people.PERSON_READERS } }, async (request, reply) => render(reply, 'referral', await referralPage(request)));

  /** A form on the referral page: on success back to it with a message, else the page again with the errors. */
  const referralAction = (path: string, access: readonly Role[], run: (viewer: CurrentUser, id: string, body: FormBody) => Promise<unknown>, done: string | ((result: unknown) => string)) => {
    app.post(`/referrals/:id/${path}`, { config: { access } }, async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      let result: unknown;
      const saved = await saveOrShow(reply, async () => { result = await run(request.user!, params(request).id!, body); },
        async (errors) => render(reply, 'referral', await referralPage(request, body, errors)));
      if (!saved) return reply;
      request.session.flash = typeof done === 'string' ? done : done(result);
      const placement = (result as { id?: string; referralId?: string } | undefined);
      return reply.redirect(placement?.referralId ? `/placements/${placement.id}` : `/referrals/${params(request).id}`);
    });
  };
  referralAction('send-offers', ['brokerage_officer'], (viewer, id) => referrals.sendOffers(db, viewer, id), 'Offers sent');
  referralAction('choice', ['brokerage_officer'], (viewer, id, body) => referrals.chooseProvider(db, viewer, id, { offerId: one(body.offerId), choiceReason: one(body.choiceReason) }), 'Placement made');
  referralAction('off-framework', ['brokerage_officer'], (viewer, id, body) => referrals.requestOffFramework(db, viewer, id, { providerId: one(body.providerId), reason: one(body.reason) }), 'Sent to a commissioner for approval');
  referralAction('off-framework-decision', ['commissioner'], (viewer, id, body) => referrals.decideOffFramework(db, viewer, id, { approve: one(body.approve) === 'yes' ? true : one(body.approve) === 'no' ? false : (undefined as unknown as boolean), note: one(body.note) }), 'Decision recorded');
  referralAction('off-framework-placement', ['brokerage_officer'], (viewer, id, body) => referrals.placeOffFramework(db, viewer, id, {
    unitId: one(body.unitId) || null, startsOn: dateFromForm(body, 'startsOn') ?? '', oneToOneMinutesPerWeek: minutesFromHours(one(body.oneToOneHours)), agreedWeeklyPricePence: penceFrom(one(body.price), Number.NaN)!,
  }), 'Placement made');
  referralAction('withdraw', referrals.REFERRERS, (viewer, id, body) => referrals.withdrawReferral(db, viewer, id, { reason: one(body.reason) }), 'Referral withdrawn');

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

  // ---- Schemes: brokerage sees them all; a care provider its own, and reports vacancies and voids ---
  app.get('/schemes', { config: { access: VACANCY_READERS } }, async (request, reply) =>
    render(reply, 'schemes', { title: 'Schemes', schemes: await schemes.listSchemes(db, request.user!), canAdd: hasRole(request.user!, ...schemes.SCHEME_MANAGERS) }));

  const membershipItems = async (viewer: CurrentUser, chosen: string | undefined, except?: string | null) =>
    [{ value: '', text: 'Choose the care provider' }, ...(await activeMemberships(db, viewer.organisationId!)).filter((choice) => choice.providerId !== except)
      .map((choice) => ({ value: choice.membershipId, text: choice.label, selected: chosen === choice.membershipId }))];
  const schemeForm = async (request: FastifyRequest, values: FormBody, errors: FieldError[] = []) => ({
    title: 'Add a scheme', values, errors, membershipItems: await membershipItems(request.user!, one(values.membershipId)),
    zoneItems: [{ value: '', text: 'Choose the zone' }, ...(await zonesOf(db, request.user!.organisationId!)).map((zone) => ({ value: zone.id, text: zone.name, selected: values.zoneId === zone.id }))],
    bandItems: options(NEED_BANDS, NEED_BAND_LABELS, one(values.accommodationBand)), nightItems: options(NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS, one(values.nightCover)), backLink: { href: '/schemes' },
  });
  app.get('/schemes/new', { config: { access: schemes.SCHEME_MANAGERS } }, async (request, reply) => render(reply, 'scheme-form', await schemeForm(request, { wakingNightHours: '10' })));
  app.post('/schemes/new', { config: { access: schemes.SCHEME_MANAGERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const choice = (await activeMemberships(db, request.user!.organisationId!)).find((candidate) => candidate.membershipId === one(body.membershipId));
    let id = '';
    const saved = await saveOrShow(reply, async () => {
      id = (await schemes.createScheme(db, request.user!, {
        name: one(body.name), housingProviderName: one(body.housingProviderName), housingProviderRegistration: one(body.housingProviderRegistration), addressLine1: one(body.addressLine1),
        townCity: one(body.townCity), postcode: one(body.postcode), zoneId: one(body.zoneId), accommodationBand: one(body.accommodationBand) as never, clusterGroup: one(body.clusterGroup),
        careProviderId: choice?.providerId ?? null, membershipId: choice?.membershipId ?? null, coreMinutesPerWeek: minutesFromHours(one(body.coreHours)), nightCover: one(body.nightCover) as never,
        wakingNightMinutes: minutesFromHours(one(body.wakingNightHours)), expectedReadyOn: dateFromForm(body, 'expectedReadyOn'),
      })).scheme.id;
    }, async (errors) => render(reply, 'scheme-form', await schemeForm(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Scheme added: now add its units';
    return reply.redirect(`/schemes/${id}`);
  });
  const schemePage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const view = await schemes.getScheme(db, request.user!, params(request).id!);
    const viewer = request.user!;
    return {
      title: view.scheme.name, view, values, errors, canReport: viewer.providerId !== null || hasRole(viewer, ...schemes.SCHEME_MANAGERS),
      featureItems: options(FEATURES, FEATURE_LABELS, many(values.features)),
      occupiedItems: view.units.filter((unit) => unit.tenancy).map((unit) => ({ value: unit.unit.id, text: unit.unit.name, selected: values.unitId === unit.unit.id })),
      canTransfer: hasRole(viewer, ...schemes.SCHEME_MANAGERS) && viewer.organisationId === view.scheme.organisationId,
      transferItems: hasRole(viewer, ...schemes.SCHEME_MANAGERS) ? await membershipItems(viewer, one(values.membershipId), view.scheme.careProviderId) : [],
      backLink: { href: '/schemes' },
    };
  };
  app.get('/schemes/:id', { config: { access: VACANCY_READERS } }, async (request, reply) => render(reply, 'scheme', await schemePage(request)));
  app.post('/schemes/:id/units', { config: { access: [...schemes.SCHEME_MANAGERS, 'provider_user'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const saved = await saveOrShow(reply, () => schemes.addUnit(db, request.user!, params(request).id!, { name: one(body.name), features: many(body.features) as never[], availableFrom: dateFromForm(body, 'availableFrom') ?? '' }),
      async (errors) => render(reply, 'scheme', await schemePage(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Vacancy added to the list';
    return reply.redirect(`/schemes/${params(request).id}`);
  });
  app.post('/schemes/:id/transfer', { config: { access: schemes.SCHEME_MANAGERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const choice = (await activeMemberships(db, request.user!.organisationId!)).find((candidate) => candidate.membershipId === one(body.membershipId));
    let moved = 0;
    const saved = await saveOrShow(reply, async () => {
      moved = (await placements.transferScheme(db, request.user!, params(request).id!, {
        careProviderId: choice?.providerId ?? '', membershipId: one(body.membershipId), transferOn: dateFromForm(body, 'transferOn') ?? '', reason: one(body.transferReason),
      })).ended;
    }, async (errors) => render(reply, 'scheme', await schemePage(request, body, errors.map((error) => ({ ...error, field: error.field === 'careProviderId' ? 'membershipId' : error.field === 'reason' ? 'transferReason' : error.field })))));
    if (!saved) return reply;
    request.session.flash = `Care moved to the new provider: ${moved} placement${moved === 1 ? '' : 's'} moved with their tenancies`;
    return reply.redirect(`/schemes/${params(request).id}`);
  });
  app.post('/schemes/:id/void', { config: { access: [...schemes.SCHEME_MANAGERS, 'provider_user'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const saved = await saveOrShow(reply, () => schemes.reportVoid(db, request.user!, one(body.unitId), { endsOn: dateFromForm(body, 'endsOn') ?? '', reason: one(body.reason) as never }),
      async (errors) => render(reply, 'scheme', await schemePage(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Void reported: the unit is on the vacancy list';
    return reply.redirect(`/schemes/${params(request).id}`);
  });

  // ---- Rate cards: read by brokerage and social workers, set by commissioners and finance -------
  const RATE_READERS: readonly Role[] = [...REPORT_READERS, 'social_worker'];
  const RATE_SETTERS: readonly Role[] = ['commissioner', 'finance_officer'];
  const rateCardPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const cards = await placements.rateCards(db, request.user!, params(request).id!);
    return {
      title: 'Rate cards', cards, values, errors, bands: NEED_BANDS, sizes: SCHEME_SIZES, hourlyRates: HOURLY_RATES, sizeLabels: SCHEME_SIZE_LABELS, hourlyLabels: HOURLY_RATE_LABELS,
      canSet: hasRole(request.user!, ...RATE_SETTERS), backLink: { href: `/vehicles/${params(request).id}` },
    };
  };
  app.get('/vehicles/:id/rate-cards', { config: { access: RATE_READERS } }, async (request, reply) => render(reply, 'rate-cards', await rateCardPage(request)));
  app.post('/vehicles/:id/rate-cards', { config: { access: RATE_SETTERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    // A blank weekly rate is left out of the card; a blank hourly rate is refused by validation.
    const weekly = Object.fromEntries(NEED_BANDS.map((band) => [band, Object.fromEntries(SCHEME_SIZES.flatMap((size) => {
      const text = one(body[`weekly-${band}-${size}`]);
      return text.trim() === '' ? [] : [[size, penceFrom(text, null)]];
    }))]));
    const hourly = Object.fromEntries(HOURLY_RATES.map((rate) => [rate, penceFrom(one(body[`hourly-${rate}`]), null)]));
    const saved = await saveOrShow(reply, () => placements.createRateCard(db, request.user!, params(request).id!, { effectiveFrom: dateFromForm(body, 'effectiveFrom') ?? '', weekly, hourly } as never),
      async (errors) => render(reply, 'rate-cards', await rateCardPage(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Rate card added';
    return reply.redirect(`/vehicles/${params(request).id}/rate-cards`);
  });

  // ---- How offers are made on a vehicle: days to answer, the Tier 2 rule, the ranking rule -------
  const settingsPage = async (request: FastifyRequest, values?: FormBody, errors: FieldError[] = []) => {
    const current = await brokerageSettings(db, request.user!, params(request).id!);
    const { settings } = current;
    const shown: FormBody = values ?? {
      offerResponseWorkingDays: String(settings.offerResponseWorkingDays), tier2Mode: settings.tier2Mode, rankingRule: settings.ranking.rule,
      rankingQualityPercent: settings.ranking.rule === 'quality-price' ? String(settings.ranking.qualityPercent) : '60',
    };
    return {
      title: `How offers are made: ${current.vehicleName}`, current, values: shown, errors,
      tier2Items: options(TIER2_MODES, TIER2_MODE_LABELS, one(shown.tier2Mode)),
      rankingItems: [{ value: 'tier-rank', text: 'By tier, then quality score, then price', checked: shown.rankingRule === 'tier-rank' }, { value: 'quality-price', text: 'By a quality and price weighting', checked: shown.rankingRule === 'quality-price' }],
      backLink: { href: `/vehicles/${params(request).id}` },
    };
  };
  app.get('/vehicles/:id/brokerage-settings', { config: { access: ANY_STAFF } }, async (request, reply) => render(reply, 'brokerage-settings', await settingsPage(request)));
  app.post('/vehicles/:id/brokerage-settings', { config: { access: ['commissioner', 'administrator'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
    const saved = await saveOrShow(reply, () => setBrokerageSettings(db, request.user!, params(request).id!, {
      offerResponseWorkingDays: number(one(body.offerResponseWorkingDays)), tier2Mode: one(body.tier2Mode) as never, rankingRule: one(body.rankingRule) as never,
      rankingQualityPercent: one(body.rankingRule) === 'quality-price' ? number(one(body.rankingQualityPercent)) : null,
    }), async (errors) => render(reply, 'brokerage-settings', await settingsPage(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Settings saved: they apply to offers sent from now on';
    return reply.redirect(`/vehicles/${params(request).id}/brokerage-settings`);
  });

  // ---- Embargoes on new placements ----------------------------------------------------------------
  const EMBARGO_SETTERS: readonly Role[] = ['commissioner', 'quality_officer'];
  const embargoPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const [embargoes, providers] = await Promise.all([placements.listEmbargoes(db, request.user!), listProviders(db, request.user!, parseProviderFilter({ pageSize: 100 }))]);
    return {
      title: 'Embargoes on new placements', embargoes, values, errors,
      providerItems: [{ value: '', text: 'Choose a provider' }, ...providers.items.map((provider) => ({ value: provider.id, text: provider.name, selected: values.providerId === provider.id }))],
    };
  };
  app.get('/embargoes', { config: { access: EMBARGO_SETTERS } }, async (request, reply) => {
    const values: FormBody = {};
    dateToForm(values, 'startsOn', isoDateInLondon(new Date()));
    return render(reply, 'embargoes', await embargoPage(request, values));
  });
  app.post('/embargoes', { config: { access: EMBARGO_SETTERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const saved = await saveOrShow(reply, () => placements.placeEmbargo(db, request.user!, { providerId: one(body.providerId), reason: one(body.reason), startsOn: dateFromForm(body, 'startsOn') ?? '' }),
      async (errors) => render(reply, 'embargoes', await embargoPage(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Embargo placed: the provider will not be offered new work';
    return reply.redirect('/embargoes');
  });
  app.post('/embargoes/:id/lift', { config: { access: EMBARGO_SETTERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const saved = await saveOrShow(reply, () => placements.liftEmbargo(db, request.user!, params(request).id!, { reason: one(body.liftReason) }),
      async (errors) => render(reply, 'embargoes', await embargoPage(request, body, errors.map((error) => ({ ...error, field: error.field === 'reason' ? `liftReason-${params(request).id}` : error.field })))));
    if (!saved) return reply;
    request.session.flash = 'Embargo lifted';
    return reply.redirect('/embargoes');
  });

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
