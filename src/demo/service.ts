// Loads the demo county into an empty database (npm start), through the same services as real use.
import type { Db } from '../platform/db/client.ts';
import type { Actor } from '../platform/audit/service.ts';
import type { Role } from '../platform/domain/roles.ts';
import { countOrganisations, createOrganisation, createZones, organisationByCode } from '../organisations/service.ts';
import { createUser } from '../organisations/user-service.ts';
import { hashPassword } from '../platform/auth/secrets.ts';
import { addProviders, type NewProvider } from '../providers/service.ts';
import { asUser, loadDemoProcurement } from './procurement.ts';
import type { NoticeSettings } from '../procurement/notice-service.ts';
import { loadDemoQuality } from './quality.ts';
import { loadDemoRisk } from './risk.ts';
import { loadDemoPayments } from './payments.ts';
import { loadStartingFramework } from '../quality/framework-service.ts';
import { loadDemoBrokerage } from './brokerage.ts';
import { loadDemoExercise } from './exercise.ts';
import { loadDemoUplift } from './uplift.ts';
import {
  DEMO_COUNCIL,
  DEMO_NHS,
  DEMO_PASSWORD,
  DEMO_USERS,
  DEMO_ZONES,
  generateDemoMarket,
  type DemoProvider,
} from './domain/demo-county.ts';

const demoActor: Actor = { userId: null, label: 'demo data loader', organisationId: null };
const REASON = 'demo county';

function asNewProvider(provider: DemoProvider): NewProvider {
  return {
    name: provider.name,
    companiesHouseNumber: provider.companiesHouseNumber,
    cqcProviderId: provider.cqcProviderId,
    ownershipType: 'Organisation',
    isSme: provider.isSme,
    isVcse: provider.isVcse,
    addressLine1: provider.addressLine1,
    addressLine2: null,
    townCity: provider.townCity,
    county: 'Wyvern Vale',
    postcode: provider.postcode,
    phone: provider.phone,
    website: provider.website,
    email: provider.email,
    registrationStatus: provider.cqcProviderId ? 'Registered' : null,
    locations: provider.locations.map((location) => {
      const [safe, effective, caring, responsive, wellLed] = location.keyQuestionRatings;
      return {
        cqcProviderId: location.cqcProviderId,
        cqcLocationId: location.cqcLocationId,
        name: location.name,
        addressLine1: location.addressLine1,
        addressLine2: null,
        townCity: location.townCity,
        county: 'Wyvern Vale',
        postcode: location.postcode,
        phone: location.phone,
        localAuthority: 'Wyvern Vale (demo)',
        localAuthorityCode: null,
        region: null,
        registeredManager: location.registeredManager,
        registeredManagerAbsentSince: null,
        registrationStatus: location.registrationStatus,
        registrationDate: location.registrationDate,
        deregistrationDate: null,
        dormant: location.cqcLocationId ? false : null,
        serviceTypes: location.serviceTypes,
        specialisms: location.specialisms,
        overallRating: location.overallRating,
        safeRating: safe,
        effectiveRating: effective,
        caringRating: caring,
        responsiveRating: responsive,
        wellLedRating: wellLed,
        ratingPublishedOn: location.ratingPublishedOn,
      };
    }),
  };
}

export interface DemoLoad {
  loaded: boolean;
  /** Whether the demo county is in the database (loaded now or before). */
  present: boolean;
  signIns: { email: string; roles: string[] }[];
  /** How long loading took, when it was loaded now. */
  seconds?: number;
}

/** Loads the demo county only when the database holds no organisation yet. */
/** Where the demo's published notices say they came from, when the service's own settings are not given. */
const DEMO_NOTICE_SETTINGS: NoticeSettings = { ocidPrefix: 'ocds-hearth', publicUrl: 'http://localhost:3000' };

export async function loadDemoCounty(
  db: Db,
  onLoading: () => void = () => undefined,
  noticeSettings: NoticeSettings = DEMO_NOTICE_SETTINGS,
): Promise<DemoLoad> {
  const signIns = DEMO_USERS.map((user) => ({ email: user.email, roles: user.roles }));
  if ((await countOrganisations(db)) > 0)
    return { loaded: false, present: (await organisationByCode(db, DEMO_COUNCIL.code)) !== undefined, signIns };
  onLoading();
  const started = performance.now();
  // Every demo user has the same password: hashed once (hashing is slow on purpose), stored for each.
  let hashed: Promise<string> | undefined;
  const hashOnce = (password: string) => (hashed ??= hashPassword(password));
  const council = await createOrganisation(db, demoActor, { ...DEMO_COUNCIL, isDemo: true });
  await createOrganisation(db, demoActor, { ...DEMO_NHS, isDemo: true });
  await createZones(db, { ...demoActor, organisationId: council.id }, council.id, DEMO_ZONES);
  const providerIds = await addProviders(db, demoActor, generateDemoMarket().map(asNewProvider), REASON);
  const ids = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const created = await createUser(
      db,
      demoActor,
      {
        email: user.email,
        name: user.name,
        roles: user.roles as Role[],
        password: DEMO_PASSWORD,
        organisation: user.organisation,
        provider: user.providerIndex === undefined ? undefined : providerIds[user.providerIndex],
      },
      hashOnce,
    );
    ids.set(user.email, created.id);
  }
  const person = (email: string) => asUser(db, ids.get(email)!);
  const commissioner = await person('commissioner@demo-county.example');
  const finance = await person('finance@demo-county.example');
  const market = await loadDemoProcurement(
    db,
    council.id,
    providerIds,
    {
      commissioner,
      evaluators: [await person('evaluator@demo-county.example'), await person('evaluator2@demo-county.example')],
      finance,
      providers: new Map(
        await Promise.all(
          DEMO_USERS.filter((user) => user.providerIndex !== undefined).map(
            async (user) => [user.providerIndex!, await person(user.email)] as const,
          ),
        ),
      ),
    },
    { actor: demoActor, hash: hashOnce },
    noticeSettings,
  );
  await loadDemoBrokerage(db, council.id, providerIds, market, {
    commissioner,
    finance,
    brokerage: await person('brokerage@demo-county.example'),
    socialWorker: await person('socialworker@demo-county.example'),
    quality: await person('quality@demo-county.example'),
  });
  // The 2025/26 supported living cost-of-care exercise, closed, for the April 2026 uplift.
  const exerciseId = await loadDemoExercise(db, finance, [market.dpsId, market.frameworkId], providerIds);
  await loadDemoUplift(db, { finance, commissioner }, market.dpsId, exerciseId);
  await loadStartingFramework(db, council.id, { ...demoActor, organisationId: council.id });
  await loadDemoQuality(
    db,
    {
      demoProviderId: providerIds[2]!,
      embargoedProviderId: market.providerUsers.get(9)!.providerId!,
      dpsId: market.dpsId,
      frameworkId: market.frameworkId,
    },
    { quality: await person('quality@demo-county.example'), commissioner },
  );
  await loadDemoRisk(db, await person('quality@demo-county.example'));
  // Last: the year's payment schedules pay every placement at the prices the loaders above left.
  await loadDemoPayments(db, finance);
  return { loaded: true, present: true, signIns, seconds: (performance.now() - started) / 1000 };
}

export function printDemoSignIns(load: DemoLoad, print: (line: string) => void = console.log): void {
  if (!load.present) {
    print('The database already holds organisations, so the demo county was not loaded.');
    return;
  }
  print(
    load.loaded
      ? `Loaded the demo county in ${load.seconds?.toFixed(0)} s: ${DEMO_COUNCIL.name}, with ${DEMO_NHS.name}.`
      : `The demo county is loaded: ${DEMO_COUNCIL.name}.`,
  );
  print(`Sign in with any of these, password "${DEMO_PASSWORD}":`);
  for (const signIn of load.signIns) print(`  ${signIn.email.padEnd(36)} ${signIn.roles.join(', ')}`);
}
