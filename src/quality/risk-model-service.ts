// The organisation's risk model and its versions. Quality officers and commissioners change it,
// after seeing which services a change would turn another colour; auditors read it. A version,
// once saved, is never changed, and saving one rates every service again under it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { showWhole, type HistoryRule } from '../platform/audit/history.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { RISK_COLOURS, riskModelProblems, type RiskColour, type RiskModel } from './domain/risk-model.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { historyIfReadable } from './history-rule.ts';
import { paths } from './paths.ts';
import { modelOf, riskModelInput } from './risk-input.ts';
import { serviceNames } from './risk-list-repository.ts';
import * as repository from './risk-repository.ts';
import { modelInUse, rateServices, scoreServices } from './risk-run-service.ts';

export interface RiskModelVersion {
  id: string | null;
  version: number;
  content: RiskModel;
  changeNote: string;
  createdAt: Date | null;
}

const shown = (row: repository.RiskModelRow): RiskModelVersion => ({
  id: row.id,
  version: row.version,
  content: row.content,
  changeNote: row.changeNote,
  createdAt: row.createdAt,
});

/** The model in use: the latest version, or Hearth's default (version 0) before the first is saved. */
export async function currentRiskModel(db: Db, viewer: CurrentUser): Promise<RiskModelVersion> {
  const organisationId = staffOrganisation(viewer, QUALITY_READERS);
  const latest = await repository.latestRiskModel(db, organisationId);
  if (latest) return shown(latest);
  const { content } = await modelInUse(db, organisationId);
  return { id: null, version: 0, content, changeNote: 'Hearth’s default model', createdAt: null };
}

export async function riskModelVersions(db: Db, viewer: CurrentUser): Promise<RiskModelVersion[]> {
  return (await repository.riskModelVersions(db, staffOrganisation(viewer, QUALITY_READERS))).map(shown);
}

export async function riskModelVersion(db: Db, viewer: CurrentUser, version: number): Promise<RiskModelVersion> {
  const organisationId = staffOrganisation(viewer, QUALITY_READERS);
  const row = Number.isSafeInteger(version)
    ? await repository.riskModelVersion(db, organisationId, version)
    : undefined;
  if (!row) throw new NotFoundError();
  return shown(row);
}

/** A version's history: for those who read the model. */
export const riskModelHistory: HistoryRule = (db, viewer, id) =>
  historyIfReadable(
    async () => {
      const found = (await riskModelVersions(db, viewer)).find((version) => version.id === id);
      if (!found) throw new NotFoundError();
      return found;
    },
    (version) => ({
      label: `Risk model, version ${version.version}`,
      href: paths.riskModelVersion(version.version),
      show: showWhole,
    }),
  );

function checked(input: unknown): { content: RiskModel; changeNote: string } {
  const parsed = parseOrThrow(riskModelInput, input);
  const content = modelOf(parsed);
  const changeNote = parsed.changeNote;
  const problems = riskModelProblems(content);
  if (problems.length > 0) throw new ValidationError(problems);
  return { content, changeNote };
}

export interface ColourChange {
  serviceId: string;
  name: string;
  providerName: string;
  from: { colour: RiskColour; score: number };
  to: { colour: RiskColour; score: number };
}

export interface ModelPreview {
  counts: { colour: RiskColour; current: number; proposed: number }[];
  /** Services whose colour would change, worst first. */
  changes: ColourChange[];
  /** Services whose points change but not their colour. */
  scoreChanges: number;
}

/**
 * What a proposed model would do today, beside the model in use: how many services each colour
 * would hold, and which would change colour. Nothing is saved.
 */
export async function previewRiskModel(db: Db, viewer: CurrentUser, input: unknown): Promise<ModelPreview> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const { content } = checked(input);
  const today = isoDateInLondon(new Date());
  const current = await modelInUse(db, organisationId);
  const scope = { organisationIds: [organisationId] };
  const [before, after] = await Promise.all([
    scoreServices(db, scope, new Map([[organisationId, current]]), today),
    scoreServices(db, scope, new Map([[organisationId, { version: current.version + 1, content }]]), today),
  ]);
  const proposed = new Map(after.map((each) => [each.serviceId, each.result]));
  const changed = before.filter((each) => proposed.get(each.serviceId)?.colour !== each.result.colour);
  const names = await serviceNames(
    db,
    organisationId,
    changed.map((each) => each.serviceId),
  );
  const rank = (colour: RiskColour) => RISK_COLOURS.indexOf(colour);
  return {
    counts: RISK_COLOURS.map((colour) => ({
      colour,
      current: before.filter((each) => each.result.colour === colour).length,
      proposed: after.filter((each) => each.result.colour === colour).length,
    })),
    changes: changed
      .map((each) => {
        const to = proposed.get(each.serviceId)!;
        const name = names.get(each.serviceId);
        return {
          serviceId: each.serviceId,
          name: name?.name ?? '',
          providerName: name?.providerName ?? '',
          from: { colour: each.result.colour, score: each.result.score },
          to: { colour: to.colour, score: to.score },
        };
      })
      .sort((a, b) => rank(b.to.colour) - rank(a.to.colour) || a.name.localeCompare(b.name)),
    scoreChanges: before.filter(
      (each) =>
        proposed.get(each.serviceId)?.colour === each.result.colour &&
        proposed.get(each.serviceId)?.score !== each.result.score,
    ).length,
  };
}

/** Saves a new version of the model and rates every service under it at once. */
export async function saveRiskModel(db: Db, viewer: CurrentUser, input: unknown): Promise<RiskModelVersion> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const { content, changeNote } = checked(input);
  const latest = await repository.latestRiskModel(db, organisationId);
  const row = {
    organisationId,
    id: randomUUID(),
    version: (latest?.version ?? 0) + 1,
    content,
    changeNote,
    createdBy: viewer.id,
    createdAt: new Date(),
  };
  try {
    await db.transaction(async (tx) => {
      await repository.insertRiskModel(tx, row);
      await recordAudit(tx, actorOf(viewer), [
        {
          action: 'risk-model.version',
          recordType: 'risk-model',
          recordId: row.id,
          after: { version: row.version, amberFrom: content.amberFrom, redFrom: content.redFrom },
          reason: changeNote,
        },
      ]);
      await rateServices(tx, { organisationId }, row.createdAt);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'risk_models_version_idx'))
      throw new ConflictError('Someone saved a new version just now: read it, then make your change again');
    throw error;
  }
  return shown(row);
}
