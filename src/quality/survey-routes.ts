// The easy-read survey's officer pages: a placement's survey (type in a paper one, make a one-time
// link, how many came in) and the results per provider and service.
import type { Db } from '../platform/db/client.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { field, formSchema } from '../platform/http/form-fields.ts';
import { one, type FormBody } from '../platform/http/forms.ts';
import { formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import {
  RESPONDENT_LABELS,
  RESPONDENTS,
  SMALLEST_GROUP_SHOWN,
  SURVEY_ANSWER_LABELS,
  SURVEY_ANSWERS,
  SURVEY_STATEMENTS,
} from './domain/survey.ts';
import { QUALITY_READERS } from './framework-service.ts';
import { paths } from './paths.ts';
import { absoluteUrl } from './survey-api.ts';
import * as survey from './survey-service.ts';

const PLACEMENT_VIEW = 'quality/views/placement-survey.njk';
const PLACEMENT_PATH = '/quality/placements/:placementId/survey';
/** The paper form names each statement's radios `answers-<statement key>`. */
const ANSWER_PREFIX = 'answers-';
const FIRST_ANSWER = `answers.${SURVEY_STATEMENTS[0].key}`;

const radios = <K extends string>(values: readonly K[], labels: Record<K, string>, chosen: string) =>
  values.map((value) => ({ value, text: labels[value], checked: value === chosen }));

export function surveyPages(db: Db): PageRoute[] {
  const placementPage = async ({ user, params, mayOpen }: PageCall, values: FormBody = {}) => {
    const placementId = params.placementId!;
    const placement = await survey.placementSurvey(db, user, placementId);
    const placementHref = `/placements/${placementId}`;
    return {
      title: 'People’s survey',
      placement,
      values,
      statements: SURVEY_STATEMENTS.map((statement) => ({
        ...statement,
        field: `answers.${statement.key}`,
        items: radios(SURVEY_ANSWERS, SURVEY_ANSWER_LABELS, one(values[`${ANSWER_PREFIX}${statement.key}`])),
      })),
      respondentItems: radios(RESPONDENTS, RESPONDENT_LABELS, one(values.respondent)),
      linkRespondentItems: radios(RESPONDENTS, RESPONDENT_LABELS, one(values.linkRespondent)),
      respondentLabels: RESPONDENT_LABELS,
      linkDays: survey.LINK_DAYS,
      paperAction: `${paths.placementSurvey(placementId)}/paper`,
      linkAction: `${paths.placementSurvey(placementId)}/link`,
      backLink: mayOpen(placementHref) ? { href: placementHref, text: 'Placement' } : undefined,
    };
  };
  return [
    page({
      path: PLACEMENT_PATH,
      access: survey.SURVEY_KEEPERS,
      view: PLACEMENT_VIEW,
      load: (call) => placementPage(call),
    }),
    formPage({
      path: `${PLACEMENT_PATH}/paper`,
      access: survey.SURVEY_KEEPERS,
      view: PLACEMENT_VIEW,
      showsOn: false,
      form: formSchema({
        respondent: field.text(),
        answeredOn: field.date(),
        answers: field.each(ANSWER_PREFIX, field.text()),
      }),
      // "Answer at least one" is shown at the first statement, where the summary's link lands.
      errorFields: { answers: FIRST_ANSWER },
      load: placementPage,
      save: ({ user, params }, input) => survey.recordPaperResponse(db, user, params.placementId!, input),
      next: ({ params }) => ({
        to: paths.placementSurvey(params.placementId!),
        flash: 'The paper survey is saved',
      }),
    }),
    formPage({
      path: `${PLACEMENT_PATH}/link`,
      access: survey.SURVEY_KEEPERS,
      view: PLACEMENT_VIEW,
      showsOn: false,
      form: formSchema({ respondent: (body) => one(body.linkRespondent) }),
      errorFields: { respondent: 'linkRespondent' },
      load: placementPage,
      save: ({ user, params }, input) => survey.makeSurveyLink(db, user, params.placementId!, input),
      // The link is shown on this answer only: Hearth keeps no copy it could show again.
      next: ({ request }, link) => ({
        stay: {
          newLink: {
            url: absoluteUrl(request, link.path),
            respondent: RESPONDENT_LABELS[link.respondent].toLowerCase(),
            expiresOn: longDate(link.expiresOn),
          },
        },
      }),
    }),
    page({
      path: paths.surveyResults(),
      access: QUALITY_READERS,
      view: 'quality/views/survey-results.njk',
      load: async ({ user }) => ({
        title: 'People’s survey results',
        results: await survey.surveyResultsFor(db, user),
        smallest: SMALLEST_GROUP_SHOWN,
        answers: SURVEY_ANSWERS.map((answer) => ({ value: answer, text: SURVEY_ANSWER_LABELS[answer] })),
      }),
    }),
  ];
}
