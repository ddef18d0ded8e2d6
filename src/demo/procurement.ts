// Loads the demo county's procurement through the same services people use, as the people who
// would do each step: the commissioner sets vehicles up, providers apply, evaluators score.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { zonesOf } from '../organisations/service.ts';
import { createUser } from '../organisations/user-service.ts';
import * as vehicles from '../procurement/service.ts';
import * as applications from '../procurement/application-service.ts';
import * as evaluation from '../procurement/evaluation-service.ts';
import * as award from '../procurement/award-service.ts';
import * as notices from '../procurement/notice-service.ts';
import { memberships } from '../procurement/evaluation-schema.ts';
import { vehicles as vehicleTable } from '../procurement/vehicle-schema.ts';
import { vehicleRounds } from '../procurement/round-schema.ts';
import type { VehicleInput } from '../procurement/input.ts';
import { DEMO_PASSWORD } from './domain/demo-county.ts';
import {
  DEMO_ANSWER,
  DEMO_QUESTIONS,
  DPS_CONTRACTS_BEGAN,
  demoVehicles,
  type DemoApplication,
} from './domain/demo-procurement.ts';

export interface DemoPeople {
  commissioner: CurrentUser;
  evaluators: CurrentUser[];
  finance: CurrentUser;
}

/** The person a demo user id stands for, as the services see them. */
export async function asUser(db: Db, id: string): Promise<CurrentUser> {
  return (await userDirectory(db).byId(id))!;
}

/** Who loads the demo, and how it hashes the demo password (once for every user). */
export interface DemoLoader {
  actor: Parameters<typeof createUser>[1];
  hash: NonNullable<Parameters<typeof createUser>[3]>;
}

/** An applying provider's own user (provider-N@demo-provider.example), for providers without a printed demo sign-in. */
async function providerUser(
  db: Db,
  providerIds: readonly string[],
  index: number,
  loader: DemoLoader,
): Promise<CurrentUser> {
  const created = await createUser(
    db,
    loader.actor,
    {
      email: `provider-${index + 1}@demo-provider.example`,
      name: `Demo provider user ${index + 1}`,
      roles: ['provider_user'],
      provider: providerIds[index],
      password: DEMO_PASSWORD,
    },
    loader.hash,
  );
  return asUser(db, created.id);
}

async function setUpVehicle(
  db: Db,
  people: DemoPeople,
  organisationId: string,
  input: VehicleInput,
  lots: { bands: string[]; serviceTypes: string[] },
) {
  const zones = await zonesOf(db, organisationId);
  const created = await vehicles.createVehicle(db, people.commissioner, input);
  const id = created.vehicle.id;
  await vehicles.setLots(db, people.commissioner, id, {
    zoneIds: zones.map((zone) => zone.id),
    needBands: lots.bands as never[],
    serviceTypes: lots.serviceTypes as never[],
  });
  for (const question of DEMO_QUESTIONS) await applications.addQuestion(db, people.commissioner, id, question as never);
  const opened = await vehicles.changeVehicleStatus(db, people.commissioner, id, {
    status: 'open',
    reason: 'Advertised (demo)',
  });
  for (const evaluator of people.evaluators)
    await evaluation.declareConflict(db, evaluator, id, { hasConflict: false, details: null });
  return opened;
}

/** A provider applies to the lots of its zones and the application goes as far as the plan says. */
async function apply(
  db: Db,
  people: DemoPeople,
  provider: CurrentUser,
  vehicle: vehicles.VehicleDetail,
  plan: DemoApplication,
): Promise<void> {
  const started = await applications.startApplication(db, provider, vehicle.vehicle.id);
  const id = started.application.id;
  const zoneIds = plan.zones.map((i) => vehicle.zones[i]!.zoneId);
  await applications.saveLots(db, provider, id, {
    lotIds: vehicle.lots.filter((lot) => zoneIds.includes(lot.zoneId)).map((lot) => lot.id),
  });
  await applications.saveAnswers(
    db,
    provider,
    id,
    started.questions.map((question) => ({
      questionId: question.id,
      input:
        question.kind === 'selection'
          ? { meetsRequirement: true, text: 'Yes: evidence attached.' }
          : { text: DEMO_ANSWER },
    })),
  );
  if (plan.stage === 'draft') return;
  await applications.submitApplication(db, provider, id);
  if (plan.stage === 'submitted') return;
  if (plan.stage === 'excluded') {
    await evaluation.decideStage(db, people.commissioner, id, {
      stage: 'selection',
      outcome: 'fail',
      reason: "No employer's liability insurance at the required level",
    });
    return;
  }
  await evaluation.decideStage(db, people.commissioner, id, { stage: 'selection', outcome: 'pass', reason: null });
  const quality = started.questions.filter((question) => question.kind === 'quality');
  for (const [e, evaluator] of people.evaluators.entries()) {
    await evaluation.saveScores(
      db,
      evaluator,
      id,
      // The second evaluator is a point harsher on the first question, so moderation has a spread to settle.
      quality.map((question, q) => ({
        questionId: question.id,
        input: {
          score: Math.max(0, plan.scores[q]! - (e === 1 && q === 0 ? 1 : 0)),
          comment: 'Scored against the published criteria',
        },
      })),
    );
    await evaluation.submitScores(db, evaluator, id);
  }
  if (plan.stage === 'scored') return;
  await evaluation.agreeScores(
    db,
    people.commissioner,
    id,
    quality.map((question, q) => ({
      questionId: question.id,
      input: { score: plan.scores[q]!, rationale: 'Agreed at the moderation meeting' },
    })),
  );
  await evaluation.decideStage(db, people.commissioner, id, { stage: 'quality', outcome: 'pass', reason: null });
  await evaluation.decideStage(db, people.finance, id, { stage: 'financial', outcome: 'pass', reason: null });
}

/**
 * Records that a vehicle's running contracts began on `startOn`, with the audit event. The demo's
 * DPS has run since 2019, but an award refuses a notice over 30 days old: so its providers are
 * admitted as of a recent notice, then their contracts' start is moved back to when the county's
 * DPS began, and their placements and quarterly KPI returns fall within their contracts.
 */
async function recordContractsRunningSince(
  db: Db,
  commissioner: CurrentUser,
  vehicleId: string,
  startOn: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const moved = await tx
      .update(memberships)
      .set({ startOn, updatedAt: new Date() })
      .where(and(eq(memberships.vehicleId, vehicleId), eq(memberships.status, 'active')))
      .returning({ id: memberships.id });
    await recordAudit(tx, actorOf(commissioner), [
      {
        action: 'vehicle.contracts-start',
        recordType: 'vehicle',
        recordId: vehicleId,
        after: { startOn, memberships: moved.length },
        reason: 'Demo county: its DPS has run since its contracts began',
      },
    ]);
  });
}

/** `people.providers` holds the demo sign-ins that are provider users, by provider index. */
export interface DemoMarket {
  dpsId: string;
  /** The tiered framework in evaluation, which replaces the DPS. */
  frameworkId: string;
  /** A user of each provider that applied, by provider index. */
  providerUsers: Map<number, CurrentUser>;
}

export async function loadDemoProcurement(
  db: Db,
  organisationId: string,
  providerIds: readonly string[],
  people: DemoPeople & { providers: Map<number, CurrentUser> },
  loader: DemoLoader,
  noticeSettings: notices.NoticeSettings,
): Promise<DemoMarket> {
  const today = isoDateInLondon(new Date());
  const plan = demoVehicles(today);
  const zoneCount = (await zonesOf(db, organisationId)).length;
  const providers = new Map(people.providers);
  const applicant = async (index: number) => {
    if (!providers.has(index)) providers.set(index, await providerUser(db, providerIds, index, loader));
    return providers.get(index)!;
  };
  const zones = async (places?: readonly number[]) =>
    (await zonesOf(db, organisationId))
      .slice(0, zoneCount)
      .map((zone, i) => ({ zoneId: zone.id, tier1Places: places?.[i] ?? null }));

  // The DPS: applications decided one by one, its providers admitted and their contracts running.
  const dps = await setUpVehicle(
    db,
    people,
    organisationId,
    { ...plan.dps, zones: await zones() },
    { bands: ['highly-complex', 'complex', 'less-complex'], serviceTypes: ['supported-living'] },
  );
  for (const application of plan.dpsApplications)
    await apply(db, people, await applicant(application.providerIndex), dps, application);
  const decided = await award.decideAward(db, people.commissioner, dps.vehicle.id, { noticeDate: addDays(today, -30) });
  await award.startContracts(db, people.commissioner, dps.vehicle.id, {
    startOn: decided.decision!.earliestContractDate,
  });
  await recordContractsRunningSince(db, people.commissioner, dps.vehicle.id, DPS_CONTRACTS_BEGAN);
  await vehicles.changeVehicleStatus(db, people.commissioner, dps.vehicle.id, {
    status: 'live',
    reason: 'Admitted providers contracted (demo)',
  });

  // The tiered framework, in evaluation: applications at every stage and a tier allocation waiting to be confirmed.
  const { tier1Places, partnerSharePercent, ...framework } = plan.framework;
  const frameworkVehicle = await setUpVehicle(
    db,
    people,
    organisationId,
    {
      ...framework,
      zones: await zones(tier1Places),
      partners: [{ organisation: 'demo-icb', fundingSharePercent: partnerSharePercent }],
    },
    { bands: ['highly-complex', 'complex', 'less-complex'], serviceTypes: ['supported-living'] },
  );
  for (const application of plan.frameworkApplications)
    await apply(db, people, await applicant(application.providerIndex), frameworkVehicle, application);
  await vehicles.changeVehicleStatus(db, people.commissioner, frameworkVehicle.vehicle.id, {
    status: 'evaluation',
    reason: 'Submission deadline reached (demo)',
  });

  // A short breaks framework, evaluated and ready for the award decision.
  const respite = await setUpVehicle(
    db,
    people,
    organisationId,
    { ...plan.respite, zones: await zones() },
    { bands: ['complex'], serviceTypes: ['respite'] },
  );
  for (const application of plan.respiteApplications)
    await apply(db, people, await applicant(application.providerIndex), respite, application);
  await vehicles.changeVehicleStatus(db, people.commissioner, respite.vehicle.id, {
    status: 'evaluation',
    reason: 'Round closed (demo)',
  });

  // A framework under the Act, awarded three weeks ago with its contracts started since.
  const mentalHealth = await setUpVehicle(
    db,
    people,
    organisationId,
    {
      ...plan.mentalHealth,
      submissionDeadline: today,
      awardOn: null,
      contractStartOn: null,
      contractEndOn: null,
      zones: await zones(),
    },
    { bands: ['complex', 'less-complex'], serviceTypes: ['supported-living'] },
  );
  for (const application of plan.mentalHealthApplications)
    await apply(db, people, await applicant(application.providerIndex), mentalHealth, application);
  // Its tenders came in two months ago: its dates were left for now only so that the services took them today.
  const { submissionDeadline, awardOn, contractStartOn, contractEndOn } = plan.mentalHealth;
  await db
    .update(vehicleTable)
    .set({ submissionDeadline, awardOn, contractStartOn, contractEndOn })
    .where(eq(vehicleTable.id, mentalHealth.vehicle.id));
  await db
    .update(vehicleRounds)
    .set({ submissionDeadline })
    .where(and(eq(vehicleRounds.vehicleId, mentalHealth.vehicle.id), eq(vehicleRounds.number, 1)));
  await vehicles.changeVehicleStatus(db, people.commissioner, mentalHealth.vehicle.id, {
    status: 'evaluation',
    reason: 'Submission deadline reached (demo)',
  });
  const awarded = await award.decideAward(db, people.commissioner, mentalHealth.vehicle.id, {
    noticeDate: addDays(today, -20),
  });
  await award.startContracts(db, people.commissioner, mentalHealth.vehicle.id, {
    startOn: awarded.decision!.earliestContractDate,
  });

  // The dynamic market replacing the DPS: established a fortnight ago, its first providers admitted.
  const market = await setUpVehicle(
    db,
    people,
    organisationId,
    { ...plan.dynamicMarket, zones: await zones() },
    { bands: ['highly-complex', 'complex', 'less-complex'], serviceTypes: ['supported-living'] },
  );
  for (const application of plan.marketApplications)
    await apply(db, people, await applicant(application.providerIndex), market, application);
  const admitted = await award.decideAward(db, people.commissioner, market.vehicle.id, { noticeDate: today });
  await award.startContracts(db, people.commissioner, market.vehicle.id, {
    startOn: admitted.decision!.earliestContractDate,
  });
  await vehicles.changeVehicleStatus(db, people.commissioner, market.vehicle.id, {
    status: 'live',
    reason: 'First providers admitted (demo)',
  });

  // Every notice the vehicles' events have required so far, checked and published.
  for (const vehicleId of [dps, frameworkVehicle, respite, mentalHealth, market].map((one) => one.vehicle.id)) {
    const due = await notices.vehicleNotices(db, people.commissioner, vehicleId, noticeSettings);
    for (const notice of due.notices)
      await notices.publishNotice(db, people.commissioner, vehicleId, notice, noticeSettings);
  }
  return { dpsId: dps.vehicle.id, frameworkId: frameworkVehicle.vehicle.id, providerUsers: providers };
}
