// What the easy-read survey takes: a paper response typed in by an officer, a one-time link asked
// for, the answers sent through a link, and the results' filter. One Zod schema each, for the
// pages and the API.
import { z } from 'zod';
import { isIsoDate, isoDateInLondon } from '../platform/domain/calendar.ts';
import { freeText } from '../platform/http/input.ts';
import { filterId } from '../platform/http/paging.ts';
import { RESPONDENTS, SURVEY_ANSWERS, SURVEY_STATEMENTS, type SurveyStatementKey } from './domain/survey.ts';

const answer = z
  .enum(SURVEY_ANSWERS, { error: 'Choose yes, sometimes, no or I don’t want to say, or leave it unanswered' })
  .nullish();

/** One answer a statement, any left unanswered (absent or null), but at least one answered. */
export const surveyAnswersInput = z
  .strictObject(
    Object.fromEntries(SURVEY_STATEMENTS.map((statement) => [statement.key, answer])) as Record<
      SurveyStatementKey,
      typeof answer
    >,
    { error: `Give answers by statement: ${SURVEY_STATEMENTS.map((statement) => statement.key).join(', ')}` },
  )
  .refine((answers) => Object.values(answers).some((given) => given), 'Answer at least one statement');

const respondent = z.enum(RESPONDENTS, {
  error: 'Choose who answered: the person, a family member or an advocate',
});

export const paperResponseInput = z.object({
  respondent,
  answeredOn: freeText({ error: 'Enter the date the survey was answered' })
    .trim()
    .min(1, 'Enter the date the survey was answered')
    .refine(isIsoDate, 'The date it was answered must be a real date, like 2026-11-23')
    .refine(
      (date) => !isIsoDate(date) || date <= isoDateInLondon(new Date()),
      'The date it was answered cannot be in the future',
    ),
  answers: surveyAnswersInput,
});

export const surveyLinkInput = z.object({ respondent });

export const surveyResultsFilterInput = z.object({
  providerId: filterId('Choose a care provider from the list'),
});
