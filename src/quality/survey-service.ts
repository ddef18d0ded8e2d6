// People's and families' own say: the easy-read survey of a placement. Officers type in paper
// responses and make one-time links; a link opens the survey once, with no account; results are
// counted per provider and per service and never shown below five responses.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import { showWhole, type HistoryRule } from '../platform/audit/history.ts';
import { recordAudit, type Actor } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { sha256Hex } from '../platform/auth/secrets.ts';
import { addDays, isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ConflictError, HttpError, NotFoundError, type FieldError } from '../platform/http/errors.ts';
import { parseOrThrow, parseOrThrowWith } from '../platform/http/validation.ts';
import { providerNames } from '../providers/service.ts';
import {
  RESPONDENTS,
  surveyResults,
  type SurveyAnswer,
  type SurveyResponse,
  type SurveyResults,
  type SurveyStatementKey,
} from './domain/survey.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { historyIfReadable } from './history-rule.ts';
import { paths } from './paths.ts';
import { rateProviders } from './risk-run-service.ts';
import { paperResponseInput, surveyAnswersInput, surveyLinkInput, surveyResultsFilterInput } from './survey-input.ts';
import * as repository from './survey-repository.ts';

/** Who types in a paper survey or makes a link: quality staff, and the person's social worker. */
export const SURVEY_KEEPERS: readonly Role[] = [...QUALITY_KEEPERS, 'social_worker'];
/** Staff who read the results. */
export const SURVEY_READERS: readonly Role[] = [...QUALITY_READERS, 'social_worker'];
/** A link is good for four weeks. */
export const LINK_DAYS = 28;

type Respondent = (typeof RESPONDENTS)[number];

const today = () => isoDateInLondon(new Date());

async function placementFor(db: Db, viewer: CurrentUser, placementId: string) {
  const organisationId = staffOrganisation(viewer, SURVEY_KEEPERS);
  const placement = isUuid(placementId) ? await repository.placementById(db, placementId) : undefined;
  if (!placement || placement.organisationId !== organisationId) throw new NotFoundError();
  return placement;
}

/** The provider's service in the organisation, where it has exactly one running: else results count it by provider only. */
async function serviceOf(db: Db, placement: repository.PlacementFacts): Promise<string | null> {
  const ids = await repository.runningServiceIds(db, placement.organisationId, placement.providerId);
  return ids.length === 1 ? ids[0]! : null;
}

export interface PlacementSurvey {
  placementId: string;
  providerName: string;
  serviceName: string | null;
  startsOn: string;
  endsOn: string | null;
  /** Counts only: what one placement's people said is never shown, since it would say who said it. */
  responses: { total: number; byRespondent: Record<Respondent, number>; paper: number; link: number };
  linksWaiting: number;
}

/**
 * The survey answers given about these placements of the organisation, for the placed person's
 * subject access export: the records part decides who may ask before calling this.
 */
export function surveyAnswersOfPlacements(
  db: Db,
  organisationId: string,
  placementIds: readonly string[],
): Promise<repository.ResponseRow[]> {
  return repository.responsesOfPlacements(db, organisationId, placementIds);
}

/** A placement's survey so far, for the officer page: counts, never answers. */
export async function placementSurvey(db: Db, viewer: CurrentUser, placementId: string): Promise<PlacementSurvey> {
  const placement = await placementFor(db, viewer, placementId);
  const [providers, serviceId, counts, linksWaiting] = await Promise.all([
    providerNames(db, [placement.providerId]),
    serviceOf(db, placement),
    repository.placementResponseCounts(db, placement.organisationId, placement.id),
    repository.waitingLinkCount(db, placement.organisationId, placement.id, today()),
  ]);
  const services = await repository.serviceNames(
    db,
    serviceId ? [{ organisationId: placement.organisationId, id: serviceId }] : [],
  );
  const sum = (keep: (row: (typeof counts)[number]) => boolean) =>
    counts.filter(keep).reduce((total, row) => total + row.n, 0);
  return {
    placementId: placement.id,
    providerName: providers.get(placement.providerId) ?? '',
    serviceName: serviceId ? (services.get(serviceId) ?? null) : null,
    startsOn: placement.startsOn,
    endsOn: placement.endsOn,
    responses: {
      total: sum(() => true),
      byRespondent: Object.fromEntries(
        RESPONDENTS.map((respondent) => [respondent, sum((row) => row.respondent === respondent)]),
      ) as Record<Respondent, number>,
      paper: sum((row) => row.method === 'paper'),
      link: sum((row) => row.method === 'link'),
    },
    linksWaiting,
  };
}

/**
 * The history of a survey response or link, for those who may open its placement's survey page;
 * the trail holds no answers, so what one person said is never read from it.
 */
export const surveyRecordHistory =
  (kind: 'response' | 'link'): HistoryRule =>
  async (db, viewer, id) => {
    const placementId = isUuid(id) ? await repository.placementOfRecord(db, kind, id) : undefined;
    if (!placementId) return null;
    return historyIfReadable(
      () => placementFor(db, viewer, placementId),
      () => ({
        label: kind === 'response' ? 'A survey response' : 'A survey link',
        href: paths.placementSurvey(placementId),
        show: showWhole,
      }),
    );
  };

/** The answers given, without the ones left blank. */
const given = (answers: Partial<Record<SurveyStatementKey, SurveyAnswer | null | undefined>>): SurveyResponse =>
  Object.fromEntries(Object.entries(answers).filter(([, answer]) => answer)) as SurveyResponse;

async function saveResponse(
  db: Db,
  actor: Actor,
  placement: repository.PlacementFacts,
  response: { respondent: Respondent; method: 'paper' | 'link'; answers: SurveyResponse; answeredOn: string },
  enteredBy: string | null,
  before: (tx: Tx) => Promise<void> = async () => {},
): Promise<{ id: string }> {
  const row = {
    organisationId: placement.organisationId,
    id: randomUUID(),
    placementId: placement.id,
    serviceId: await serviceOf(db, placement),
    providerId: placement.providerId,
    ...response,
    enteredBy,
    createdAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await before(tx);
    await repository.insertResponse(tx, row);
    // The answers stay out of the trail: beside the placement they would say who said what.
    await recordAudit(tx, actor, [
      {
        action: 'survey-response.record',
        recordType: 'survey-response',
        recordId: row.id,
        organisationId: row.organisationId,
        after: {
          placementId: row.placementId,
          respondent: row.respondent,
          method: row.method,
          answeredOn: row.answeredOn,
          statementsAnswered: Object.keys(row.answers).length,
        },
      },
    ]);
    await rateProviders(tx, row.organisationId, [row.providerId]);
  });
  return { id: row.id };
}

/** A paper survey typed in by an officer: who answered, when, and the answers given. */
export async function recordPaperResponse(
  db: Db,
  viewer: CurrentUser,
  placementId: string,
  input: unknown,
): Promise<{ id: string }> {
  const placement = await placementFor(db, viewer, placementId);
  const answeredOn = (input as { answeredOn?: unknown } | null)?.answeredOn;
  const problems: FieldError[] =
    typeof answeredOn === 'string' && answeredOn < placement.startsOn
      ? [
          {
            field: 'answeredOn',
            message: `The placement began on ${longDate(placement.startsOn)}: the survey cannot have been answered before that`,
          },
        ]
      : [];
  const response = parseOrThrowWith(paperResponseInput, input, problems);
  return saveResponse(
    db,
    actorOf(viewer),
    placement,
    {
      respondent: response.respondent,
      method: 'paper',
      answers: given(response.answers),
      answeredOn: response.answeredOn,
    },
    viewer.id,
  );
}

export interface NewSurveyLink {
  id: string;
  /** The secret, in the link's path: shown this once, and kept only as its hash. */
  path: string;
  respondent: Respondent;
  expiresOn: string;
}

/** A one-time link to the survey for a current placement, for the person, a family member or an advocate. */
export async function makeSurveyLink(
  db: Db,
  viewer: CurrentUser,
  placementId: string,
  input: unknown,
): Promise<NewSurveyLink> {
  const placement = await placementFor(db, viewer, placementId);
  const { respondent } = parseOrThrow(surveyLinkInput, input);
  if (placement.endsOn && placement.endsOn < today())
    throw new ConflictError(`This placement ended on ${longDate(placement.endsOn)}: links are for current placements`);
  const token = randomBytes(32).toString('base64url');
  const row = {
    organisationId: placement.organisationId,
    id: randomUUID(),
    placementId: placement.id,
    respondent,
    tokenHash: sha256Hex(token),
    expiresOn: addDays(today(), LINK_DAYS),
    createdBy: viewer.id,
    createdAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await repository.insertLink(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'survey-link.make',
        recordType: 'survey-link',
        recordId: row.id,
        after: { placementId: row.placementId, respondent, expiresOn: row.expiresOn },
      },
    ]);
  });
  return { id: row.id, path: `/survey/${token}`, respondent, expiresOn: row.expiresOn };
}

/** A link that cannot be answered: used, past its date, or never made. Each says the same to the person. */
export class SurveyLinkGone extends HttpError {
  constructor(status: 404 | 410) {
    super(status, 'Link not working', 'This link has already been used or has expired');
  }
}

/** The link a token opens, where it may still be answered; refused with SurveyLinkGone if not. */
async function usableLink(db: Db, tokenHash: string): Promise<repository.LinkRow> {
  const link = await repository.linkByHash(db, tokenHash);
  if (!link) throw new SurveyLinkGone(404);
  if (link.usedAt || link.expiresOn < today()) throw new SurveyLinkGone(410);
  return link;
}

/** Whether a link may still be answered; refused with SurveyLinkGone if not. */
export async function openSurveyLink(db: Db, token: string): Promise<{ id: string }> {
  const link = await usableLink(db, sha256Hex(token));
  return { id: link.id };
}

/** The answers sent through a link: saved once, and the link used up in the same transaction. */
export async function answerSurveyLink(db: Db, token: string, answers: unknown): Promise<{ id: string }> {
  const tokenHash = sha256Hex(token);
  const link = await usableLink(db, tokenHash);
  const parsed = parseOrThrow(surveyAnswersInput, answers);
  const placement = await repository.placementById(db, link.placementId);
  if (!placement) throw new SurveyLinkGone(410);
  const actor: Actor = { userId: null, label: 'one-time survey link', organisationId: link.organisationId };
  return saveResponse(
    db,
    actor,
    placement,
    { respondent: link.respondent as Respondent, method: 'link', answers: given(parsed), answeredOn: today() },
    null,
    async (tx) => {
      // Two sends of one link at once: only the first marks it used, and the second saves nothing.
      const used = await repository.useLink(tx, tokenHash, today(), new Date());
      if (!used) throw new SurveyLinkGone(410);
      await recordAudit(tx, actor, [
        { action: 'survey-link.use', recordType: 'survey-link', recordId: link.id, after: { usedAt: used.usedAt } },
      ]);
    },
  );
}

export interface ProviderSurveyResults {
  providerId: string;
  providerName: string;
  results: SurveyResults;
}
export interface ServiceSurveyResults extends ProviderSurveyResults {
  serviceId: string;
  serviceName: string;
}

/**
 * Results per provider, and per service where a response's service is known. An organisation's
 * staff see its own; a provider's user sees its own provider's, from every organisation. Groups
 * below five responses show only their total.
 */
export async function surveyResultsFor(
  db: Db,
  viewer: CurrentUser,
  query: unknown = {},
): Promise<{ providers: ProviderSurveyResults[]; services: ServiceSurveyResults[] }> {
  const { providerId } = parseOrThrow(surveyResultsFilterInput, query);
  let where: { organisationId?: string; providerId?: string };
  if (viewer.providerId !== null) {
    if (providerId && providerId !== viewer.providerId) throw new NotFoundError();
    where = { providerId: viewer.providerId };
  } else {
    where = { organisationId: staffOrganisation(viewer, SURVEY_READERS), providerId };
  }
  const rows = await repository.responsesOf(db, where);
  const groups = <K extends string>(keyOf: (row: (typeof rows)[number]) => K | null) => {
    const grouped = new Map<K, { providerId: string; answers: SurveyResponse[] }>();
    for (const row of rows) {
      const key = keyOf(row);
      if (key === null) continue;
      const group = grouped.get(key) ?? { providerId: row.providerId, answers: [] };
      group.answers.push(row.answers);
      grouped.set(key, group);
    }
    return grouped;
  };
  const byProvider = groups((row) => row.providerId);
  const byService = groups((row) => row.serviceId);
  const [providers, services] = await Promise.all([
    providerNames(db, [...byProvider.keys()]),
    repository.serviceNames(
      db,
      // Each service once, by its organisation and id.
      [
        ...new Map(
          rows.flatMap((row) =>
            row.serviceId ? [[row.serviceId, { organisationId: row.organisationId, id: row.serviceId }] as const] : [],
          ),
        ).values(),
      ],
    ),
  ]);
  const byName = (a: { providerName: string }, b: { providerName: string }) =>
    a.providerName.localeCompare(b.providerName);
  return {
    providers: [...byProvider]
      .map(([id, group]) => ({
        providerId: id,
        providerName: providers.get(id) ?? '',
        results: surveyResults(group.answers),
      }))
      .sort(byName),
    services: [...byService]
      .map(([id, group]) => ({
        serviceId: id,
        serviceName: services.get(id) ?? '',
        providerId: group.providerId,
        providerName: providers.get(group.providerId) ?? '',
        results: surveyResults(group.answers),
      }))
      .sort((a, b) => byName(a, b) || a.serviceName.localeCompare(b.serviceName)),
  };
}
