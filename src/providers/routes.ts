// Pages of the provider registry: search and filter, a provider and its services, create and
// edit forms, and the administrators' CQC import.
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { Db } from '../platform/db/client.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import { paginationLinks } from '../platform/domain/pagination.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { ForbiddenError, HttpError, type FieldError } from '../platform/http/errors.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { codeLabel, ratingLabel, RATING_LABELS, SERVICE_TYPES, SPECIALISMS, vocabularyOptions } from './domain/cqc-vocabulary.ts';
import { importCqcFiles, type ImportFile } from './cqc-import.ts';
import { OWNERSHIP_TYPES, type ProviderInput } from './input.ts';
import * as service from './service.ts';

const READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];

export const providerNavigation: NavigationItem[] = [
  { text: 'Providers', href: '/providers', access: READERS },
  { text: 'Import CQC data', href: '/admin/import-cqc', access: ['administrator'] },
];

type FormBody = Record<string, string | undefined>;

/** The form's flat fields as the provider input; the form edits the first (main) contact. */
function providerFromForm(body: FormBody, otherContacts: ProviderInput['contacts'] = []): ProviderInput {
  const contactFields = [body.contactName, body.contactRole, body.contactEmail, body.contactPhone];
  const mainContact = contactFields.some((value) => value?.trim())
    ? [{ name: body.contactName ?? '', role: body.contactRole, email: body.contactEmail, phone: body.contactPhone }]
    : [];
  return {
    name: body.name ?? '',
    companiesHouseNumber: body.companiesHouseNumber,
    cqcProviderId: body.cqcProviderId,
    ownershipType: (body.ownershipType || null) as ProviderInput['ownershipType'],
    isSme: body.isSme === 'yes',
    isVcse: body.isVcse === 'yes',
    addressLine1: body.addressLine1,
    addressLine2: body.addressLine2,
    townCity: body.townCity,
    county: body.county,
    postcode: body.postcode,
    phone: body.phone,
    website: body.website,
    email: body.email,
    contacts: [...mainContact, ...(otherContacts ?? [])],
  };
}

const CONTACT_FIELDS: Record<string, string> = { 'contacts.0.name': 'contactName', 'contacts.0.role': 'contactRole', 'contacts.0.email': 'contactEmail', 'contacts.0.phone': 'contactPhone' };
const formFieldErrors = (errors: FieldError[]) => errors.map((error) => ({ ...error, field: CONTACT_FIELDS[error.field] ?? error.field }));

function formContext(title: string, action: string, values: Record<string, unknown>, errors: FieldError[] = []) {
  return {
    title,
    action,
    values,
    errors: formFieldErrors(errors),
    ownershipItems: [{ value: '', text: 'Not known' }, ...OWNERSHIP_TYPES.map((type) => ({ value: type, text: type, selected: values.ownershipType === type }))],
  };
}

function providerFormValues(detail: service.ProviderDetail): Record<string, unknown> {
  const contact = detail.contacts[0];
  return { ...detail.provider, isSme: detail.provider.isSme ? 'yes' : undefined, isVcse: detail.provider.isVcse ? 'yes' : undefined,
    contactName: contact?.name, contactRole: contact?.role, contactEmail: contact?.email, contactPhone: contact?.phone };
}

async function renderFormError(reply: FastifyReply, error: unknown, context: () => Record<string, unknown> & { title: string }) {
  if (error instanceof HttpError && (error.status === 422 || error.status === 409)) {
    return reply.page('providers/views/provider-form.njk', { ...context(), errors: formFieldErrors(error.fieldErrors) }, 400);
  }
  throw error;
}

export async function registerProviderRoutes(app: FastifyInstance, db: Db): Promise<void> {
  app.get('/providers', { config: { access: READERS } }, async (request, reply) => {
    const filter = service.parseProviderFilter(request.query);
    const page = await service.listProviders(db, request.user!, filter);
    const query = (n: number) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries({ search: filter.search, serviceType: filter.serviceType, rating: filter.rating, localAuthority: filter.localAuthority })) {
        if (value) params.set(key, value);
      }
      params.set('page', String(n));
      return `/providers?${params}`;
    };
    const option = (selected: string | undefined) => (item: { value: string; text: string }) => ({ ...item, selected: item.value === selected });
    return reply.page('providers/views/list.njk', {
      title: 'Providers',
      filter,
      page,
      pagination: paginationLinks(page, query),
      canCreate: request.user!.roles.some((role) => role === 'administrator' || role === 'commissioner'),
      serviceTypeItems: [{ value: '', text: 'Any service type' }, ...vocabularyOptions(SERVICE_TYPES).map(option(filter.serviceType))],
      ratingItems: [{ value: '', text: 'Any rating' }, ...Object.entries(RATING_LABELS).map(([value, text]) => option(filter.rating)({ value, text }))],
      localAuthorityItems: [{ value: '', text: 'Any local authority' }, ...(await service.localAuthorityOptions(db)).map(option(filter.localAuthority))],
    });
  });

  app.get('/providers/new', { config: { access: ['administrator', 'commissioner'] } }, async (_request, reply) =>
    reply.page('providers/views/provider-form.njk', formContext('Add a provider', '/providers/new', {})));

  app.post('/providers/new', { config: { access: ['administrator', 'commissioner'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    try {
      const created = await service.createProvider(db, request.user!, providerFromForm(body));
      request.session.flash = `${created.provider.name} has been added`;
      return reply.redirect(`/providers/${created.provider.id}`);
    } catch (error) {
      return renderFormError(reply, error, () => formContext('Add a provider', '/providers/new', body));
    }
  });

  app.get('/providers/:id', { config: { access: READERS } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const detail = await service.getProvider(db, request.user!, id);
    return reply.page('providers/views/provider.njk', {
      title: detail.provider.name,
      ...detail,
      canEdit: service.canEditProvider(request.user!, id),
      locations: detail.locations.map((location) => ({
        ...location,
        ratingText: ratingLabel(location.overallRating),
        serviceTypeText: location.serviceTypes.map((code) => codeLabel(SERVICE_TYPES, code)).join(', '),
      })),
      backLink: { href: '/providers', text: 'All providers' },
    });
  });

  const editable = async (user: CurrentUser, id: string) => {
    const detail = await service.getProvider(db, user, id);
    if (!service.canEditProvider(user, id)) throw new ForbiddenError('Only administrators, commissioners and the provider\'s own users may edit a provider.');
    return detail;
  };

  app.get('/providers/:id/edit', { config: { access: READERS } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const detail = await editable(request.user!, id);
    return reply.page('providers/views/provider-form.njk', { ...formContext(`Edit ${detail.provider.name}`, `/providers/${id}/edit`, providerFormValues(detail)), backLink: { href: `/providers/${id}` } });
  });

  app.post('/providers/:id/edit', { config: { access: READERS } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const detail = await editable(request.user!, id);
    const body = (request.body ?? {}) as FormBody;
    try {
      await service.updateProvider(db, request.user!, id, providerFromForm(body, detail.contacts.slice(1)));
      request.session.flash = 'Your changes have been saved';
      return reply.redirect(`/providers/${id}`);
    } catch (error) {
      return renderFormError(reply, error, () => ({ ...formContext(`Edit ${detail.provider.name}`, `/providers/${id}/edit`, body), backLink: { href: `/providers/${id}` } }));
    }
  });

  app.get('/providers/:id/locations/:locationId', { config: { access: READERS } }, async (request, reply) => {
    const { id, locationId } = request.params as { id: string; locationId: string };
    const { provider, location } = await service.getLocation(db, request.user!, id, locationId);
    return reply.page('providers/views/location.njk', {
      title: location.name,
      provider,
      location,
      ratings: [
        ['Overall', location.overallRating], ['Safe', location.safeRating], ['Effective', location.effectiveRating],
        ['Caring', location.caringRating], ['Responsive', location.responsiveRating], ['Well-led', location.wellLedRating],
      ].map(([question, rating]) => ({ question, text: ratingLabel(rating ?? null) })),
      serviceTypes: location.serviceTypes.map((code) => codeLabel(SERVICE_TYPES, code)),
      specialisms: location.specialisms.map((code) => codeLabel(SPECIALISMS, code)),
      backLink: { href: `/providers/${provider.id}`, text: `Back to ${provider.name}` },
    });
  });

  // The import page takes files, so it has its own multipart parser; all other forms are urlencoded.
  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { attachFieldsToBody: true, limits: { fileSize: 60 * 1024 * 1024, files: 5000 } });
    const importPage = { title: 'Import CQC data', awaiting: () => service.countLocationsAwaitingProvider(db) };
    scoped.get('/admin/import-cqc', { config: { access: ['administrator'] } }, async (_request, reply) =>
      reply.page('providers/views/import.njk', { ...importPage, awaiting: await importPage.awaiting() }));
    scoped.post('/admin/import-cqc', { config: { access: ['administrator'] } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, MultipartFile | MultipartFile[] | undefined>;
      const uploads = [body.file ?? []].flat().filter((part) => part.type === 'file' && part.filename);
      const files: ImportFile[] = await Promise.all(uploads.map(async (part) => ({ name: part.filename, content: await part.toBuffer() })));
      try {
        const summary = await importCqcFiles(db, actorOf(request.user!), files);
        return reply.page('providers/views/import.njk', { ...importPage, summary, awaiting: await importPage.awaiting() });
      } catch (error) {
        if (!(error instanceof HttpError) || error.status !== 422) throw error;
        return reply.page('providers/views/import.njk', { ...importPage, errors: error.fieldErrors, awaiting: await importPage.awaiting() }, 400);
      }
    });
  });
}
