// Who of a vehicle's staff sees what of its tender: bids are commercially sensitive and scores
// decide contracts, so only the people who run the procurement see them. The application service
// applies this on every route to a bid (page, API, documents, history, letters).
import type { Role } from '../../platform/domain/roles.ts';

export interface ProcurementSight {
  /** Which providers applied, and where each stands. */
  applicants: boolean;
  /** What they submitted: answers, prices and documents. */
  submissions: boolean;
  /** Moderated and weighted scores, the tier allocation and the award. */
  scores: boolean;
  /** Why submissions are withheld from this person, where they are. */
  withheld: string | null;
}

export interface Declaration {
  hasConflict: boolean;
}

/** The staff roles that run a procurement; for any other, a tender's pages are not theirs. */
export const TENDER_ROLES: readonly Role[] = ['commissioner', 'auditor', 'evaluator', 'finance_officer'];

const NOTHING: ProcurementSight = {
  applicants: false,
  submissions: false,
  scores: false,
  withheld: 'Only the people running this procurement see its applications',
};
const EVERYTHING: ProcurementSight = { applicants: true, submissions: true, scores: true, withheld: null };

export const UNDECLARED = 'Declare whether you have a conflict of interest before you see any submission';
export const CONFLICTED = "You declared a conflict of interest, so you do not see this vehicle's submissions or scores";

/**
 * Commissioners and auditors see everything; an evaluator sees submissions and scores once they
 * have declared no conflict (before that only who applied, so they can declare; after declaring a
 * conflict only that, whatever other role they hold); finance officers see submissions for the
 * financial check, not scores. Anyone else
 * on the staff sees nothing of the tender.
 */
export function procurementSight(roles: readonly Role[], declaration: Declaration | null): ProcurementSight {
  if (roles.includes('commissioner') || roles.includes('auditor')) return EVERYTHING;
  const evaluator = roles.includes('evaluator');
  // A declared conflict holds whatever else the person does.
  if (evaluator && declaration?.hasConflict)
    return { applicants: true, submissions: false, scores: false, withheld: CONFLICTED };
  if (evaluator && declaration) return EVERYTHING;
  if (roles.includes('finance_officer')) return { applicants: true, submissions: true, scores: false, withheld: null };
  if (evaluator) return { applicants: true, submissions: false, scores: false, withheld: UNDECLARED };
  return NOTHING;
}
