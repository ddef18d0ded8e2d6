// Quality's part of today's work (platform/work/work.ts). A quality officer is given the services
// they look after (contracted_services.officer_id): comments to decide, drafts to send, assessments
// overdue on the schedule, actions to sign off and actions overdue; a commissioner the same for the
// whole organisation, drafts aside (officers write them). A provider is given, in every organisation
// that contracts it, drafts to check the facts of, its actions overdue or due soon, and contract
// actions to acknowledge. Each item says what and by when and links where it is done; nobody sees
// another organisation's or another provider's records.
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon, longDate, type IsoDate } from '../platform/domain/calendar.ts';
import { WORK_ITEMS_SHOWN, type WorkItem, type WorkQueue, type WorkSource } from '../platform/work/work.ts';
import { ACTION_STATUS_LABELS, type ActionStatus } from './domain/assessments.ts';
import { CONTRACT_ACTION_KIND_LABELS, KIND_RULES, type ContractActionKind } from './domain/contract-actions.ts';
import { quarterLabel } from './domain/kpi.ts';
import { QUALITY_KEEPERS } from './framework-service.ts';
import { quartersDue } from './kpi-schedule.ts';
import { paths } from './paths.ts';
import * as register from './register-repository.ts';
import { settingsOf } from './register-service.ts';
import * as repository from './work-repository.ts';

/** How far ahead a provider is shown the actions falling due on its plans, in days. */
export const PROVIDER_ACTIONS_AHEAD_DAYS = 14;

function queue(key: string, title: string, href: string, found: { total: number }, items: WorkItem[]): WorkQueue {
  return { key: `quality.${key}`, title, count: found.total, items, href };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const actionStatus = (status: string) => ACTION_STATUS_LABELS[status as ActionStatus] ?? status;

/** An action on a plan, as staff and providers alike see it in a queue. */
const actionItem = (row: repository.ActionLine, today: IsoDate, hint: string): WorkItem => ({
  text: `“${row.title}” at ${row.serviceName}`,
  href: paths.action(row.id),
  due: row.dueOn,
  dueWords: row.dueOn < today ? 'overdue since' : 'due',
  hint,
});

/** The services in the scope whose assessment is overdue by the schedule's own rule and settings. */
async function overdueServices(db: Db, scope: repository.StaffScope, today: IsoDate) {
  const { assessmentIntervalMonths } = await settingsOf(db, scope.organisationId);
  return register.schedule(
    db,
    scope.organisationId,
    { status: 'overdue', officerId: scope.officerId, intervalMonths: assessmentIntervalMonths, today },
    { key: 'due', direction: 'asc' },
    { offset: 0, limit: WORK_ITEMS_SHOWN },
  );
}

/** The organisation's KPI returns never made, past their due day: every officer chases them, so no officer's scope. */
async function missingKpiReturns(db: Db, scope: repository.StaffScope, today: IsoDate) {
  const quarters = await quartersDue(db, today, [scope.organisationId]);
  return repository.kpiReturnsMissing(db, quarters, scope.organisationId, today, WORK_ITEMS_SHOWN);
}

async function staffQueues(db: Db, scope: repository.StaffScope, today: IsoDate): Promise<WorkQueue[]> {
  const [toDecide, drafts, overdue, toSignOff, actionsOverdue, kpiMissing] = await Promise.all([
    repository.assessmentsInStatus(db, scope, 'comments-to-decide', WORK_ITEMS_SHOWN),
    scope.officerId ? repository.assessmentsInStatus(db, scope, 'draft', WORK_ITEMS_SHOWN) : null,
    overdueServices(db, scope, today),
    repository.actionsToSignOff(db, scope, WORK_ITEMS_SHOWN),
    repository.actionsOverdue(db, scope, today, WORK_ITEMS_SHOWN),
    missingKpiReturns(db, scope, today),
  ]);
  const schedule = new URLSearchParams({ status: 'overdue', ...(scope.officerId && { officerId: scope.officerId }) });
  return [
    queue(
      'comments-to-decide',
      'Provider comments to decide',
      paths.assessments(),
      toDecide,
      toDecide.rows.map((row) => ({
        text: `Decide ${row.providerName}’s comments on the assessment of ${row.serviceName}`,
        href: paths.assessment(row.id),
        hint: `${plural(row.undecided, 'comment')} to accept or reject, then publish`,
      })),
    ),
    ...(drafts
      ? [
          queue(
            'drafts-to-send',
            'Draft assessments to send',
            paths.assessments(),
            drafts,
            drafts.rows.map((row) => ({
              text: `Send the draft assessment of ${row.serviceName} to ${row.providerName}`,
              href: paths.assessment(row.id),
              hint: `${row.visitOn <= today ? 'Visited' : 'Visit'} on ${longDate(row.visitOn)}: rate every question, then send it to check its facts`,
            })),
          ),
        ]
      : []),
    queue(
      'assessments-overdue',
      'Assessments overdue',
      `${paths.schedule()}?${schedule}`,
      overdue,
      overdue.rows.map((row) => ({
        text: `Assess ${row.service.name} (${row.providerName})`,
        href: row.openAssessmentId ? paths.assessment(row.openAssessmentId) : paths.planAssessment(row.service.id),
        due: row.dueOn,
        dueWords: 'due since',
        hint: row.openAssessmentId ? 'An assessment is under way' : 'No assessment is planned yet',
      })),
    ),
    queue(
      'actions-to-sign-off',
      'Actions to sign off',
      paths.actions(),
      toSignOff,
      toSignOff.rows.map((row) =>
        actionItem(row, today, `${row.providerName} says it is done: sign it off or reopen it`),
      ),
    ),
    queue(
      'actions-overdue',
      'Actions overdue',
      `${paths.actions()}?overdue=yes`,
      actionsOverdue,
      actionsOverdue.rows.map((row) => actionItem(row, today, `${row.providerName}: ${actionStatus(row.status)}`)),
    ),
    queue(
      'kpi-returns-missing',
      'KPI returns missing',
      `${paths.kpiReturns()}?status=missing`,
      kpiMissing,
      kpiMissing.rows.map((row) => ({
        text: `Chase ${row.providerName}’s KPI return for ${quarterLabel(row.quarter)}`,
        href: paths.kpiReturn(row.membershipId, row.quarter),
        due: row.dueOn,
        dueWords: 'due since',
        hint: `${row.vehicleName}, ${row.lotTitle}: ${plural(row.daysOverdue ?? 0, 'day')} overdue`,
      })),
    ),
  ];
}

async function providerQueues(db: Db, providerId: string, today: IsoDate): Promise<WorkQueue[]> {
  const [toCheck, due, toAcknowledge] = await Promise.all([
    repository.assessmentsToCheck(db, providerId, today, WORK_ITEMS_SHOWN),
    repository.providerActionsDue(db, providerId, addDays(today, PROVIDER_ACTIONS_AHEAD_DAYS), WORK_ITEMS_SHOWN),
    repository.contractActionsToAcknowledge(db, providerId, WORK_ITEMS_SHOWN),
  ]);
  return [
    queue(
      'assessments-to-check',
      'Draft assessments to check',
      paths.assessments(),
      toCheck,
      toCheck.rows.map((row) => ({
        text: `Check the facts of the draft assessment of ${row.serviceName}`,
        href: paths.assessment(row.id),
        due: row.commentsDueOn,
        dueWords: 'comment by',
        hint: `From ${row.organisationName}: after this day it is published as it stands`,
      })),
    ),
    queue(
      'actions-due',
      'Actions due on your plans',
      paths.actions(),
      due,
      due.rows.map((row) => actionItem(row, today, `${actionStatus(row.status)}, for ${row.organisationName}`)),
    ),
    queue(
      'contract-actions-to-acknowledge',
      'Contract actions to acknowledge',
      paths.contractActions(),
      toAcknowledge,
      toAcknowledge.rows.map((row) => {
        const kind = row.kind as ContractActionKind;
        const due = KIND_RULES[kind].due;
        return {
          text: `Acknowledge ${row.organisationName}’s ${CONTRACT_ACTION_KIND_LABELS[kind].toLowerCase()}`,
          href: paths.contractAction(row.id),
          hint: `In force from ${longDate(row.startsOn)}${due && row.dueOn ? `; ${due.label} ${longDate(row.dueOn)}` : ''}`,
        };
      }),
    ),
  ];
}

/** The scope of a member of staff's quality work: their own services for a quality officer, the organisation's for a commissioner. */
function staffScope(viewer: CurrentUser): repository.StaffScope | null {
  if (viewer.organisationId === null || viewer.providerId !== null || !hasRole(viewer, ...QUALITY_KEEPERS)) return null;
  return {
    organisationId: viewer.organisationId,
    officerId: hasRole(viewer, 'quality_officer') ? viewer.id : undefined,
  };
}

/** What quality has waiting for the signed-in person: only the queues of the roles they hold. */
export function qualityWork(db: Db): WorkSource {
  return async (viewer) => {
    const today = isoDateInLondon(new Date());
    const scope = staffScope(viewer);
    const providerId = viewer.providerId !== null && hasRole(viewer, 'provider_user') ? viewer.providerId : null;
    const queues = await Promise.all([
      scope ? staffQueues(db, scope, today) : [],
      providerId ? providerQueues(db, providerId, today) : [],
    ]);
    return queues.flat();
  };
}
