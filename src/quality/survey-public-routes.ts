// The easy-read survey a one-time link opens: no account, nothing of Hearth but the questions. A
// welcome, one statement a screen, the answers to check, then "Thank you". The answers wait in
// the visitor's session (a signed, httpOnly cookie naming a session kept in the database) and are
// saved once, when sent; the link's secret is the key, and a used or expired one opens nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import { formErrors, one, type FormBody } from '../platform/http/forms.ts';
import {
  SURVEY_ANSWER_LABELS,
  SURVEY_ANSWERS,
  SURVEY_STATEMENTS,
  type SurveyAnswer,
  type SurveyResponse,
} from './domain/survey.ts';
import * as survey from './survey-service.ts';

declare module 'fastify' {
  interface Session {
    /** The easy-read survey under way: which link, and the answers given so far. */
    survey?: { linkId: string; answers: SurveyResponse };
  }
}

const PUBLIC = { config: { access: 'public' as const } };
const VIEWS = 'quality/views/survey';
const THANK_YOU = '/survey/thank-you';

const start = (token: string) => `/survey/${token}`;
const screen = (token: string, n: number) => `/survey/${token}/${n}`;
const check = (token: string) => `/survey/${token}/check`;

type Params = { token: string; n?: string };

/** The statement a screen's number names (1 to 7), or undefined. */
function statementAt(n: string | undefined) {
  const index = /^[1-9]\d*$/.test(n ?? '') ? Number(n) - 1 : -1;
  return SURVEY_STATEMENTS[index] ? { index, statement: SURVEY_STATEMENTS[index] } : undefined;
}

/** The answers given so far through this link; none where the session was for another. */
function answersSoFar(request: FastifyRequest, linkId: string): SurveyResponse {
  const kept = request.session.survey;
  return kept?.linkId === linkId ? kept.answers : {};
}

/**
 * Runs `handle` for a link that may still be answered; a used, expired or unknown one (or a screen
 * that is not there) shows the one plain page that says so, and nothing is saved.
 */
function withLink(db: Db, handle: (request: FastifyRequest, reply: FastifyReply, linkId: string) => Promise<unknown>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { token, n } = request.params as Params;
    try {
      if (n !== undefined && !statementAt(n)) throw new survey.SurveyLinkGone(404);
      const { id } = await survey.openSurveyLink(db, token);
      return await handle(request, reply, id);
    } catch (error) {
      if (!(error instanceof survey.SurveyLinkGone)) throw error;
      return reply.page(`${VIEWS}-gone.njk`, { title: error.message }, error.status);
    }
  };
}

function questionPage(
  reply: FastifyReply,
  token: string,
  index: number,
  chosen: SurveyAnswer | undefined,
  error?: string,
) {
  const statement = SURVEY_STATEMENTS[index]!;
  return reply.page(
    `${VIEWS}-question.njk`,
    {
      title: statement.text,
      number: index + 1,
      of: SURVEY_STATEMENTS.length,
      statement,
      homeHref: start(token),
      backLink: { href: index === 0 ? start(token) : screen(token, index), text: 'Back' },
      items: SURVEY_ANSWERS.map((answer) => ({
        value: answer,
        text: SURVEY_ANSWER_LABELS[answer],
        checked: answer === chosen,
      })),
      errors: error ? [{ field: 'answer', message: error }] : [],
    },
    error ? 400 : 200,
  );
}

function checkPage(reply: FastifyReply, token: string, answers: SurveyResponse, error?: string) {
  return reply.page(
    `${VIEWS}-check.njk`,
    {
      title: 'Your answers',
      homeHref: start(token),
      backLink: { href: screen(token, SURVEY_STATEMENTS.length), text: 'Back' },
      rows: SURVEY_STATEMENTS.map((statement, index) => ({
        text: statement.text,
        answer: answers[statement.key] ? SURVEY_ANSWER_LABELS[answers[statement.key]!] : 'Not answered',
        href: screen(token, index + 1),
      })),
      errors: error ? [{ field: 'send', message: error }] : [],
    },
    error ? 400 : 200,
  );
}

export function registerSurveyRoutes(app: FastifyInstance, db: Db): void {
  app.get(THANK_YOU, PUBLIC, async (_request, reply) => reply.page(`${VIEWS}-thanks.njk`, { title: 'Thank you' }));

  app.get(
    '/survey/:token',
    PUBLIC,
    withLink(db, async (request, reply) => {
      const { token } = request.params as Params;
      return reply.page(`${VIEWS}-welcome.njk`, {
        title: 'Your say',
        questions: SURVEY_STATEMENTS.length,
        homeHref: start(token),
        startHref: screen(token, 1),
      });
    }),
  );

  app.get(
    '/survey/:token/check',
    PUBLIC,
    withLink(db, async (request, reply, linkId) =>
      checkPage(reply, (request.params as Params).token, answersSoFar(request, linkId)),
    ),
  );

  app.post(
    '/survey/:token/check',
    PUBLIC,
    withLink(db, async (request, reply, linkId) => {
      const { token } = request.params as Params;
      const answers = answersSoFar(request, linkId);
      try {
        await survey.answerSurveyLink(db, token, answers);
      } catch (error) {
        if (error instanceof survey.SurveyLinkGone) throw error;
        formErrors(error);
        return checkPage(reply, token, answers, 'Answer at least one question before you send your answers');
      }
      request.session.survey = undefined;
      return reply.redirect(THANK_YOU);
    }),
  );

  app.get(
    '/survey/:token/:n',
    PUBLIC,
    withLink(db, async (request, reply, linkId) => {
      const { token, n } = request.params as Params;
      const { index, statement } = statementAt(n)!;
      return questionPage(reply, token, index, answersSoFar(request, linkId)[statement.key]);
    }),
  );

  app.post(
    '/survey/:token/:n',
    PUBLIC,
    withLink(db, async (request, reply, linkId) => {
      const { token, n } = request.params as Params;
      const { index, statement } = statementAt(n)!;
      const answer = one((request.body as FormBody | undefined)?.answer) as SurveyAnswer;
      if (!SURVEY_ANSWERS.includes(answer))
        return questionPage(reply, token, index, undefined, 'Choose an answer. You can choose I don’t want to say');
      request.session.survey = {
        linkId,
        answers: { ...answersSoFar(request, linkId), [statement.key]: answer },
      };
      const next = index + 2;
      return reply.redirect(next > SURVEY_STATEMENTS.length ? check(token) : screen(token, next));
    }),
  );
}
