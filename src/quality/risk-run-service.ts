// Working out services' risk: every service of every organisation overnight, and a service (or a
// provider's services) at once when something it depends on changes. Each run gathers the facts in
// one statement per organisation, scores them with the pure model, and stores the ratings and the
// day's snapshot.
import type { Db } from '../platform/db/client.ts';
import { isoDateInLondon, type IsoDate } from '../platform/domain/calendar.ts';
import { DEFAULT_RISK_MODEL, windowStarts, type RiskModel } from './domain/risk-model.ts';
import { scoreService, type ServiceFacts } from './domain/risk-score.ts';
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

/** A service's facts, as the model scores them, from the row the statement gives. */
export function factsOf(row: repository.FactRow, missingKpiReturns: number): ServiceFacts {
  const intelligence = (id: string | null) => (id ? { kind: 'intelligence' as const, id } : null);
  const inForce = (id: string | null, kind: 'embargo' | 'contract-action') => (id ? { kind, id } : null);
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

/** Every service in scope scored under a model, on a day: what a run stores and a preview compares. */
export async function scoreServices(
  db: Db,
  scope: repository.RiskScope,
  model: RiskModel,
  today: IsoDate,
): Promise<repository.RatedService[]> {
  const starts = windowStarts(model, today);
  const [rows, missing] = await Promise.all([
    repository.serviceFacts(db, scope, today, starts),
    missingReturnCounts(db, { organisationId: scope.organisationId, today, since: starts['missing-kpi-returns'] }),
  ]);
  const missingByProvider = new Map(missing.map((each) => [each.providerId, each.missing]));
  return rows.map((row) => ({
    serviceId: row.service_id,
    result: scoreService(model, factsOf(row, missingByProvider.get(row.provider_id) ?? 0)),
  }));
}

/** Rates the services in scope now and stores it; says how many. */
export async function rateServices(db: Db, scope: repository.RiskScope, now = new Date()): Promise<number> {
  const today = isoDateInLondon(now);
  const model = await modelInUse(db, scope.organisationId);
  const rated = await scoreServices(db, scope, model.content, today);
  await repository.storeRatings(db, scope.organisationId, model.version, today, now, rated);
  return rated.length;
}

/** The overnight run: every organisation's services, each organisation in its own transaction. */
export async function rateEveryService(db: Db, now = new Date()): Promise<{ organisations: number; services: number }> {
  const organisations = await repository.organisationsWithServices(db);
  let services = 0;
  for (const organisationId of organisations)
    services += await db.transaction((tx) => rateServices(tx, { organisationId }, now));
  return { organisations: organisations.length, services };
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
  const organisations = organisationId ? [organisationId] : await repository.organisationsWithServices(db, providerIds);
  for (const each of organisations) await rateServices(db, { organisationId: each, providerIds });
}
