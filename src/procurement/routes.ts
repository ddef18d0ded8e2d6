// Pages for procurement vehicles: the list, a vehicle's summary, setting one up and changing it,
// its lots, and moving it through its life.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { NATIONS } from '../platform/domain/calendar.ts';
import { formatPence, parsePounds } from '../platform/domain/money.ts';
import { paginationLinks } from '../platform/domain/pagination.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { HttpError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { dateFromForm, dateToForm, formErrors, many, one, type FormBody } from '../platform/http/forms.ts';
import { zonesOf } from '../organisations/service.ts';
import { ALLOCATION_RULES } from './domain/tier-allocation.ts';
import {
  DEFAULT_PIPELINE, LOT_SERVICE_TYPE_LABELS, LOT_SERVICE_TYPES, NEED_BAND_LABELS, NEED_BANDS, REGIME_LABELS, REGIMES, STAGE_LABELS, STAGES,
  VEHICLE_KIND_LABELS, VEHICLE_KINDS, VEHICLE_STATUS_LABELS, VEHICLE_STATUSES, type VehicleStatus,
} from './domain/vehicles.ts';
import type { VehicleInput } from './input.ts';
import * as service from './service.ts';
import { procurementSight } from './domain/procurement-sight.ts';
import { listApplications } from './application-service.ts';
import { answerClarification, askClarification, listClarifications } from './clarification-service.ts';
import { vehicleOcds } from './ocds-service.ts';

const READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];
const MANAGERS: readonly Role[] = ['commissioner', 'administrator'];

export const procurementNavigation: NavigationItem[] = [
  { text: 'Procurement', href: '/vehicles', access: READERS },
];

const DATE_FIELDS = ['advertOn', 'clarificationDeadline', 'submissionDeadline', 'awardOn', 'contractStartOn', 'contractEndOn'] as const;
const PARTNER_SLOTS = 2;

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text.trim()));

/** The form's fields as the vehicle input, and the problems only the form can have (a value that is not money). */
function vehicleFromForm(body: FormBody): { input: VehicleInput; formProblems: FieldError[] } {
  const formProblems: FieldError[] = [];
  const valueText = one(body.value).trim();
  const valuePence = valueText ? parsePounds(valueText) : null;
  if (valueText && valuePence === null) formProblems.push({ field: 'value', message: 'Enter the value in pounds, like £28,900,000' });
  const zoneIds = many(body.zoneIds);
  const partners = Array.from({ length: PARTNER_SLOTS }, (_, i) => ({ organisation: one(body[`partner${i}Organisation`]).trim(), share: one(body[`partner${i}Share`]).trim() }))
    .filter((partner) => partner.organisation || partner.share)
    .map((partner) => ({ organisation: partner.organisation, fundingSharePercent: numberOrNull(partner.share) as number }));
  return {
    formProblems,
    input: {
      reference: one(body.reference),
      name: one(body.name),
      description: one(body.description),
      kind: one(body.kind) as VehicleInput['kind'],
      regime: one(body.regime) as VehicleInput['regime'],
      valuePence,
      ...Object.fromEntries(DATE_FIELDS.map((field) => [field, dateFromForm(body, field)])),
      extensionOptions: one(body.extensionOptions),
      nation: (one(body.nation) || 'england-and-wales') as VehicleInput['nation'],
      stages: many(body.stages) as VehicleInput['stages'],
      pricesFixed: one(body.pricesFixed) === 'yes',
      qualityWeightPercent: numberOrNull(one(body.qualityWeightPercent)) as number,
      scoreScaleMax: numberOrNull(one(body.scoreScaleMax)) as number,
      tiered: one(body.tiered) === 'yes',
      maxTier1ZonesPerProvider: numberOrNull(one(body.maxTier1ZonesPerProvider)),
      qualityThreshold: numberOrNull(one(body.qualityThreshold)),
      allocationRule: (one(body.allocationRule) || null) as VehicleInput['allocationRule'],
      zones: zoneIds.map((zoneId) => ({ zoneId, tier1Places: numberOrNull(one(body[`tier1Places-${zoneId}`])) })),
      requiredDocuments: one(body.requiredDocuments).split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
      partners,
    },
  };
}

/** Field names in errors as the form names its inputs. */
function formFieldErrors(errors: readonly FieldError[], zoneIds: readonly string[]): FieldError[] {
  return errors.map((error) => {
    const zone = /^zones\.(\d+)\.tier1Places$/.exec(error.field);
    if (zone) return { ...error, field: `tier1Places-${zoneIds[Number(zone[1])]}` };
    const partner = /^partners\.(\d+)\.(organisation|fundingSharePercent)$/.exec(error.field);
    if (partner) return { ...error, field: `partner${partner[1]}${partner[2] === 'organisation' ? 'Organisation' : 'Share'}` };
    if (error.field === 'valuePence') return { ...error, field: 'value' };
    if (error.field.startsWith('zones')) return { ...error, field: 'zoneIds' };
    if (error.field.startsWith('partners')) return { ...error, field: 'partner0Organisation' };
    if (error.field.startsWith('requiredDocuments')) return { ...error, field: 'requiredDocuments' };
    return error;
  });
}

/** Form values from a stored vehicle, for the edit page. */
function formValues(detail: service.VehicleDetail): FormBody {
  const { vehicle } = detail;
  const values: FormBody = {
    reference: vehicle.reference, name: vehicle.name, description: vehicle.description ?? '', kind: vehicle.kind, regime: vehicle.regime,
    value: vehicle.valuePence === null ? '' : formatPence(vehicle.valuePence), extensionOptions: vehicle.extensionOptions ?? '', nation: vehicle.nation,
    stages: vehicle.stages, pricesFixed: vehicle.pricesFixed ? 'yes' : 'no', qualityWeightPercent: String(vehicle.qualityWeightPercent),
    scoreScaleMax: String(vehicle.scoreScaleMax), tiered: vehicle.tiered ? 'yes' : 'no',
    maxTier1ZonesPerProvider: vehicle.maxTier1ZonesPerProvider?.toString() ?? '', qualityThreshold: vehicle.qualityThreshold?.toString() ?? '',
    allocationRule: vehicle.allocationRule ?? '', zoneIds: detail.zones.map((zone) => zone.zoneId),
    requiredDocuments: vehicle.requiredDocuments.join('\n'),
  };
  for (const field of DATE_FIELDS) dateToForm(values, field, vehicle[field]);
  for (const zone of detail.zones) values[`tier1Places-${zone.zoneId}`] = zone.tier1Places?.toString() ?? '';
  detail.partners.forEach((partner, i) => {
    values[`partner${i}Organisation`] = partner.code;
    values[`partner${i}Share`] = String(partner.fundingSharePercent);
  });
  return values;
}

/** Radio or checkbox items, with those the form holds checked. */
const choices = <T extends string>(values: readonly T[], labels: Record<T, string>, chosen: string | string[] | undefined) =>
  values.map((value) => ({ value, text: labels[value], checked: many(chosen).includes(value) }));
const NATION_LABELS = { 'england-and-wales': 'England and Wales', scotland: 'Scotland', 'northern-ireland': 'Northern Ireland' } as const;
const RULE_LABELS = {
  'coverage-then-score': 'Coverage then score: fill the most Tier 1 places, then the highest total score',
  'rank-order': 'Rank order: highest scores first, while the zone has room and the provider is under the cap',
} as const;

export async function registerProcurementRoutes(app: FastifyInstance, db: Db, settings: { ocidPrefix: string }): Promise<void> {
  const formPage = async (organisationId: string, title: string, action: string, values: FormBody, errors: FieldError[] = []) => formContext(await zonesOf(db, organisationId), title, action, values, errors);
  const formContext = (zones: { id: string; name: string }[], title: string, action: string, values: FormBody, errors: FieldError[]) => ({
    title,
    action,
    values,
    errors: formFieldErrors(errors, many(values.zoneIds)),
    zones,
    zoneItems: zones.map((zone) => ({ value: zone.id, text: zone.name, checked: many(values.zoneIds).includes(zone.id) })),
    kindItems: choices(VEHICLE_KINDS, VEHICLE_KIND_LABELS, values.kind),
    regimeItems: choices(REGIMES, REGIME_LABELS, values.regime),
    stageItems: choices(STAGES, STAGE_LABELS, values.stages),
    nationItems: NATIONS.map((nation) => ({ value: nation, text: NATION_LABELS[nation], selected: values.nation === nation })),
    ruleItems: choices(ALLOCATION_RULES, RULE_LABELS, values.allocationRule),
  });

  async function saveForm(reply: FastifyReply, body: FormBody, organisationId: string, title: string, action: string, save: (input: VehicleInput) => Promise<service.VehicleDetail>) {
    const { input, formProblems } = vehicleFromForm(body);
    try {
      if (formProblems.length > 0) throw new ValidationError(formProblems);
      return await save(input);
    } catch (error) {
      const errors = [...formProblems, ...formErrors(error).filter((e) => !formProblems.some((p) => p.field === e.field))];
      await reply.page('procurement/views/vehicle-form.njk', await formPage(organisationId, title, action, body, errors), 400);
      return undefined;
    }
  }

  app.get('/vehicles', { config: { access: READERS } }, async (request, reply) => {
    const filter = service.parseVehicleFilter(request.query);
    const page = await service.listVehicles(db, request.user!, filter);
    const query = (n: number) => {
      const params = new URLSearchParams();
      if (filter.search) params.set('search', filter.search);
      if (filter.status) params.set('status', filter.status);
      params.set('page', String(n));
      return `/vehicles?${params}`;
    };
    return reply.page('procurement/views/vehicles.njk', {
      title: request.user!.providerId ? 'Open opportunities' : 'Procurement vehicles',
      filter,
      page,
      pagination: paginationLinks(page, query),
      canCreate: MANAGERS.some((role) => request.user!.roles.includes(role)),
      statusItems: [{ value: '', text: 'Any status' }, ...VEHICLE_STATUSES.map((status) => ({ value: status, text: VEHICLE_STATUS_LABELS[status], selected: filter.status === status }))],
      kindLabels: VEHICLE_KIND_LABELS,
      statusLabels: VEHICLE_STATUS_LABELS,
      formatPence,
    });
  });

  app.get('/vehicles/new', { config: { access: MANAGERS } }, async (request, reply) =>
    reply.page('procurement/views/vehicle-form.njk', await formPage(request.user!.organisationId!, 'Set up a procurement vehicle', '/vehicles/new', {
      stages: [...DEFAULT_PIPELINE], pricesFixed: 'yes', qualityWeightPercent: '100', scoreScaleMax: '5', tiered: 'no', nation: 'england-and-wales',
    })));

  app.post('/vehicles/new', { config: { access: MANAGERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const saved = await saveForm(reply, body, request.user!.organisationId!, 'Set up a procurement vehicle', '/vehicles/new', (input) => service.createVehicle(db, request.user!, input));
    if (!saved) return reply;
    request.session.flash = `${saved.vehicle.name} has been set up as a draft. Next, set its lots.`;
    return reply.redirect(`/vehicles/${saved.vehicle.id}`);
  });

  const vehiclePage = (detail: service.VehicleDetail, isStaff: boolean, extra: Record<string, unknown> = {}) => ({
    title: detail.vehicle.name,
    ...detail,
    kindLabel: VEHICLE_KIND_LABELS[detail.vehicle.kind as keyof typeof VEHICLE_KIND_LABELS],
    regimeLabel: REGIME_LABELS[detail.vehicle.regime as keyof typeof REGIME_LABELS],
    statusLabel: VEHICLE_STATUS_LABELS[detail.vehicle.status as VehicleStatus],
    stageLabels: detail.vehicle.stages.map((stage) => STAGE_LABELS[stage as keyof typeof STAGE_LABELS]),
    statusItems: detail.nextStatuses.map((status) => ({ value: status, text: VEHICLE_STATUS_LABELS[status] })),
    value: detail.vehicle.valuePence === null ? null : formatPence(detail.vehicle.valuePence),
    fundingText: [`${detail.lead.name} ${detail.leadFundingSharePercent}%`, ...detail.partners.map((partner) => `${partner.name} ${partner.fundingSharePercent}%`)].join(', '),
    needBandLabels: NEED_BAND_LABELS,
    serviceTypeLabels: LOT_SERVICE_TYPE_LABELS,
    isStaff,
    backLink: { href: '/vehicles', text: 'All vehicles' },
    ...extra,
  });

  /** The vehicle's other pages for its staff; its evaluation only for those who run the tender. */
  const staffLinks = (vehicle: service.VehicleDetail['vehicle'], runsTender: boolean) => {
    const href = (page: string) => `/vehicles/${vehicle.id}/${page}`;
    return [
      ...(runsTender ? [{ href: href('evaluation'), text: 'Evaluation' }, ...(vehicle.tiered ? [{ href: href('tiers'), text: 'Tier allocation' }] : []), { href: href('award'), text: 'Award' }] : []),
      ...(vehicle.status !== 'draft' ? [{ href: href('ocds.json'), text: 'Open data (OCDS JSON)' }] : []),
      { href: href('rate-cards'), text: 'Rate cards' },
      { href: href('brokerage-settings'), text: 'How offers are made' },
      { href: `/history/vehicle/${vehicle.id}`, text: 'History of changes' },
    ];
  };

  app.get('/vehicles/:id', { config: { access: READERS } }, async (request, reply) => {
    const detail = await service.getVehicle(db, request.user!, (request.params as { id: string }).id);
    return reply.page('procurement/views/vehicle.njk', await vehiclePageFor(request, detail));
  });

  const vehiclePageFor = async (request: FastifyRequest, detail: service.VehicleDetail, extra: Record<string, unknown> = {}) => {
    const user = request.user!;
    const mine = user.providerId ? (await listApplications(db, user, { vehicleId: detail.vehicle.id, page: 1, pageSize: 1 })).items[0] : undefined;
    return vehiclePage(detail, user.organisationId !== null, {
      myApplication: mine,
      canApply: user.providerId !== null && detail.acceptingApplications,
      clarifications: await listClarifications(db, user, detail.vehicle.id),
      canAsk: user.providerId !== null && detail.acceptingApplications,
      staffLinks: user.organisationId !== null ? staffLinks(detail.vehicle, procurementSight(user.roles, null).applicants) : [],
      ...extra,
    });
  };

  for (const [path, save] of [
    ['clarifications', (request: FastifyRequest, id: string, body: FormBody) => askClarification(db, request.user!, id, { question: one(body.question) })],
    ['clarifications/:clarificationId', (request: FastifyRequest, id: string, body: FormBody) =>
      answerClarification(db, request.user!, id, (request.params as { clarificationId: string }).clarificationId, { answer: one(body[`answer-${(request.params as { clarificationId: string }).clarificationId}`]) })],
  ] as const) {
    app.post(`/vehicles/:id/${path}`, { config: { access: READERS } }, async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const body = (request.body ?? {}) as FormBody;
      try {
        await save(request, id, body);
        request.session.flash = path === 'clarifications' ? 'Your question has been sent; its answer will be published to every applicant' : 'The answer has been published to every applicant';
        return reply.redirect(`/vehicles/${id}#clarifications`);
      } catch (error) {
        const clarificationId = (request.params as { clarificationId?: string }).clarificationId;
        const errors = formErrors(error).map((e) => ({ ...e, field: clarificationId ? `answer-${clarificationId}` : e.field }));
        return reply.page('procurement/views/vehicle.njk', await vehiclePageFor(request, await service.getVehicle(db, request.user!, id), { errors, values: body }), 400);
      }
    });
  }

  const manageable = async (request: { user?: CurrentUser | null; params: unknown }) => {
    const detail = await service.getVehicle(db, request.user!, (request.params as { id: string }).id);
    if (!detail.canManage) throw new HttpError(403, 'Forbidden', 'Only the lead organisation\'s commissioners and administrators may change this vehicle.');
    return detail;
  };

  app.get('/vehicles/:id/edit', { config: { access: MANAGERS } }, async (request, reply) => {
    const detail = await manageable(request);
    const id = detail.vehicle.id;
    return reply.page('procurement/views/vehicle-form.njk', { ...await formPage(detail.vehicle.organisationId, `Change ${detail.vehicle.name}`, `/vehicles/${id}/edit`, formValues(detail)), backLink: { href: `/vehicles/${id}` } });
  });

  app.post('/vehicles/:id/edit', { config: { access: MANAGERS } }, async (request, reply) => {
    const detail = await manageable(request);
    const id = detail.vehicle.id;
    const saved = await saveForm(reply, (request.body ?? {}) as FormBody, detail.vehicle.organisationId, `Change ${detail.vehicle.name}`, `/vehicles/${id}/edit`,
      (input) => service.updateVehicle(db, request.user!, id, input));
    if (!saved) return reply;
    request.session.flash = 'Your changes have been saved';
    return reply.redirect(`/vehicles/${id}`);
  });

  const lotsPage = (detail: service.VehicleDetail, values: FormBody, errors: FieldError[] = []) => ({
    title: `Lots of ${detail.vehicle.name}`,
    detail,
    values,
    errors,
    zoneItems: detail.zones.map((zone) => ({ value: zone.zoneId, text: zone.name, checked: many(values.zoneIds).includes(zone.zoneId) })),
    bandItems: NEED_BANDS.map((band) => ({ value: band, text: NEED_BAND_LABELS[band], checked: many(values.needBands).includes(band) })),
    serviceItems: LOT_SERVICE_TYPES.map((type) => ({ value: type, text: LOT_SERVICE_TYPE_LABELS[type], checked: many(values.serviceTypes).includes(type) })),
    backLink: { href: `/vehicles/${detail.vehicle.id}` },
  });

  app.get('/vehicles/:id/lots', { config: { access: MANAGERS } }, async (request, reply) => {
    const detail = await manageable(request);
    return reply.page('procurement/views/lots.njk', lotsPage(detail, {
      zoneIds: [...new Set(detail.lots.map((lot) => lot.zoneId))],
      needBands: [...new Set(detail.lots.map((lot) => lot.needBand))],
      serviceTypes: [...new Set(detail.lots.map((lot) => lot.serviceType))],
    }));
  });

  app.post('/vehicles/:id/lots', { config: { access: MANAGERS } }, async (request, reply) => {
    const detail = await manageable(request);
    const body = (request.body ?? {}) as FormBody;
    try {
      const saved = await service.setLots(db, request.user!, detail.vehicle.id, {
        zoneIds: many(body.zoneIds), needBands: many(body.needBands) as never[], serviceTypes: many(body.serviceTypes) as never[],
      });
      request.session.flash = `${saved.lots.length} lots set`;
      return reply.redirect(`/vehicles/${detail.vehicle.id}`);
    } catch (error) {
      const errors = formErrors(error).map((e) => ({ ...e, field: e.field.replace(/\.\d+$/, '') }));
      return reply.page('procurement/views/lots.njk', lotsPage(detail, body, errors), 400);
    }
  });

  // The open data as a download from the vehicle's page (the API serves the same to tokens).
  app.get('/vehicles/:id/ocds.json', { config: { access: READERS } }, async (request, reply) => {
    const data = await vehicleOcds(db, request.user!, (request.params as { id: string }).id, { ocidPrefix: settings.ocidPrefix, uri: `${request.protocol}://${request.host}${request.url}` });
    return reply.type('application/json').header('content-disposition', `attachment; filename="${data.releases[0]!.tender.id}-ocds.json"`).send(data);
  });

  app.post('/vehicles/:id/status', { config: { access: MANAGERS } }, async (request, reply) => {
    const detail = await manageable(request);
    const body = (request.body ?? {}) as FormBody;
    try {
      const saved = await service.changeVehicleStatus(db, request.user!, detail.vehicle.id, { status: one(body.status), reason: one(body.reason) });
      request.session.flash = `${saved.vehicle.name} is now ${VEHICLE_STATUS_LABELS[saved.vehicle.status as VehicleStatus].toLowerCase()}`;
      return reply.redirect(`/vehicles/${detail.vehicle.id}`);
    } catch (error) {
      return reply.page('procurement/views/vehicle.njk', await vehiclePageFor(request, detail, { errors: formErrors(error) }), 400);
    }
  });
}
