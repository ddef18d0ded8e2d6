// Procurement's part of today's work (platform/work/work.ts): what waits for each person by their
// roles. Staff see the vehicles of their own organisation (deciding, moderating and the award only
// where it leads, as the services allow); a provider's users only their own applications and what is
// published to every applicant. Items only link: a provider is named only to those who may see who
// applied (domain/procurement-sight.ts), and no submission's content is ever shown here.
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon, type IsoDate } from '../platform/domain/calendar.ts';
import { WORK_ITEMS_SHOWN, type WorkItem, type WorkQueue, type WorkSource } from '../platform/work/work.ts';
import { providerNames } from '../providers/service.ts';
import { procurementSight, type Declaration } from './domain/procurement-sight.ts';
import { STAGE_LABELS, type Stage } from './domain/vehicles.ts';
import * as workRepository from './work-repository.ts';
import { paths } from './paths.ts';

/** How far ahead the end of a standstill is shown, in days. */
export const STANDSTILL_NOTICE_DAYS = 10;
/** How long a published clarification answer stays in a provider's work, in days. */
export const CLARIFICATION_NOTICE_DAYS = 14;

const submittedApplications = `${paths.applications()}?${new URLSearchParams({ status: 'submitted' })}`;

const stageLabel = (stage: string | null) =>
  stage && Object.hasOwn(STAGE_LABELS, stage) ? STAGE_LABELS[stage as Stage] : null;

/** A few words of a longer text, for a hint. */
function shortened(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}

/** Items for applications, naming the provider only where the viewer may see who applied. */
async function applicationItems(
  db: Db,
  viewer: CurrentUser,
  declaration: Declaration | null,
  rows: workRepository.ApplicationWorkRow[],
  item: (row: workRepository.ApplicationWorkRow) => { href: string; hint?: string },
): Promise<WorkItem[]> {
  const namesShown = procurementSight(viewer.roles, declaration).applicants;
  const names = namesShown
    ? await providerNames(
        db,
        rows.map((row) => row.providerId),
      )
    : new Map<string, string>();
  return rows.map((row) => {
    const provider = names.get(row.providerId);
    return {
      text: provider ? `Application from ${provider} to ${row.vehicleName}` : `Application to ${row.vehicleName}`,
      due: row.decisionDueOn,
      ...item(row),
    };
  });
}

async function commissionerQueues(
  db: Db,
  viewer: CurrentUser,
  organisationId: string,
  today: IsoDate,
): Promise<WorkQueue[]> {
  const [toDecide, moderation, standstill] = await Promise.all([
    workRepository.applicationsToDecide(db, organisationId, WORK_ITEMS_SHOWN),
    workRepository.moderationWaiting(db, organisationId, WORK_ITEMS_SHOWN),
    workRepository.standstillEnding(db, organisationId, addDays(today, STANDSTILL_NOTICE_DAYS), WORK_ITEMS_SHOWN),
  ]);
  return [
    {
      key: 'procurement.applications-to-decide',
      title: 'Applications awaiting a decision',
      count: toDecide.count,
      href: submittedApplications,
      items: await applicationItems(db, viewer, null, toDecide.rows, (row) => {
        const stage = stageLabel(row.stage);
        const overdue = row.decisionDueOn !== null && today > row.decisionDueOn;
        return {
          href: paths.application(row.id),
          hint:
            [stage ? `At ${stage.toLowerCase()}` : null, overdue ? 'decision overdue' : null]
              .filter(Boolean)
              .join(', ') || undefined,
        };
      }),
    },
    {
      key: 'procurement.moderation-waiting',
      title: 'Scores ready to moderate',
      count: moderation.count,
      items: await applicationItems(db, viewer, null, moderation.rows, (row) => ({
        href: paths.moderation(row.id),
        hint: 'Every evaluator has submitted scores; record the agreed scores',
      })),
    },
    {
      key: 'procurement.standstill-ending',
      title: 'Standstill ending',
      count: standstill.count,
      items: standstill.rows.map((row) => ({
        text: `Award of ${row.vehicleName}`,
        href: paths.award(row.vehicleId),
        due: row.due,
        hint:
          row.due !== null && today > row.due
            ? 'Standstill has ended: start the contracts'
            : 'Standstill ends at midnight on this day; contracts can start the day after',
      })),
    },
  ];
}

async function evaluatorQueues(db: Db, viewer: CurrentUser, organisationId: string): Promise<WorkQueue[]> {
  const [scoring, declarations] = await Promise.all([
    workRepository.scoringToDo(db, organisationId, viewer.id, WORK_ITEMS_SHOWN),
    workRepository.declarationsDue(db, organisationId, viewer.id, WORK_ITEMS_SHOWN),
  ]);
  return [
    {
      key: 'procurement.scoring-to-do',
      title: 'Applications to score',
      count: scoring.count,
      // Only applications of vehicles where the evaluator has declared no conflict are in this queue.
      items: await applicationItems(db, viewer, { hasConflict: false }, scoring.rows, (row) => ({
        href: paths.scoring(row.id),
        hint: 'Score the quality answers and submit your scores',
      })),
    },
    {
      key: 'procurement.declarations-due',
      title: 'Conflict of interest declarations to make',
      count: declarations.count,
      items: declarations.rows.map((row) => ({
        text: `Declare any conflict of interest for ${row.vehicleName}`,
        href: paths.evaluation(row.vehicleId),
        due: row.due,
        hint: 'Applications are waiting to be scored: declare before you see any submission',
      })),
    },
  ];
}

async function financeQueues(db: Db, viewer: CurrentUser, organisationId: string): Promise<WorkQueue[]> {
  const checks = await workRepository.financialChecksDue(db, organisationId, WORK_ITEMS_SHOWN);
  return [
    {
      key: 'procurement.financial-checks-due',
      title: 'Financial checks due',
      count: checks.count,
      items: await applicationItems(db, viewer, null, checks.rows, (row) => ({
        href: paths.application(row.id),
        hint: 'Record the financial check',
      })),
    },
  ];
}

async function providerQueues(db: Db, providerId: string, now: Date, today: IsoDate): Promise<WorkQueue[]> {
  const since = new Date(now.getTime() - CLARIFICATION_NOTICE_DAYS * 86_400_000);
  const [inProgress, published] = await Promise.all([
    workRepository.applicationsInProgress(db, providerId, today, WORK_ITEMS_SHOWN),
    workRepository.clarificationsPublished(db, since, WORK_ITEMS_SHOWN),
  ]);
  return [
    {
      key: 'procurement.applications-in-progress',
      title: 'Your applications in progress',
      count: inProgress.count,
      href: paths.applications(),
      items: inProgress.rows.map((row) => ({
        text: `Your application to ${row.vehicleName}`,
        href: paths.application(row.id),
        due: row.due,
        hint: row.status === 'draft' ? 'Not yet submitted' : 'Returned for resubmission: change it and submit it again',
      })),
    },
    {
      key: 'procurement.clarifications-published',
      title: 'New answers to clarification questions',
      count: published.count,
      items: published.rows.map((row) => ({
        text: `Clarification answer published for ${row.vehicleName}`,
        href: paths.clarifications(row.vehicleId),
        hint: shortened(row.question),
      })),
    },
  ];
}

/** Procurement's queues for one person, by the roles they hold; each a count and its first few items. */
export function procurementWork(db: Db, clock: () => Date = () => new Date()): WorkSource {
  return async (viewer) => {
    const now = clock();
    const today = isoDateInLondon(now);
    const organisationId = viewer.organisationId;
    const queues: Promise<WorkQueue[]>[] = [];
    if (organisationId) {
      if (hasRole(viewer, 'commissioner')) queues.push(commissionerQueues(db, viewer, organisationId, today));
      if (hasRole(viewer, 'evaluator')) queues.push(evaluatorQueues(db, viewer, organisationId));
      if (hasRole(viewer, 'finance_officer')) queues.push(financeQueues(db, viewer, organisationId));
    }
    if (viewer.providerId && hasRole(viewer, 'provider_user'))
      queues.push(providerQueues(db, viewer.providerId, now, today));
    return (await Promise.all(queues)).flat();
  };
}
