// Cost-of-care exercises in the JSON API: the same services as the pages. Answers and figures are
// in each line's unit: pence, minutes, basis points (1% = 100) or a count.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { addComparator, exerciseAnalysis, reviewWorkbook } from './exercise-analysis-service.ts';
import {
  answersInput,
  comparatorInput,
  exerciseInput,
  reviewInput,
  templateLineChangeInput,
  templateLineInput,
} from './exercise-input.ts';
import * as exercises from './exercise-service.ts';
import * as workbooks from './exercise-workbook-service.ts';

const TAG = 'Pricing';
const READERS = [...exercises.EXERCISE_READERS, 'provider_user'] as const;
const RUNNERS = exercises.EXERCISE_RUNNERS;
const EXERCISE = '/api/v1/pricing/exercises/{id}';
const WORKBOOK = `${EXERCISE}/workbooks/{providerId}`;
const CLOSED = { ...NOT_FOUND, 409: 'The exercise has closed, or the workbook is already submitted' };

export function exerciseApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/pricing/cost-template',
      tag: TAG,
      access: RUNNERS,
      summary: 'The organisation’s cost workbook template: the lines the next exercise asks for, retired ones too',
      success: { status: 200, description: 'the lines' },
      handle: async ({ user }) => exercises.templateLines(db, user),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/pricing/cost-template/lines',
      tag: TAG,
      access: RUNNERS,
      body: templateLineInput,
      summary: 'Add a line to the template for the next exercise',
      description:
        'group is care-staff, running, return or volumes; unit is pence-per-hour, pence-per-night, pence-per-week, pence-per-year, minutes-per-week, basis-points or count. A running-the-business line in pence-per-year counts in the running cost per care hour.',
      success: { status: 201, description: 'the line' },
      handle: async ({ user, body }) => exercises.addTemplateLine(db, user, body),
    }),
    operation({
      method: 'PATCH',
      path: '/api/v1/pricing/cost-template/lines/{lineId}',
      tag: TAG,
      access: RUNNERS,
      body: templateLineChangeInput,
      summary: 'Rename a template line, or retire it (retired: true): exercises already open keep their own copy',
      success: { status: 200, description: 'the line' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => exercises.changeTemplateLine(db, user, params.lineId!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/exercises',
      tag: TAG,
      access: READERS,
      summary:
        'The organisation’s cost-of-care exercises; to a provider, those it is invited to with its workbook’s status',
      success: { status: 200, description: 'the exercises' },
      handle: async ({ user }) => exercises.listExercises(db, user),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/pricing/exercises',
      tag: TAG,
      access: RUNNERS,
      body: exerciseInput,
      summary: 'Open an exercise for a financial year and service type, inviting the members of the vehicles given',
      description:
        'financialYear is the year it starts (2025 for 2025/26); serviceType supported-living or home-care; closingOn YYYY-MM-DD; providerIds, where given, invites exactly those providers (members of the vehicles or, for spot purchases, not); otherwise every member of the vehicles is invited.',
      success: { status: 201, description: 'the exercise with its lines' },
      handle: async ({ user, body }) => exercises.openExercise(db, user, body),
    }),
    operation({
      method: 'GET',
      path: EXERCISE,
      tag: TAG,
      access: READERS,
      summary: 'An exercise and its workbook lines',
      success: { status: 200, description: 'the exercise' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => exercises.exerciseFor(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: `${EXERCISE}/close`,
      tag: TAG,
      access: RUNNERS,
      summary: 'Close an exercise to workbooks: the analysis is of those submitted',
      success: { status: 200, description: 'the exercise' },
      errors: CLOSED,
      handle: async ({ user, params }) => exercises.closeExercise(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: `${EXERCISE}/analysis`,
      tag: TAG,
      access: exercises.EXERCISE_READERS,
      summary:
        'The analysis: count, lower quartile, median and upper quartile (QUARTILE.INC) of each line and result, none under five responses; outliers for those who run it',
      success: { status: 200, description: 'the analysis' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => exerciseAnalysis(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: `${EXERCISE}/staff-share`,
      tag: TAG,
      access: exercises.EXERCISE_READERS,
      summary:
        'The care staff’s share of a care hour’s cost, in basis points, from the medians; 404 under five workbooks',
      success: { status: 200, description: 'the share and how it was worked out' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => {
        const share = await exercises.staffShareOfCost(db, user, params.id!);
        if (!share)
          throw new NotFoundError('Fewer than five workbooks give both medians, so there is no staff share yet.');
        return share;
      },
    }),
    operation({
      method: 'POST',
      path: `${EXERCISE}/comparators`,
      tag: TAG,
      access: RUNNERS,
      body: comparatorInput,
      summary: 'Add a comparator council’s rate, with where it was found',
      description: 'measure is cost-per-hour, cost-per-sleep-in or cost-per-person-week; pence the rate.',
      success: { status: 201, description: 'the rate' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => addComparator(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: WORKBOOK,
      tag: TAG,
      access: READERS,
      summary: 'A provider’s workbook: a provider its own; the organisation’s finance officers and commissioners any',
      success: { status: 200, description: 'the workbook' },
      errors: { ...NOT_FOUND, 403: 'Only finance officers and commissioners see a provider’s workbook' },
      handle: async ({ user, params }) => workbooks.workbookFor(db, user, params.id!, params.providerId!),
    }),
    operation({
      method: 'PUT',
      path: `${WORKBOOK}/answers`,
      tag: TAG,
      access: ['provider_user'],
      body: answersInput,
      summary:
        'Save some of the provider’s own answers as a draft ({ answers: { line key: value, or null to clear } })',
      success: { status: 200, description: 'the workbook' },
      errors: CLOSED,
      handle: async ({ user, params, body }) => workbooks.saveAnswers(db, user, params.id!, params.providerId!, body),
    }),
    operation({
      method: 'POST',
      path: `${WORKBOOK}/submit`,
      tag: TAG,
      access: ['provider_user'],
      summary: 'Submit the provider’s own workbook: every line that must be answered is, and it can be changed no more',
      success: { status: 200, description: 'the workbook' },
      errors: CLOSED,
      handle: async ({ user, params }) => workbooks.submitWorkbook(db, user, params.id!, params.providerId!),
    }),
    operation({
      method: 'POST',
      path: `${WORKBOOK}/review`,
      tag: TAG,
      access: RUNNERS,
      body: reviewInput,
      summary:
        'Query a submitted workbook’s figures with its provider, exclude it from the analysis with a reason, or include it again',
      success: { status: 200, description: 'the review' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => reviewWorkbook(db, user, params.id!, params.providerId!, body),
    }),
  ];
}
