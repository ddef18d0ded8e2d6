// Working out services' risk: every service of every organisation overnight, and a service (or a
// provider's services) at once when something it depends on changes. Each run gathers the facts in
// one statement per organisation, scores them with the pure model, and stores the ratings and the
// day's snapshot.
import { isTransaction, type Db } from '../platform/db/client.ts';
import { isoDateInLondon, type IsoDate } from '../platform/domain/calendar.ts';
import { DEFAULT_RISK_MODEL, windowStarts, type RiskModel } from './domain/risk-model.ts';
import { rateService, scoreService, type ServiceFacts } from './domain/risk-score.ts';
import { SMALLEST_GROUP_SHOWN } from './domain/survey.ts';
import { missingReturnCounts } from './kpi-repository.ts';
import * as repository from './risk-repository.ts';

export interface ModelInUse {
  /** 0 for Hearth's default, used until the organisation saves its own. */
  version: number;
  content: RiskModel;
}

export async function modelInUse(db: Db, organisationId: string): Promise<ModelInUse> {
  const latest = await repository.latestRiskModel(db, organisationId);
  return latest ? { version: latest.version, content: latest.content } : { version: 0, content: DEFAULT_RISK_MODEL };
}

const fact = (
  value: string | number | null,
  on: IsoDate | null = null,
  source: ServiceFacts[keyof ServiceFacts]['source'] = null,
) => ({
  value,
  on,
  source,
});

const intelligence = (id: string | null) => (id ? { kind: 'intelligence' as const, id } : null);
const inForce = (id: string | null, kind: 'embargo' | 'contract-action') => (id ? { kind, id } : null);

/** A service's facts, as the model scores them, from the row the statement gives. */
export function factsOf(row: repository.FactRow, missingKpiReturns: number): ServiceFacts {
  const assessmentRating =
    row.assessment_rating === null || row.assessment_rating === 'not-assessed' ? 'none' : row.assessment_rating;
  const voiceShown = row.voice_responses >= SMALLEST_GROUP_SHOWN && row.voice_answered > 0;
  return {
    'quality-assessment': fact(
      assessmentRating,
      row.assessment_on,
      row.assessment_id ? { kind: 'assessment', id: row.assessment_id } : null,
    ),
    'cqc-rating': fact(row.location_id === null ? null : (row.cqc_rating ?? 'not-inspected'), row.cqc_on),
    'food-hygiene': fact(row.food_rating, row.food_on, intelligence(row.food_id)),
    safeguarding: fact(row.safeguarding, row.safeguarding_on),
    embargo: fact(row.embargo_id ? 1 : 0, row.embargo_on, inForce(row.embargo_id, 'embargo')),
    'default-notice': fact(row.notice_id ? 1 : 0, row.notice_on, inForce(row.notice_id, 'contract-action')),
    'unexpected-deaths': fact(row.deaths, row.deaths_on),
    'substantiated-concerns': fact(row.concerns, row.concerns_on),
    'company-administration': {
      ...fact(
        row.company_status === 'administration' || row.company_status === 'dissolved' ? 1 : 0,
        row.company_on,
        intelligence(row.company_id),
      ),
      detail: row.company_status === 'dissolved' ? 'dissolved' : 'in administration',
    },
    'manager-vacancy': fact(row.vacancy_id ? 1 : 0, row.vacancy_on, intelligence(row.vacancy_id)),
    'peoples-voice': {
      ...fact(voiceShown ? Math.round((100 * row.voice_no) / row.voice_answered) : null),
      detail: `${row.voice_no} of ${row.voice_answered} answers, from ${row.voice_responses} responses`,
    },
    'overdue-actions': fact(row.overdue_actions),
    'missing-kpi-returns': fact(missingKpiReturns),
  };
}

/** The model each organisation rates with: its latest version, or Hearth's default. */
async function modelsOf(db: Db, organisationIds: readonly string[]): Promise<Map<string, ModelInUse>> {
  const saved = new Map(
    (await repository.latestRiskModels(db, organisationIds)).map((row) => [
      row.organisationId,
      { version: row.version, content: row.content },
    ]),
  );
  return new Map(organisationIds.map((id) => [id, saved.get(id) ?? { version: 0, content: DEFAULT_RISK_MODEL }]));
}

/**
 * Every service in scope scored on a day, each under its organisation's model. Organisations
 * whose models count over the same windows share one statement: overnight, with every
 * organisation on the same windows, that is one statement for the whole country.
 */
/** Every service's facts on a day, its missing KPI returns among them, counted from the windows' starts. */
async function factsOfServices(
  db: Db,
  scope: repository.RiskScope,
  today: IsoDate,
  starts: ReturnType<typeof windowStarts>,
): Promise<{ row: repository.FactRow; facts: ServiceFacts }[]> {
  const { organisationIds } = scope;
  // One after the other: this runs in callers' transactions, whose one connection takes one statement at a time.
  const rows = await repository.serviceFacts(db, scope, today, starts);
  const missing = await missingReturnCounts(db, { organisationIds, today, since: starts['missing-kpi-returns'] });
  const missingOf = new Map(missing.map((each) => [`${each.organisationId} ${each.providerId}`, each.missing]));
  return rows.map((row) => ({
    row,
    facts: factsOf(row, missingOf.get(`${row.organisation_id} ${row.provider_id}`) ?? 0),
  }));
}

export async function scoreServices(
  db: Db,
  scope: repository.RiskScope,
  models: ReadonlyMap<string, ModelInUse>,
  today: IsoDate,
): Promise<repository.RatedService[]> {
  const byWindows = new Map<string, string[]>();
  for (const organisationId of scope.organisationIds) {
    const key = JSON.stringify(windowStarts(models.get(organisationId)!.content, today));
    byWindows.set(key, [...(byWindows.get(key) ?? []), organisationId]);
  }
  const rated: repository.RatedService[] = [];
  for (const [key, organisationIds] of byWindows)
    for (const { row, facts } of await factsOfServices(db, { ...scope, organisationIds }, today, JSON.parse(key))) {
      const model = models.get(row.organisation_id)!;
      rated.push({
        organisationId: row.organisation_id,
        serviceId: row.service_id,
        modelVersion: model.version,
        result: rateService(model.content, facts),
      });
    }
  return rated;
}

/** One service's rating now, every indicator in words, under its organisation's model: for its page. */
export async function scoredNow(db: Db, service: { organisationId: string; id: string; providerId: string }) {
  const today = isoDateInLondon(new Date());
  const model = await modelInUse(db, service.organisationId);
  const scope = { organisationIds: [service.organisationId], providerIds: [service.providerId] };
  const found = (await factsOfServices(db, scope, today, windowStarts(model.content, today))).find(
    (each) => each.row.service_id === service.id,
  );
  return found ? scoreService(model.content, found.facts) : null;
}

/** Rates the services of these organisations (of these providers, where named) now, and stores it; says how many. */
async function rateOrganisations(db: Db, scope: repository.RiskScope, now: Date): Promise<number> {
  const today = isoDateInLondon(now);
  const rated = await scoreServices(db, scope, await modelsOf(db, scope.organisationIds), today);
  await repository.storeRatings(db, today, now, rated);
  return rated.length;
}

/** Rates an organisation's services (some providers' only, where named) now; says how many. */
export const rateServices = (
  db: Db,
  scope: { organisationId: string; providerIds?: readonly string[] },
  now = new Date(),
): Promise<number> =>
  rateOrganisations(db, { organisationIds: [scope.organisationId], providerIds: scope.providerIds }, now);

// The overnight run's organisations are split into this many parts, each rated in its own
// transaction at the same time: PostgreSQL works on them on separate connections (a 2-core
// server rates 100,000 services in about half the time); PGlite, with one, takes them in turn, as
// does a run inside a transaction (the scheduler's, holding the job's lock), on its one connection.
const PARTS_AT_ONCE = 2;

/** The overnight run: every organisation's services, the organisations in parts rated at once. */
export async function rateEveryService(db: Db, now = new Date()): Promise<{ organisations: number; services: number }> {
  const organisationIds = await repository.organisationsWithServices(db);
  const parts = Array.from({ length: PARTS_AT_ONCE }, (_, part) =>
    organisationIds.filter((_id, index) => index % PARTS_AT_ONCE === part),
  ).filter((part) => part.length > 0);
  const ratePart = (part: string[]) => db.transaction((tx) => rateOrganisations(tx, { organisationIds: part }, now));
  const rated: number[] = [];
  if (isTransaction(db)) for (const part of parts) rated.push(await ratePart(part));
  else rated.push(...(await Promise.all(parts.map(ratePart))));
  return { organisations: organisationIds.length, services: rated.reduce((sum, each) => sum + each, 0) };
}

/**
 * Rates again, at once, the services of providers whose records just changed: in one organisation
 * (a concern recorded, an assessment published) or in every organisation that contracts them (a
 * CQC rating imported). Runs in the caller's transaction, so the rating changes with the record.
 */
export async function rateProviders(
  db: Db,
  organisationId: string | null,
  providerIds: readonly string[],
): Promise<void> {
  if (providerIds.length === 0) return;
  const organisationIds = organisationId
    ? [organisationId]
    : await repository.organisationsWithServices(db, providerIds);
  if (organisationIds.length > 0) await rateOrganisations(db, { organisationIds, providerIds }, new Date());
}
