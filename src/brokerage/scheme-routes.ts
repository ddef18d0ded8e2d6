// Pages for schemes and their vacancies and voids, rate cards, how offers are made on a vehicle,
// and embargoes. Thin: parse the form, call the same services as the API, render.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { dateFromForm, dateToForm, many, minutesFromHours, one, saveOrShow, type FormBody } from '../platform/http/forms.ts';
import { zonesOf } from '../organisations/service.ts';
import { getVehicle } from '../procurement/service.ts';
import { activeMemberships, brokerageSettings, setBrokerageSettings } from '../procurement/market-service.ts';
import { TIER2_MODE_LABELS, TIER2_MODES } from './domain/cascade.ts';
import { NEED_BAND_LABELS, NEED_BANDS } from '../procurement/domain/vehicles.ts';
import { listProviders, parseProviderFilter } from '../providers/service.ts';
import { HOURLY_RATE_LABELS, HOURLY_RATES, SCHEME_SIZE_LABELS, SCHEME_SIZES } from './domain/prices.ts';
import { FEATURE_LABELS, FEATURES, NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS } from './domain/people.ts';
import * as placements from './placement-service.ts';
import * as schemes from './scheme-service.ts';
import { options, params, penceFrom, render, REPORT_READERS, VACANCY_READERS } from './page-helpers.ts';

export async function registerSchemeRoutes(app: FastifyInstance, db: Db): Promise<void> {
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
    const [cards, vehicle] = await Promise.all([placements.rateCards(db, request.user!, params(request).id!), getVehicle(db, request.user!, params(request).id!)]);
    return {
      title: `Rate cards: ${vehicle.vehicle.name}`, cards, values, errors, bands: NEED_BANDS, sizes: SCHEME_SIZES, hourlyRates: HOURLY_RATES, sizeLabels: SCHEME_SIZE_LABELS, hourlyLabels: HOURLY_RATE_LABELS,
      lotTitles: Object.fromEntries(vehicle.lots.map((lot) => [lot.id, lot.title])),
      lotItems: [{ value: '', text: 'Every lot without a card of its own' }, ...vehicle.lots.map((lot) => ({ value: lot.id, text: lot.title, selected: values.lotId === lot.id }))],
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
    const saved = await saveOrShow(reply, () => placements.createRateCard(db, request.user!, params(request).id!, { lotId: one(body.lotId) || null, effectiveFrom: dateFromForm(body, 'effectiveFrom') ?? '', weekly, hourly } as never),
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

}
