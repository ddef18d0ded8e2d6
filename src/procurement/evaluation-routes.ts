// Pages for evaluation: the vehicle's evaluation list, an evaluator's declaration and scoring,
// moderation, tier allocation, and the award with its letters.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { ValidationError, type FieldError } from '../platform/http/errors.ts';
import { field, formSchema, withFormFields } from '../platform/http/form-fields.ts';
import { formErrors, one, type FormBody } from '../platform/http/forms.ts';
import { formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { TENDER_ROLES } from './domain/procurement-sight.ts';
import { TENDER_READERS } from './access.ts';
import { STAGE_LABELS } from './domain/vehicles.ts';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from './domain/applications.ts';
import type { Progress } from './domain/evaluation.ts';
import { ALLOCATION_RULE_LABELS, ALLOCATION_RULES, type TierAllocation } from './domain/tier-allocation.ts';
import * as evaluation from './evaluation-service.ts';
import * as evaluationSummary from './evaluation-summary-service.ts';
import * as tiers from './tier-service.ts';
import * as award from './award-service.ts';
import * as awardLetters from './award-letter-service.ts';
import * as checks from './commitment-checks.ts';
import { getVehicle, openResubmission } from './service.ts';
import { paths } from './paths.ts';

export function progressText(progress: Progress): string {
  if (progress.state === 'through') return 'Through every stage';
  if (progress.state === 'excluded' && progress.stage === 'award') return 'Not awarded';
  if (progress.state === 'excluded') return `Excluded at ${STAGE_LABELS[progress.stage].toLowerCase()}`;
  return STAGE_LABELS[progress.stage];
}

const DECIDED: readonly string[] = ['successful', 'unsuccessful', 'not-admitted'];

/** Where an application stands: once the award is decided, what it decided ("Below the quality threshold: not admitted"). */
export function standingText(status: string, progress: Progress): string {
  return DECIDED.includes(status) ? APPLICATION_STATUS_LABELS[status as ApplicationStatus] : progressText(progress);
}

const EVALUATION_VIEW = 'procurement/views/evaluation.njk';
const SCORING_VIEW = 'procurement/views/scoring.njk';
const MODERATION_VIEW = 'procurement/views/moderation.njk';
const TIERS_VIEW = 'procurement/views/tiers.njk';
const AWARD_VIEW = 'procurement/views/award.njk';
const RULE_NAMES: Record<string, string> = ALLOCATION_RULE_LABELS;

/** The score choices on the vehicle's scale, with the one the form holds selected. */
const scoreItems = (scaleMax: number) => (selected: string | string[] | undefined) => [
  { value: '', text: 'Choose a score' },
  ...Array.from({ length: scaleMax + 1 }, (_, n) => ({
    value: String(n),
    text: String(n),
    selected: one(selected) === String(n),
  })),
];

const backToEvaluation = (vehicleId: string) => ({ href: paths.evaluation(vehicleId), text: 'Back to the evaluation' });

/** A date typed in a GOV.UK date input's three boxes: the service's example, written as the boxes take it. */
const onDateBoxes = (problem: FieldError): FieldError => ({
  ...problem,
  message: problem.message.replace(/, like \d{4}-\d{2}-\d{2}$/, ', for example 27 3 2026'),
});

/** A form in one row of a list (a question, a membership): its refusal is shown on that row's boxes. */
const onRow =
  (row: string) =>
  (problem: FieldError): FieldError => ({ ...problem, field: `${problem.field}-${row}` });

/** The evaluation of a vehicle, and what evaluators and commissioners do in it. */
export function evaluationPages(db: Db): PageRoute[] {
  const summaryPage = async ({ user, params }: PageCall) => {
    const summary = await evaluationSummary.evaluationSummary(db, user, params.id!);
    return {
      title: `Evaluation of ${summary.vehicle.vehicle.name}`,
      ...summary,
      isEvaluator: hasRole(user, 'evaluator'),
      isModerator: summary.vehicle.canManage,
      rows: summary.rows.map((row) => ({ ...row, progressText: standingText(row.application.status, row.progress) })),
      applicationsHref: paths.applications({ vehicleId: summary.vehicle.vehicle.id }),
      backLink: { href: paths.vehicle(summary.vehicle.vehicle.id) },
    };
  };
  const onSummary = { view: EVALUATION_VIEW, showsOn: false, load: summaryPage } as const;

  const scoringPage = async ({ user, params }: PageCall, values: FormBody) => {
    const view = await evaluation.scoringView(db, user, params.id!);
    const mine = new Map(
      view.scores.filter((score) => score.evaluatorId === user.id).map((score) => [score.questionId, score]),
    );
    const answerOf = new Map((view.application?.answers ?? []).map((answer) => [answer.questionId, answer]));
    return {
      title: `Score ${view.subject.providerName}`,
      ...view,
      // Where declaring would let the evaluator see it: the declaration form, on the evaluation page.
      declareHref: view.declaration ? null : paths.declaration(view.subject.vehicle.id),
      questions: (view.application?.questions ?? [])
        .filter((question) => question.kind === 'quality')
        .map((question) => ({
          question,
          answer: answerOf.get(question.id),
          mine: mine.get(question.id),
          others: view.scores.filter((score) => score.questionId === question.id && score.evaluatorId !== user.id),
          values: {
            score: values[`score-${question.id}`] ?? mine.get(question.id)?.score?.toString() ?? '',
            comment: values[`comment-${question.id}`] ?? mine.get(question.id)?.comment ?? '',
          },
        })),
      scoreItems: scoreItems(view.scaleMax),
      backLink: backToEvaluation(view.subject.vehicle.id),
    };
  };

  const moderationPage = async ({ user, params }: PageCall, values: FormBody) => {
    const view = await evaluation.moderationView(db, user, params.id!);
    return {
      title: `Moderate ${view.application.provider.name}`,
      ...view,
      rows: view.rows.map((row) => ({
        ...row,
        values: {
          score: values[`score-${row.questionId}`] ?? row.agreed?.score?.toString() ?? '',
          rationale: values[`rationale-${row.questionId}`] ?? row.agreed?.rationale ?? '',
        },
      })),
      scoreItems: scoreItems(view.scaleMax),
      backLink: backToEvaluation(view.application.vehicle.id),
    };
  };

  return [
    page({ path: '/vehicles/:id/evaluation', access: TENDER_ROLES, view: EVALUATION_VIEW, load: summaryPage }),
    formPage({
      ...onSummary,
      path: '/vehicles/:id/resubmission',
      access: ['commissioner'],
      form: formSchema({ until: field.date() }),
      save: ({ user, params }, input) => withFormFields(openResubmission(db, user, params.id!, input), onDateBoxes),
      next: (_call, saved) => ({
        to: paths.evaluation(saved.vehicle.id),
        flash: `Resubmission is open until the end of ${longDate(saved.vehicle.resubmissionUntil)}`,
      }),
    }),
    formPage({
      ...onSummary,
      path: '/vehicles/:id/declaration',
      access: ['evaluator'],
      form: formSchema({ hasConflict: field.yesNo(), details: field.text() }),
      // A declaration the service cannot read at all is shown on its question.
      errorFields: { '(body)': 'hasConflict' },
      save: ({ user, params }, input) => evaluation.declareConflict(db, user, params.id!, input),
      next: ({ params }) => paths.evaluation(params.id!),
    }),
    formPage({
      path: '/applications/:id/scoring',
      access: ['evaluator'],
      view: SCORING_VIEW,
      // A score and a comment for each quality question, named by the question; "Save" or "Submit".
      form: formSchema({
        scores: field.each('score-', field.number(null)),
        comments: field.each('comment-', field.text()),
        action: field.choice(['save', 'submit'] as const),
      }),
      load: scoringPage,
      save: async ({ user, params }, { scores, comments, action }) => {
        // Only an evaluator who may score it gets as far as saving, even with every box left blank.
        const { scoringProblem } = await evaluation.scoringView(db, user, params.id!);
        if (scoringProblem) throw new ValidationError([{ field: 'score', message: scoringProblem }]);
        const problems: FieldError[] = [];
        for (const [questionId, score] of Object.entries(scores)) {
          const comment = comments[questionId] ?? '';
          // A question left blank is not scored yet.
          if (score === null && comment.trim() === '') continue;
          try {
            await evaluation.saveScore(db, user, params.id!, questionId, { score: score ?? Number.NaN, comment });
          } catch (error) {
            // Every question's refusal is shown together, each on its own boxes.
            problems.push(
              ...formErrors(error).map((problem) => ({
                ...problem,
                field: `${problem.field === 'comment' ? 'comment' : 'score'}-${questionId}`,
              })),
            );
          }
        }
        if (problems.length > 0) throw new ValidationError(problems);
        if (action === 'submit') await evaluation.submitScores(db, user, params.id!);
        return action;
      },
      next: ({ params }, action) => ({
        to: paths.scoring(params.id!),
        flash: action === 'submit' ? 'Your scores have been submitted' : 'Your scores have been saved',
      }),
    }),
    page({
      path: '/applications/:id/moderation',
      access: ['commissioner'],
      view: MODERATION_VIEW,
      load: (call) => moderationPage(call, {}),
    }),
    formPage({
      path: '/applications/:id/moderation/:questionId',
      access: ['commissioner'],
      view: MODERATION_VIEW,
      showsOn: false,
      // Each question's row has its own boxes, named by the question.
      form: formSchema({
        scores: field.each('score-', field.number(Number.NaN)),
        rationales: field.each('rationale-', field.text()),
      }),
      load: moderationPage,
      save: ({ user, params }, { scores, rationales }) => {
        const questionId = params.questionId!;
        const agreed = { score: scores[questionId] ?? Number.NaN, rationale: rationales[questionId] ?? '' };
        return withFormFields(evaluation.agreeScore(db, user, params.id!, questionId, agreed), onRow(questionId));
      },
      next: ({ params }) => ({ to: paths.moderation(params.id!), flash: 'Agreed score recorded' }),
    }),
    ...tierPages(db),
    ...awardPages(db),
  ];
}

/** The two allocation rules side by side, and the commissioner's confirmation of one. */
function tierPages(db: Db): PageRoute[] {
  const tiersPage = async ({ user, params }: PageCall, values: FormBody = {}) => {
    const proposal = await tiers.tierProposal(db, user, params.id!);
    const detail = await getVehicle(db, user, params.id!);
    const byZone = (allocation: TierAllocation) =>
      proposal.input.zones.map((zone) => ({
        zone,
        tier1: allocation.tier1.filter((bid) => bid.zone === zone.id),
        tier2: allocation.tier2.filter((bid) => bid.zone === zone.id),
        notAdmitted: allocation.unsuccessful.filter((bid) => bid.zone === zone.id),
      }));
    return {
      title: `Tier allocation for ${detail.vehicle.name}`,
      detail,
      proposal: {
        ...proposal,
        waiting: proposal.waiting.map((row) => ({ ...row, stageText: progressText(row.progress) })),
      },
      rules: ALLOCATION_RULES.map((rule) => ({
        rule,
        name: RULE_NAMES[rule],
        result: proposal.results[rule],
        zones: byZone(proposal.results[rule]),
      })),
      confirmedZones: proposal.confirmed ? byZone(proposal.confirmed.result) : null,
      confirmedRuleName: proposal.confirmed ? RULE_NAMES[proposal.confirmed.rule] : null,
      // As typed when shown again, else the vehicle's own rule.
      ruleItems: ALLOCATION_RULES.map((rule) => ({
        value: rule,
        text: RULE_NAMES[rule],
        checked: (one(values.rule) || detail.vehicle.allocationRule) === rule,
      })),
      values,
      canConfirm: detail.canManage,
      backLink: backToEvaluation(detail.vehicle.id),
    };
  };
  return [
    page({ path: '/vehicles/:id/tiers', access: TENDER_ROLES, view: TIERS_VIEW, load: (call) => tiersPage(call) }),
    formPage({
      path: '/vehicles/:id/tiers',
      access: ['commissioner'],
      view: TIERS_VIEW,
      showsOn: false,
      load: tiersPage,
      form: formSchema({ rule: field.choice(ALLOCATION_RULES), reason: field.text() }),
      confirm: (call, input) => checks.tierConfirmationCheck(db, call, input),
      save: ({ user, params }, input) => tiers.confirmTiers(db, user, params.id!, input),
      next: ({ params }) => ({ to: paths.tiers(params.id!), flash: 'The tier allocation has been confirmed' }),
    }),
  ];
}

/** The award: deciding it, starting the contracts, changing a membership, and each applicant's letter. */
function awardPages(db: Db): PageRoute[] {
  const awardPage = async ({ user, params }: PageCall, values: FormBody) => {
    const view = await award.awardView(db, user, params.id!);
    return {
      title: `Award of ${view.summary.vehicle.vehicle.name}`,
      exampleDate: isoDateInLondon(new Date()).split('-').reverse().map(Number).join(' '),
      ...view,
      inEvaluation: view.inEvaluation.map((row) => ({ ...row, stageText: progressText(row.progress) })),
      vehicle: view.summary.vehicle.vehicle,
      canDecide: view.summary.vehicle.canManage,
      values,
      tierLabel: (tier: string | null) => (tier === 'tier1' ? 'Tier 1' : tier === 'tier2' ? 'Tier 2' : 'Member'),
      backLink: { href: paths.vehicle(view.summary.vehicle.vehicle.id), text: 'Back to the vehicle' },
    };
  };
  const onAward = { view: AWARD_VIEW, showsOn: false, access: ['commissioner'], load: awardPage } as const;
  const toAward =
    (flash: string) =>
    ({ params }: PageCall) => ({ to: paths.award(params.id!), flash });
  return [
    page({ path: '/vehicles/:id/award', access: TENDER_ROLES, view: AWARD_VIEW, load: (call) => awardPage(call, {}) }),
    formPage({
      ...onAward,
      path: '/vehicles/:id/award',
      form: formSchema({ noticeDate: field.date() }),
      confirm: (call, input) => checks.awardDecisionCheck(db, call, input),
      save: ({ user, params }, input) => withFormFields(award.decideAward(db, user, params.id!, input), onDateBoxes),
      next: toAward('The award has been decided; standstill has begun'),
    }),
    formPage({
      ...onAward,
      path: '/vehicles/:id/contracts',
      form: formSchema({ startOn: field.date() }),
      save: ({ user, params }, input) => withFormFields(award.startContracts(db, user, params.id!, input), onDateBoxes),
      next: toAward('The contracts have started'),
    }),
    formPage({
      ...onAward,
      path: '/vehicles/:id/memberships/:membershipId',
      form: formSchema({ status: field.choice(['active', 'suspended', 'removed'] as const), reason: field.text() }),
      save: ({ user, params }, input) =>
        withFormFields(
          award.changeMembership(db, user, params.id!, params.membershipId!, input),
          onRow(params.membershipId!),
        ),
      next: toAward('The membership has been changed'),
    }),
    page({
      path: '/applications/:id/letter',
      access: TENDER_READERS,
      view: 'procurement/views/letter.njk',
      load: async ({ user, params }) => {
        const letter = await awardLetters.awardLetter(db, user, params.id!);
        return {
          title: `${letter.vehicleName}: outcome of your application`,
          letter,
          backLink: { href: paths.application(params.id!), text: 'Back to the application' },
        };
      },
    }),
  ];
}
