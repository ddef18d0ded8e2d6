// A quality assessment framework: domains of questions, each with the standard expected and the
// evidence to look for, and the rules that roll ratings up. It is data an organisation keeps in
// versions: one in use is never changed, and each assessment keeps the version it was done with.
import { NOT_ASSESSED, rollUp, ruleProblems, type QuestionRating, type RolledUp, type RollUpRule } from './ratings.ts';

export interface FrameworkQuestion {
  /** Stable within the framework's versions, so ratings and comments can name it ("S2"). */
  key: string;
  text: string;
  /** What a good service does. */
  standard: string;
  /** What an assessor looks at to judge it. */
  evidence: string;
}

export interface FrameworkDomain {
  key: string;
  title: string;
  questions: readonly FrameworkQuestion[];
}

export interface FrameworkContent {
  domains: readonly FrameworkDomain[];
  /** Question ratings into a domain's rating. */
  domainRule: RollUpRule;
  /** Domain ratings into the overall rating. */
  overallRule: RollUpRule;
}

export interface AssessmentRatings {
  domains: { key: string; title: string; result: RolledUp }[];
  overall: RolledUp;
}

/** Every question of the framework, in order. */
export const questionsOf = (content: FrameworkContent): FrameworkQuestion[] =>
  content.domains.flatMap((domain) => domain.questions);

/**
 * The domain and overall ratings that follow from the question ratings given (a question with no
 * rating yet counts as not assessed), each with its working.
 */
export function rateAssessment(
  content: FrameworkContent,
  ratings: Readonly<Record<string, QuestionRating | undefined>>,
): AssessmentRatings {
  const domains = content.domains.map((domain) => ({
    key: domain.key,
    title: domain.title,
    result: rollUp(
      content.domainRule,
      domain.questions.map((question) => ratings[question.key] ?? NOT_ASSESSED),
      'questions',
    ),
  }));
  const overall = rollUp(
    content.overallRule,
    domains.map((domain) => domain.result.rating),
    'domains',
  );
  return { domains, overall };
}

/** What makes a framework unusable, each problem in words; none for a good one. */
export function frameworkProblems(content: FrameworkContent): string[] {
  const problems: string[] = [];
  if (content.domains.length === 0) problems.push('A framework needs at least one domain');
  const keys = new Set<string>();
  const once = (key: string, what: string) => {
    if (!/^[A-Za-z0-9-]{1,20}$/.test(key)) problems.push(`${what} "${key}" needs a short key of letters and digits`);
    else if (keys.has(key)) problems.push(`${what} "${key}" uses a key already used`);
    keys.add(key);
  };
  for (const domain of content.domains) {
    once(domain.key, 'Domain');
    if (!domain.title.trim()) problems.push(`Domain "${domain.key}" needs a title`);
    if (domain.questions.length === 0)
      problems.push(`Domain "${domain.title || domain.key}" needs at least one question`);
    for (const question of domain.questions) {
      once(question.key, 'Question');
      if (!question.text.trim() || !question.standard.trim())
        problems.push(`Question "${question.key}" needs its text and the standard expected`);
    }
  }
  return [
    ...problems,
    ...ruleProblems(content.domainRule, "The domains' rule"),
    ...ruleProblems(content.overallRule, 'The overall rule'),
  ];
}
