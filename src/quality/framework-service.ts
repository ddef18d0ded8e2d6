// The organisation's quality assessment framework and its versions. Quality officers and
// commissioners keep it; auditors read it. A version, once made, is never changed.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { showWhole, type HistoryRule } from '../platform/audit/history.ts';
import { recordAudit, type Actor } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { DEMO_FRAMEWORK, DEMO_FRAMEWORK_NAME } from './domain/demo-framework.ts';
import { frameworkProblems, questionsOf, type FrameworkContent } from './domain/framework.ts';
import { describeRule } from './domain/ratings.ts';
import { historyIfReadable } from './history-rule.ts';
import { frameworkVersionInput } from './input.ts';
import { paths } from './paths.ts';
import * as repository from './repository.ts';

export const QUALITY_KEEPERS: readonly Role[] = ['quality_officer', 'commissioner'];
export const QUALITY_READERS: readonly Role[] = [...QUALITY_KEEPERS, 'auditor'];

/** A version as people read it: its rules in words beside the data. */
function shown(row: repository.FrameworkRow) {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    changeNote: row.changeNote,
    createdAt: row.createdAt,
    questionCount: questionsOf(row.content).length,
    content: row.content,
    rules: { domain: describeRule(row.content.domainRule), overall: describeRule(row.content.overallRule) },
  };
}
export type FrameworkVersion = ReturnType<typeof shown>;

export async function frameworkVersions(db: Db, viewer: CurrentUser): Promise<FrameworkVersion[]> {
  const organisationId = staffOrganisation(viewer, QUALITY_READERS);
  return (await repository.frameworkVersions(db, organisationId)).map(shown);
}

/** One version; the latest (the one new assessments use) where none is named. Null where there is none yet. */
export async function frameworkVersion(
  db: Db,
  viewer: CurrentUser,
  version?: number,
): Promise<FrameworkVersion | null> {
  const organisationId = staffOrganisation(viewer, QUALITY_READERS);
  if (version === undefined) {
    const [latest] = await repository.frameworkVersions(db, organisationId);
    return latest ? shown(latest) : null;
  }
  const row = Number.isSafeInteger(version)
    ? await repository.frameworkVersion(db, organisationId, version)
    : undefined;
  if (!row) throw new NotFoundError();
  return shown(row);
}

/** A version's history: for those who read the framework, the organisation's quality readers. */
export const frameworkHistory: HistoryRule = (db, viewer, id) =>
  historyIfReadable(
    async () => {
      const found = (await frameworkVersions(db, viewer)).find((version) => version.id === id);
      if (!found) throw new NotFoundError();
      return found;
    },
    (version) => ({
      label: `${version.name}, version ${version.version}`,
      href: paths.frameworkVersion(version.version),
      show: showWhole,
    }),
  );

async function addVersion(
  db: Db,
  organisationId: string,
  actor: Actor,
  createdBy: string | null,
  version: { name: string; changeNote: string; content: FrameworkContent },
) {
  const problems = frameworkProblems(version.content);
  if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ field: 'content', message })));
  const [latest] = await repository.frameworkVersions(db, organisationId);
  const row = {
    organisationId,
    id: randomUUID(),
    version: (latest?.version ?? 0) + 1,
    ...version,
    createdBy,
    createdAt: new Date(),
  };
  try {
    await db.transaction(async (tx) => {
      await repository.insertFramework(tx, row);
      await recordAudit(tx, actor, [
        {
          action: 'quality-framework.version',
          recordType: 'quality-framework',
          recordId: row.id,
          after: { version: row.version, name: row.name, questions: questionsOf(row.content).length },
          reason: row.changeNote,
        },
      ]);
    });
  } catch (error) {
    // Two people saving a version at once: the second is told, and saves again from the new one.
    if (isUniqueViolation(error, 'quality_frameworks_version_idx'))
      throw new ConflictError('Someone saved a new version just now: read it, then make your change again');
    throw error;
  }
  return shown(row);
}

/** A new version of the framework, from the whole of it as it should now be. */
export async function saveFrameworkVersion(db: Db, viewer: CurrentUser, input: unknown): Promise<FrameworkVersion> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  return addVersion(db, organisationId, actorOf(viewer), viewer.id, parseOrThrow(frameworkVersionInput, input));
}

const STARTING_VERSION = {
  name: DEMO_FRAMEWORK_NAME,
  changeNote: 'Started from Hearth’s framework for supported living',
  content: DEMO_FRAMEWORK,
};

/** An organisation with no framework yet starts from Hearth's own. */
export async function adoptStartingFramework(db: Db, viewer: CurrentUser): Promise<FrameworkVersion> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  if ((await repository.frameworkVersions(db, organisationId)).length > 0)
    throw new ConflictError('This organisation already has a framework: make a new version of it instead');
  return addVersion(db, organisationId, actorOf(viewer), viewer.id, STARTING_VERSION);
}

/** The demo county's framework, loaded as Hearth's own. */
export const loadStartingFramework = (db: Db, organisationId: string, actor: Actor) =>
  addVersion(db, organisationId, actor, null, STARTING_VERSION);
