// Pages of the provider registry: search and filter, a provider and its services, create and
// edit forms, and the administrators' CQC import.
import type { Db } from '../platform/db/client.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { ForbiddenError } from '../platform/http/errors.ts';
import { field, formSchema, type FieldReader } from '../platform/http/form-fields.ts';
import { one, type FormBody } from '../platform/http/forms.ts';
import { formPage, listPage, page, type PageRoute } from '../platform/http/page.ts';
import { uploadField } from '../platform/http/upload-fields.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import {
  codeLabel,
  ratingLabel,
  RATING_LABELS,
  SERVICE_TYPES,
  SPECIALISMS,
  vocabularyOptions,
} from './domain/cqc-vocabulary.ts';
import { importCqcFiles, type ImportFile } from './cqc-import.ts';
import { OWNERSHIP_TYPES, providerFilterInput } from './input.ts';
import { paths } from './paths.ts';
import * as service from './service.ts';
import * as users from '../organisations/user-service.ts';

const READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];

export const providerNavigation: NavigationItem[] = [
  { text: 'Providers', href: paths.providers(), access: READERS },
  { text: 'Import CQC data', href: paths.cqcImport(), access: ['administrator'] },
];

/** The form edits the main contact: its four boxes become the first contact, when any is filled. */
const mainContact: FieldReader<{ name: string; role: string; email: string; phone: string }[]> = (body) => {
  const contact = {
    name: one(body.contactName),
    role: one(body.contactRole),
    email: one(body.contactEmail),
    phone: one(body.contactPhone),
  };
  return Object.values(contact).some((value) => value.trim()) ? [contact] : [];
};

const providerForm = formSchema({
  name: field.text(),
  companiesHouseNumber: field.text(),
  cqcProviderId: field.text(),
  ownershipType: field.choice(OWNERSHIP_TYPES),
  isSme: field.ticked(),
  isVcse: field.ticked(),
  addressLine1: field.text(),
  addressLine2: field.text(),
  townCity: field.text(),
  county: field.text(),
  postcode: field.text(),
  phone: field.text(),
  website: field.text(),
  email: field.text(),
  contacts: mainContact,
});

const CONTACT_FIELDS: Record<string, string> = {
  'contacts.0.name': 'contactName',
  'contacts.0.role': 'contactRole',
  'contacts.0.email': 'contactEmail',
  'contacts.0.phone': 'contactPhone',
};

const FORM_VIEW = 'providers/views/provider-form.njk';

function formContext(title: string, action: string, values: FormBody) {
  return {
    title,
    action,
    values,
    ownershipItems: [
      { value: '', text: 'Not known' },
      ...OWNERSHIP_TYPES.map((type) => ({ value: type, text: type, selected: values.ownershipType === type })),
    ],
  };
}

function providerFormValues(detail: service.ProviderDetail): FormBody {
  const { provider } = detail;
  const contact = detail.contacts[0];
  const text = (value: string | null | undefined) => value ?? undefined;
  return {
    name: provider.name,
    companiesHouseNumber: text(provider.companiesHouseNumber),
    cqcProviderId: text(provider.cqcProviderId),
    ownershipType: text(provider.ownershipType),
    isSme: provider.isSme ? 'yes' : undefined,
    isVcse: provider.isVcse ? 'yes' : undefined,
    addressLine1: text(provider.addressLine1),
    addressLine2: text(provider.addressLine2),
    townCity: text(provider.townCity),
    county: text(provider.county),
    postcode: text(provider.postcode),
    phone: text(provider.phone),
    website: text(provider.website),
    email: text(provider.email),
    contactName: contact?.name,
    contactRole: text(contact?.role),
    contactEmail: text(contact?.email),
    contactPhone: text(contact?.phone),
  };
}

function registryPages(db: Db): PageRoute[] {
  /** The provider, for those who may edit it: administrators, commissioners and its own people. */
  const editable = async (user: CurrentUser, id: string) => {
    const detail = await service.getProvider(db, user, id);
    if (!service.canEditProvider(user, id))
      throw new ForbiddenError("Only administrators, commissioners and the provider's own users may edit a provider.");
    return detail;
  };
  return [
    listPage<service.ProviderListItem, service.ProviderFilter, service.ProviderSort['key']>({
      path: paths.providers(),
      access: READERS,
      title: 'Providers',
      noun: { one: 'provider', many: 'providers' },
      filter: providerFilterInput,
      filters: [
        { name: 'search', label: 'Search', kind: 'search', hint: 'Name, postcode, CQC provider ID or CQC location ID' },
        {
          name: 'serviceType',
          label: 'Service type',
          kind: 'select',
          any: 'Any service type',
          options: () => vocabularyOptions(SERVICE_TYPES),
        },
        {
          name: 'rating',
          label: 'CQC rating',
          kind: 'select',
          any: 'Any rating',
          options: () => Object.entries(RATING_LABELS).map(([value, text]) => ({ value, text })),
        },
        {
          name: 'localAuthority',
          label: 'Local authority',
          kind: 'select',
          any: 'Any local authority',
          options: () => service.localAuthorityOptions(db),
        },
      ],
      columns: [
        { heading: 'Provider', value: (p) => p.name, href: (p) => paths.provider(p.id), sort: 'name' },
        { heading: 'CQC provider ID', value: (p) => p.cqcProviderId ?? 'Not registered' },
        { heading: 'Town', value: (p) => p.townCity, sort: 'town' },
        { heading: 'Services', value: (p) => p.locationCount, numeric: true, sort: 'services' },
      ],
      defaultSort: { key: 'name', direction: 'asc' },
      actions: ({ user }) =>
        hasRole(user, 'administrator', 'commissioner') ? [{ text: 'Add a provider', href: paths.newProvider() }] : [],
      empty: 'No providers match. Try fewer words, or clear the filters.',
      fetch: ({ user }, { filter, sort, page, pageSize }) =>
        service.listProviders(db, user, { ...filter, page, pageSize }, sort),
    }),
    formPage({
      path: paths.newProvider(),
      access: ['administrator', 'commissioner'],
      view: FORM_VIEW,
      form: providerForm,
      errorFields: CONTACT_FIELDS,
      load: async (_call, values) => formContext('Add a provider', paths.newProvider(), values),
      save: ({ user }, input) => service.createProvider(db, user, input),
      next: (_call, created) => ({
        to: paths.provider(created.provider.id),
        flash: `${created.provider.name} has been added`,
      }),
    }),
    page({
      path: '/providers/:id',
      access: READERS,
      view: 'providers/views/provider.njk',
      load: async ({ user, params }) => {
        const detail = await service.getProvider(db, user, params.id!);
        return {
          title: detail.provider.name,
          ...detail,
          canEdit: service.canEditProvider(user, params.id!),
          // Administrators set up the provider's own people, who then sign in to answer offers and apply.
          people: hasRole(user, 'administrator') ? await users.providerUsers(db, user, detail.provider.id) : undefined,
          locations: detail.locations.map((location) => ({
            ...location,
            ratingText: ratingLabel(location.overallRating),
            serviceTypeText: location.serviceTypes.map((code) => codeLabel(SERVICE_TYPES, code)).join(', '),
          })),
          backLink: { href: paths.providers(), text: 'All providers' },
        };
      },
    }),
    formPage({
      path: '/providers/:id/people/new',
      access: ['administrator'],
      view: 'providers/views/provider-person.njk',
      form: formSchema({ email: field.text(), name: field.text(), password: field.optionalText() }),
      load: async ({ user, params }) => {
        const { provider } = await service.getProvider(db, user, params.id!);
        return { title: `Add a person at ${provider.name}`, provider, backLink: { href: paths.provider(provider.id) } };
      },
      save: ({ user, params }, { password, ...input }) =>
        users.addProviderUser(db, user, params.id!, { ...input, password: password ?? undefined }),
      next: ({ params }, added) => ({
        to: paths.provider(params.id!),
        flash: `${added.name} can now sign in for the provider`,
      }),
    }),
    formPage({
      path: '/providers/:id/edit',
      access: READERS,
      view: FORM_VIEW,
      form: providerForm,
      errorFields: CONTACT_FIELDS,
      initial: async ({ user, params }) => providerFormValues(await editable(user, params.id!)),
      load: async ({ user, params }, values) => {
        const detail = await editable(user, params.id!);
        return {
          ...formContext(`Edit ${detail.provider.name}`, paths.editProvider(params.id!), values),
          backLink: { href: paths.provider(params.id!) },
        };
      },
      // The form edits the main contact; the others are kept as they are.
      save: async ({ user, params }, input) => {
        const detail = await editable(user, params.id!);
        return service.updateProvider(db, user, params.id!, {
          ...input,
          contacts: [...input.contacts, ...detail.contacts.slice(1)],
        });
      },
      next: ({ params }) => ({ to: paths.provider(params.id!), flash: 'Your changes have been saved' }),
    }),
    page({
      path: '/providers/:id/locations/:locationId',
      access: READERS,
      view: 'providers/views/location.njk',
      load: async ({ user, params }) => {
        const { provider, location } = await service.getLocation(db, user, params.id!, params.locationId!);
        return {
          title: location.name,
          provider,
          location,
          ratings: [
            ['Overall', location.overallRating],
            ['Safe', location.safeRating],
            ['Effective', location.effectiveRating],
            ['Caring', location.caringRating],
            ['Responsive', location.responsiveRating],
            ['Well-led', location.wellLedRating],
          ].map(([question, rating]) => ({ question, text: ratingLabel(rating ?? null) })),
          serviceTypes: location.serviceTypes.map((code) => codeLabel(SERVICE_TYPES, code)),
          specialisms: location.specialisms.map((code) => codeLabel(SPECIALISMS, code)),
          backLink: { href: paths.provider(provider.id), text: `Back to ${provider.name}` },
        };
      },
    }),
  ];
}

const IMPORT_VIEW = 'providers/views/import.njk';

function importPages(db: Db): PageRoute[] {
  return [
    formPage({
      path: paths.cqcImport(),
      access: ['administrator'],
      view: IMPORT_VIEW,
      // The CQC's exports run to tens of megabytes, and a folder of API responses to thousands of files.
      multipart: { fileSize: 60 * 1024 * 1024, files: 5000 },
      form: formSchema({ file: uploadField.files() }),
      load: async () => ({ title: 'Import CQC data', awaiting: await service.countLocationsAwaitingProvider(db) }),
      save: async ({ user }, { file }) => {
        const files: ImportFile[] = await Promise.all(
          file.map(async (part) => ({ name: part.filename, content: await part.toBuffer() })),
        );
        return importCqcFiles(db, actorOf(user), files);
      },
      next: (_call, summary) => ({ stay: { summary } }),
    }),
  ];
}

export function providerPages(db: Db): PageRoute[] {
  return [...registryPages(db), ...importPages(db)];
}
