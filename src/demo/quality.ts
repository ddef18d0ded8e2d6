// Loads the demo county's quality assurance through the services people use: the register of the
// services it contracts, a year of assessments (see domain/demo-quality.ts) with their action
// plans, and one draft with the demo provider awaiting its reply; the intelligence log
// (domain/demo-intelligence.ts), paper surveys of people's placements, a default notice and a
// special measures plan, a transition plan for a DPS provider left out of the new framework, and
// the DPS's KPIs with four quarters of its providers' returns (kpis.ts).
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon, type IsoDate } from '../platform/domain/calendar.ts';
import { listSchemes } from '../brokerage/scheme-service.ts';
import { PLACEMENT_ORDER, placementRegister } from '../brokerage/placement-service.ts';
import { vehicleMarket } from '../procurement/market-service.ts';
import { planAssessment, rateQuestion, sendToProvider } from '../quality/assessment-service.ts';
import { issueContractAction } from '../quality/contract-action-service.ts';
import { QUALITY_KEEPERS } from '../quality/framework-service.ts';
import { recordEntries } from '../quality/intelligence-service.ts';
import { recordPastAssessments, type PastAssessmentEntry } from '../quality/past-assessment-service.ts';
import {
  assignServices,
  bringInContractedServices,
  scheduleList,
  type ScheduleRow,
} from '../quality/register-service.ts';
import { recordPaperResponse } from '../quality/survey-service.ts';
import { openPlanByHand } from '../quality/transition-service.ts';
import { demoIntelligence, subjectOf, type DemoSubject } from './domain/demo-intelligence.ts';
import { loadDemoKpis } from './kpis.ts';
import {
  demoAssessment,
  demoContractActions,
  demoOutcome,
  demoSurveys,
  SURVEY_GROUPS,
  type DemoOutcome,
} from './domain/demo-quality.ts';

export interface QualityStaff {
  quality: CurrentUser;
  commissioner: CurrentUser;
}

/** The parts of the demo county quality works on. */
export interface QualityDemo {
  /** The provider with the printed sign-in whose draft awaits its reply. */
  demoProviderId: string;
  /** The provider brokerage placed under embargo. */
  embargoedProviderId: string;
  dpsId: string;
  /** The new framework the DPS's providers had to win a place on. */
  frameworkId: string;
}

/** The services in each intelligence subject, in the schedule's order. */
type Subjects = Map<DemoSubject, ScheduleRow['service'][]>;

export async function loadDemoQuality(db: Db, demo: QualityDemo, staff: QualityStaff): Promise<void> {
  const { quality } = staff;
  const today = isoDateInLondon(new Date());
  await bringInContractedServices(db, quality);
  const { items } = await scheduleList(db, quality, {
    filter: {},
    sort: { key: 'service', direction: 'asc' },
    page: 1,
    pageSize: 100,
  });
  const outcomes = await loadAssessments(db, quality, items, demo.demoProviderId, today);
  const subjects: Subjects = new Map();
  for (const [index, row] of items.entries()) {
    const subject = row.service.providerId === demo.embargoedProviderId ? 'embargoed' : subjectOf(outcomes[index]!);
    if (subject) subjects.set(subject, [...(subjects.get(subject) ?? []), row.service]);
  }
  await loadIntelligence(db, quality, subjects, today);
  await loadSurveys(db, quality, demo.demoProviderId, today);
  await loadDemoKpis(db, quality, demo.dpsId, today);
  const actioned = await loadContractActions(db, staff.commissioner, subjects, demo.embargoedProviderId, today);
  const providers = [...new Set(items.map((row) => row.service.providerId))];
  await loadTransitionPlan(db, staff, demo, providers, [demo.demoProviderId, demo.embargoedProviderId, ...actioned]);
}

/** A year of assessments over the register, and the outcome each service got. */
async function loadAssessments(
  db: Db,
  quality: CurrentUser,
  items: readonly ScheduleRow[],
  demoProviderId: string,
  today: IsoDate,
): Promise<DemoOutcome[]> {
  // The demo provider's first service waits for its reply, so signing in as it shows a draft to check.
  const reply = Math.max(
    0,
    items.findIndex((row) => row.service.providerId === demoProviderId),
  );
  const outcomes: DemoOutcome[] = [];
  const pasts: PastAssessmentEntry[] = [];
  await assignServices(
    db,
    quality,
    items.map((row) => ({ serviceId: row.service.id, input: { zoneId: row.service.zoneId, officerId: quality.id } })),
  );
  for (const [index, row] of items.entries()) {
    const outcome = demoOutcome(index, items.length, reply);
    outcomes.push(outcome);
    if (outcome === 'never-assessed') continue;
    if (outcome === 'awaiting-reply') {
      const { id } = await planAssessment(db, quality, row.service.id, {
        visitKind: 'announced',
        visitOn: today,
        officerIds: [quality.id],
      });
      for (const rating of demoAssessment('requires-improvement', index, today).ratings)
        await rateQuestion(db, quality, id, rating);
      await sendToProvider(db, quality, id);
      continue;
    }
    const past = demoAssessment(outcome, index, today);
    pasts.push({
      serviceId: row.service.id,
      input: {
        visitKind: index % 4 === 0 ? 'unannounced' : 'announced',
        visitOn: past.visitOn,
        officerIds: [quality.id],
        publishedOn: past.publishedOn,
        ratings: past.ratings,
        actions: past.actions,
        source: 'The council’s quality assessments before Hearth',
      },
    });
  }
  // The year before Hearth brought in at once, as an organisation would bring in its records.
  await recordPastAssessments(db, quality, pasts);
  return outcomes;
}

/**
 * Paper surveys typed in by the quality officer, for placements begun over a year ago (so each was
 * answered while the placement ran): the demo provider's people first, then the providers with most.
 */
async function loadSurveys(db: Db, quality: CurrentUser, demoProviderId: string, today: IsoDate): Promise<void> {
  const { items } = await placementRegister(
    db,
    quality,
    {
      filter: { activeOn: today, providerId: undefined, paymentRoute: undefined, offFramework: false },
      sort: PLACEMENT_ORDER,
      page: 1,
      pageSize: 500,
    },
    QUALITY_KEEPERS,
  );
  const byProvider = new Map<string, string[]>();
  for (const placement of items)
    if (placement.startsOn <= addDays(today, -365))
      byProvider.set(placement.providerId, [...(byProvider.get(placement.providerId) ?? []), placement.id]);
  const providers = [...byProvider.keys()].sort(
    (a, b) =>
      Number(b === demoProviderId) - Number(a === demoProviderId) ||
      byProvider.get(b)!.length - byProvider.get(a)!.length ||
      a.localeCompare(b),
  );
  const surveys = demoSurveys(today);
  for (const [group, providerId] of providers.slice(0, SURVEY_GROUPS.length).entries()) {
    const placements = byProvider.get(providerId)!;
    const answered = surveys.filter((survey) => survey.group === group);
    for (const [i, { respondent, answeredOn, answers }] of answered.entries())
      await recordPaperResponse(db, quality, placements[i]!, { respondent, answeredOn, answers });
  }
}

/**
 * A special measures plan for a Poor service's provider and a default notice for a provider whose
 * service Requires Improvement, issued by the commissioner; says which providers they went to.
 */
async function loadContractActions(
  db: Db,
  commissioner: CurrentUser,
  subjects: Subjects,
  embargoedProviderId: string,
  today: IsoDate,
): Promise<string[]> {
  const { defaultNotice, specialMeasures } = demoContractActions(today);
  const poor = subjects.get('poor')!.find((service) => service.providerId !== embargoedProviderId)!;
  const lacking = subjects
    .get('requires-improvement')!
    .find((service) => ![embargoedProviderId, poor.providerId].includes(service.providerId))!;
  for (const [service, action] of [
    [poor, specialMeasures],
    [lacking, defaultNotice],
  ] as const)
    await issueContractAction(db, commissioner, { ...action, providerId: service.providerId, serviceId: service.id });
  return [poor.providerId, lacking.providerId];
}

/** About sixty entries in the log, each concern investigated since with its finding recorded. */
async function loadIntelligence(db: Db, quality: CurrentUser, subjects: Subjects, today: IsoDate): Promise<void> {
  // The log as kept before Hearth, brought in at once: each concern with the finding reached since.
  await recordEntries(
    db,
    quality,
    demoIntelligence(today).flatMap(({ subject, nth, entry, finding }) => {
      const services = subjects.get(subject) ?? [];
      if (services.length === 0) return [];
      return [{ serviceId: services[nth % services.length]!.id, input: entry, ...(finding ? { finding } : {}) }];
    }),
  );
}

/**
 * A DPS provider that did not bid for the new framework: its schemes' care moves within 18 months
 * of the framework's start. The first of `providers` on the DPS, not `excluded`, that runs a scheme.
 */
async function loadTransitionPlan(
  db: Db,
  staff: QualityStaff,
  demo: QualityDemo,
  providers: readonly string[],
  excluded: readonly string[],
): Promise<void> {
  const dps = await vehicleMarket(db, staff.commissioner.organisationId!, demo.dpsId);
  const members = new Set(dps?.memberships.map((membership) => membership.providerId));
  for (const providerId of providers.filter((id) => members.has(id) && !excluded.includes(id))) {
    if ((await listSchemes(db, staff.quality, { providerId })).length === 0) continue;
    await openPlanByHand(db, staff.commissioner, { cause: 'left-framework', providerId, vehicleId: demo.frameworkId });
    return;
  }
}
