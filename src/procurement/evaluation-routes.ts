// Pages for evaluation: the vehicle's evaluation list, an evaluator's declaration and scoring,
// moderation, and recording each stage's outcome.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { TENDER_ROLES } from './domain/procurement-sight.ts';
import { ValidationError, type FieldError } from '../platform/http/errors.ts';
import { formErrors, one, saveOrShow, type FormBody } from '../platform/http/forms.ts';
import { STAGE_LABELS } from './domain/vehicles.ts';
import type { Progress } from './domain/evaluation.ts';
import * as evaluation from './evaluation-service.ts';
import * as tiers from './tier-service.ts';
import * as award from './award-service.ts';
import { getVehicle, openResubmission } from './service.ts';
import { ALLOCATION_RULES, type TierAllocation } from './domain/tier-allocation.ts';

const params = (request: FastifyRequest) => request.params as Record<string, string>;

export function progressText(progress: Progress): string {
  if (progress.state === 'through') return 'Through every stage';
  if (progress.state === 'excluded') return `Excluded at ${STAGE_LABELS[progress.stage].toLowerCase()}`;
  return STAGE_LABELS[progress.stage];
}

/** Runs a save and redirects; a rejected save shows the page again with its errors. */
async function saveThen(reply: FastifyReply, save: () => Promise<unknown>, redirect: string, show: (errors: FieldError[]) => Promise<unknown>) {
  return (await saveOrShow(reply, save, show)) ? reply.redirect(redirect) : reply;
}

/** The score choices on the vehicle's scale, with the one the form holds selected. */
const scoreItems = (scaleMax: number) => (selected: string | string[] | undefined) =>
  [{ value: '', text: 'Choose a score' }, ...Array.from({ length: scaleMax + 1 }, (_, n) => ({ value: String(n), text: String(n), selected: one(selected) === String(n) }))];

export async function registerEvaluationRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const summaryPage = async (request: FastifyRequest, errors: FieldError[] = []) => {
    const summary = await evaluation.evaluationSummary(db, request.user!, params(request).id!);
    const user = request.user!;
    return {
      title: `Evaluation of ${summary.vehicle.vehicle.name}`,
      ...summary,
      errors,
      isEvaluator: hasRole(user, 'evaluator'),
      isModerator: summary.vehicle.canManage,
      rows: summary.rows.map((row) => ({ ...row, progressText: progressText(row.progress) })),
      backLink: { href: `/vehicles/${summary.vehicle.vehicle.id}` },
    };
  };

  app.get('/vehicles/:id/evaluation', { config: { access: TENDER_ROLES } }, async (request, reply) =>
    reply.page('procurement/views/evaluation.njk', await summaryPage(request)));

  app.post('/vehicles/:id/resubmission', { config: { access: ['commissioner'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    return saveThen(reply, async () => {
      await openResubmission(db, request.user!, params(request).id!, { until: one(body.until) });
      request.session.flash = `Resubmission is open until the end of ${one(body.until)}`;
    }, `/vehicles/${params(request).id}/evaluation`, async (errors) => reply.page('procurement/views/evaluation.njk', await summaryPage(request, errors)));
  });

  app.post('/vehicles/:id/declaration', { config: { access: ['evaluator'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const hasConflict = one(body.hasConflict);
    return saveThen(reply,
      () => evaluation.declareConflict(db, request.user!, params(request).id!, { hasConflict: hasConflict === 'yes' ? true : hasConflict === 'no' ? false : (undefined as unknown as boolean), details: one(body.details) }),
      `/vehicles/${params(request).id}/evaluation`,
      async (errors) => reply.page('procurement/views/evaluation.njk', await summaryPage(request, errors.map((e) => (e.field === 'hasConflict' || e.field === '(body)' ? { ...e, field: 'hasConflict' } : e)))));
  });

  const scoringPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const view = await evaluation.scoringView(db, request.user!, params(request).id!);
    const mine = new Map(view.scores.filter((score) => score.evaluatorId === request.user!.id).map((score) => [score.questionId, score]));
    const answerOf = new Map(view.application.answers.map((answer) => [answer.questionId, answer]));
    return {
      title: `Score ${view.application.provider.name}`,
      ...view,
      errors,
      questions: view.application.questions.filter((question) => question.kind === 'quality').map((question) => ({
        question,
        answer: answerOf.get(question.id),
        mine: mine.get(question.id),
        others: view.scores.filter((score) => score.questionId === question.id && score.evaluatorId !== request.user!.id),
        values: { score: values[`score-${question.id}`] ?? mine.get(question.id)?.score?.toString() ?? '', comment: values[`comment-${question.id}`] ?? mine.get(question.id)?.comment ?? '' },
      })),
      scoreItems: scoreItems(view.scaleMax),
      backLink: { href: `/vehicles/${view.application.vehicle.id}/evaluation`, text: 'Back to the evaluation' },
    };
  };

  app.get('/applications/:id/scoring', { config: { access: ['evaluator'] } }, async (request, reply) =>
    reply.page('procurement/views/scoring.njk', await scoringPage(request)));

  app.post('/applications/:id/scoring', { config: { access: ['evaluator'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const id = params(request).id!;
    const view = await evaluation.scoringView(db, request.user!, id);
    const quality = view.application.questions.filter((question) => question.kind === 'quality');
    return saveThen(reply, async () => {
      const problems: FieldError[] = [];
      for (const question of quality) {
        const score = one(body[`score-${question.id}`]);
        const comment = one(body[`comment-${question.id}`]);
        if (score === '' && comment.trim() === '') continue;
        try {
          await evaluation.saveScore(db, request.user!, id, question.id, { score: score === '' ? Number.NaN : Number(score), comment });
        } catch (error) {
          problems.push(...formErrors(error).map((e) => ({ ...e, field: `${e.field === 'comment' ? 'comment' : 'score'}-${question.id}` })));
        }
      }
      if (problems.length > 0) throw new ValidationError(problems);
      if (one(body.action) === 'submit') await evaluation.submitScores(db, request.user!, id);
      request.session.flash = one(body.action) === 'submit' ? 'Your scores have been submitted' : 'Your scores have been saved';
    }, `/applications/${id}/scoring`, async (errors) => reply.page('procurement/views/scoring.njk', await scoringPage(request, body, errors)));
  });

  const moderationPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const view = await evaluation.moderationView(db, request.user!, params(request).id!);
    return {
      title: `Moderate ${view.application.provider.name}`,
      ...view,
      errors,
      rows: view.rows.map((row) => ({
        ...row,
        values: { score: values[`score-${row.questionId}`] ?? row.agreed?.score?.toString() ?? '', rationale: values[`rationale-${row.questionId}`] ?? row.agreed?.rationale ?? '' },
      })),
      scoreItems: scoreItems(view.scaleMax),
      backLink: { href: `/vehicles/${view.application.vehicle.id}/evaluation`, text: 'Back to the evaluation' },
    };
  };

  app.get('/applications/:id/moderation', { config: { access: ['commissioner'] } }, async (request, reply) =>
    reply.page('procurement/views/moderation.njk', await moderationPage(request)));

  app.post('/applications/:id/moderation/:questionId', { config: { access: ['commissioner'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const { id, questionId } = params(request);
    const score = one(body[`score-${questionId}`]);
    return saveThen(reply, async () => {
      await evaluation.agreeScore(db, request.user!, id!, questionId!, { score: score === '' ? Number.NaN : Number(score), rationale: one(body[`rationale-${questionId}`]) });
      request.session.flash = 'Agreed score recorded';
    }, `/applications/${id}/moderation`,
    async (errors) => reply.page('procurement/views/moderation.njk', await moderationPage(request, body, errors.map((e) => ({ ...e, field: `${e.field}-${questionId}` })))));
  });

  const RULE_NAMES: Record<string, string> = { 'coverage-then-score': 'Coverage then score', 'rank-order': 'Rank order' };
  const tiersPage = async (request: FastifyRequest, errors: FieldError[] = []) => {
    const proposal = await tiers.tierProposal(db, request.user!, params(request).id!);
    const detail = await getVehicle(db, request.user!, params(request).id!);
    const byZone = (allocation: TierAllocation) => proposal.input.zones.map((zone) => ({
      zone,
      tier1: allocation.tier1.filter((bid) => bid.zone === zone.id),
      tier2: allocation.tier2.filter((bid) => bid.zone === zone.id),
    }));
    return {
      title: `Tier allocation for ${detail.vehicle.name}`,
      detail,
      proposal,
      errors,
      rules: ALLOCATION_RULES.map((rule) => ({ rule, name: RULE_NAMES[rule], result: proposal.results[rule], zones: byZone(proposal.results[rule]) })),
      confirmedZones: proposal.confirmed ? byZone(proposal.confirmed.result) : null,
      confirmedRuleName: proposal.confirmed ? RULE_NAMES[proposal.confirmed.rule] : null,
      ruleItems: ALLOCATION_RULES.map((rule) => ({ value: rule, text: RULE_NAMES[rule], checked: detail.vehicle.allocationRule === rule })),
      canConfirm: detail.canManage,
      backLink: { href: `/vehicles/${detail.vehicle.id}/evaluation`, text: 'Back to the evaluation' },
    };
  };

  app.get('/vehicles/:id/tiers', { config: { access: TENDER_ROLES } }, async (request, reply) =>
    reply.page('procurement/views/tiers.njk', await tiersPage(request)));

  app.post('/vehicles/:id/tiers', { config: { access: ['commissioner'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    return saveThen(reply, async () => {
      await tiers.confirmTiers(db, request.user!, params(request).id!, { rule: one(body.rule) as 'rank-order', reason: one(body.reason) });
      request.session.flash = 'The tier allocation has been confirmed';
    }, `/vehicles/${params(request).id}/tiers`, async (errors) => reply.page('procurement/views/tiers.njk', await tiersPage(request, errors)));
  });

  const awardPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const view = await award.awardView(db, request.user!, params(request).id!);
    return {
      title: `Award of ${view.summary.vehicle.vehicle.name}`,
      ...view,
      vehicle: view.summary.vehicle.vehicle,
      canDecide: view.summary.vehicle.canManage,
      values,
      errors,
      tierLabel: (tier: string | null) => (tier === 'tier1' ? 'Tier 1' : tier === 'tier2' ? 'Tier 2' : 'Member'),
      backLink: { href: `/vehicles/${view.summary.vehicle.vehicle.id}`, text: 'Back to the vehicle' },
    };
  };

  app.get('/vehicles/:id/award', { config: { access: TENDER_ROLES } }, async (request, reply) =>
    reply.page('procurement/views/award.njk', await awardPage(request)));

  for (const [path, save, flash] of [
    ['award', (request: FastifyRequest, body: FormBody) => award.decideAward(db, request.user!, params(request).id!, { noticeDate: one(body.noticeDate) }), 'The award has been decided; standstill has begun'],
    ['contracts', (request: FastifyRequest, body: FormBody) => award.startContracts(db, request.user!, params(request).id!, { startOn: one(body.startOn) }), 'The contracts have started'],
  ] as const) {
    app.post(`/vehicles/:id/${path}`, { config: { access: ['commissioner'] } }, async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      return saveThen(reply, async () => {
        await save(request, body);
        request.session.flash = flash;
      }, `/vehicles/${params(request).id}/award`, async (errors) => reply.page('procurement/views/award.njk', await awardPage(request, body, errors)));
    });
  }

  app.post('/vehicles/:id/memberships/:membershipId', { config: { access: ['commissioner'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const { id, membershipId } = params(request);
    return saveThen(reply, async () => {
      await award.changeMembership(db, request.user!, id!, membershipId!, { status: one(body.status) as 'active', reason: one(body.reason) });
      request.session.flash = 'The membership has been changed';
    }, `/vehicles/${id}/award`, async (errors) => reply.page('procurement/views/award.njk', await awardPage(request, body, errors.map((e) => ({ ...e, field: `${e.field}-${membershipId}` })))));
  });

  app.get('/applications/:id/letter', { config: { access: [...TENDER_ROLES, 'provider_user'] } }, async (request, reply) => {
    const letter = await award.awardLetter(db, request.user!, params(request).id!);
    return reply.page('procurement/views/letter.njk', {
      title: `${letter.vehicleName}: outcome of your application`,
      letter,
      backLink: { href: `/applications/${params(request).id}`, text: 'Back to the application' },
    });
  });
}
