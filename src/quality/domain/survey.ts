// People's and families' own say (report 004: "Self Advocate & Family Monitoring"): a short
// easy-read survey about one placement, answered by the person, a family member or an advocate.
// Results are counted per service and per provider, and never shown for fewer than five
// responses, so that nobody can be picked out from what they said.
import { valuesOf } from '../../platform/domain/labels.ts';

export const SURVEY_STATEMENTS = [
  { key: 'choose-my-day', text: 'I choose what I do each day' },
  { key: 'staff-listen', text: 'Staff listen to me' },
  { key: 'feel-safe', text: 'I feel safe where I live' },
  { key: 'like-my-home', text: 'I like my home' },
  { key: 'know-my-staff', text: 'I know the staff who help me' },
  { key: 'do-things-i-enjoy', text: 'I do things I enjoy' },
  { key: 'can-complain', text: 'I know who to tell if I am unhappy' },
] as const;
export type SurveyStatementKey = (typeof SURVEY_STATEMENTS)[number]['key'];

export const SURVEY_ANSWER_LABELS = {
  yes: 'Yes',
  sometimes: 'Sometimes',
  no: 'No',
  'rather-not-say': 'I don’t want to say',
} as const;
export const SURVEY_ANSWERS = valuesOf(SURVEY_ANSWER_LABELS);
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

export const RESPONDENT_LABELS = {
  person: 'The person themselves',
  family: 'A family member',
  advocate: 'An advocate',
} as const;
export const RESPONDENTS = valuesOf(RESPONDENT_LABELS);

/** Fewer responses than this are never shown: a small count could point at one person. */
export const SMALLEST_GROUP_SHOWN = 5;

export type SurveyResponse = Partial<Record<SurveyStatementKey, SurveyAnswer>>;

export type StatementResult =
  | {
      key: SurveyStatementKey;
      text: string;
      shown: true;
      counts: Record<SurveyAnswer, number>;
      yesPercent: number | null;
    }
  | { key: SurveyStatementKey; text: string; shown: false };

export interface SurveyResults {
  responses: number;
  /** False when there are too few responses to show anything but that. */
  shown: boolean;
  statements: StatementResult[];
}

/**
 * What a group of responses (one service's, or one provider's) may show: for each statement the
 * count of each answer and the share of "yes" among those who gave one, where at least five
 * responses answered it; nothing but the total where fewer than five responses came in at all.
 */
export function surveyResults(responses: readonly SurveyResponse[]): SurveyResults {
  const shown = responses.length >= SMALLEST_GROUP_SHOWN;
  const statements = SURVEY_STATEMENTS.map((statement): StatementResult => {
    const answers = responses.flatMap((response) => response[statement.key] ?? []);
    if (!shown || answers.length < SMALLEST_GROUP_SHOWN)
      return { key: statement.key, text: statement.text, shown: false };
    const counts = Object.fromEntries(SURVEY_ANSWERS.map((answer) => [answer, 0])) as Record<SurveyAnswer, number>;
    for (const answer of answers) counts[answer] += 1;
    const given = answers.length - counts['rather-not-say'];
    return {
      key: statement.key,
      text: statement.text,
      shown: true,
      counts,
      yesPercent: given === 0 ? null : Math.round((counts.yes * 100) / given),
    };
  });
  return { responses: responses.length, shown, statements };
}
