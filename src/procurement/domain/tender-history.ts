// What of a tender's history each person may see. An applicant sees its own actions and the
// decisions published to it (each stage's outcome and the reason it is told), never evaluators'
// scores; staff without sight of scores see none; an evaluator sees their own scores and the
// agreed ones, never another evaluator's; commissioners and auditors see everything.

export interface TenderEvent {
  action: string;
  actorUserId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export type TenderViewer =
  { kind: 'applicant' } | { kind: 'staff'; userId: string; scores: boolean; everyScore: boolean };

/** What the applying provider does itself. */
const APPLICANT_ACTIONS = new Set([
  'application.start',
  'application.lots',
  'application.answer',
  'application.prices',
  'application.document',
  'application.submit',
  'application.resubmit',
]);
const EVALUATORS_OWN = new Set(['score.save', 'score.submit']);

/** The event as this viewer may see it, or null. */
export function shownTenderEvent<E extends TenderEvent>(event: E, viewer: TenderViewer): E | null {
  if (viewer.kind === 'applicant') {
    if (APPLICANT_ACTIONS.has(event.action)) return event;
    // A stage decision is published to the tenderer: the outcome and the reason it is told.
    return event.action === 'application.stage' ? event : null;
  }
  if (event.action.startsWith('score.')) {
    if (!viewer.scores) return null;
    if (EVALUATORS_OWN.has(event.action) && !viewer.everyScore && event.actorUserId !== viewer.userId) return null;
  }
  return event;
}

/** Vehicle events that carry the tender's scores or evaluators' declarations. */
const VEHICLE_TENDER_ACTIONS = new Set(['evaluator.declaration', 'tiers.confirm', 'vehicle.award']);

export function shownVehicleEvent<E extends TenderEvent>(event: E, seesScores: boolean): E | null {
  return seesScores || !VEHICLE_TENDER_ACTIONS.has(event.action) ? event : null;
}
