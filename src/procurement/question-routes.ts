// Pages for a vehicle's questions: a commissioner sets a draft vehicle's selection and quality
// questions, for every tenderer or for one lot's.
import type { Db } from '../platform/db/client.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { field, formSchema, noFields } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { formPage, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { QUESTION_KINDS } from './domain/applications.ts';
import { MANAGERS } from './access.ts';
import * as applications from './application-service.ts';
import { getVehicle } from './service.ts';
import { paths } from './paths.ts';

const QUESTIONS_VIEW = 'procurement/views/questions.njk';

/** A commissioner's questions for a draft vehicle. */
export function questionPages(db: Db): PageRoute[] {
  const questionsPage = async ({ user, params }: PageCall, values: FormBody) => {
    const detail = await getVehicle(db, user, params.id!);
    if (!detail.canManage) throw new NotFoundError();
    const questions = await applications.listQuestions(db, user, detail.vehicle.id);
    return {
      title: `Questions for ${detail.vehicle.name}`,
      detail,
      selection: questions.filter((question) => question.kind === 'selection'),
      quality: questions.filter((question) => question.kind === 'quality'),
      weightTotal: questions
        .filter((question) => question.lotId === null)
        .reduce((total, question) => total + (question.weightPercent ?? 0), 0),
      values,
      lotItems: [
        { value: '', text: 'Every tenderer' },
        ...detail.lots.map((lot) => ({ value: lot.id, text: lot.title, selected: values.lotId === lot.id })),
      ],
      lotTitle: Object.fromEntries(detail.lots.map((lot) => [lot.id, lot.title])),
      kindItems: [
        { value: 'selection', text: 'Selection: pass or fail, with evidence', checked: values.kind === 'selection' },
        { value: 'quality', text: 'Quality: a written answer, scored', checked: values.kind === 'quality' },
      ],
      backLink: { href: paths.vehicle(detail.vehicle.id) },
    };
  };
  return [
    formPage({
      path: '/vehicles/:id/questions',
      access: MANAGERS,
      view: QUESTIONS_VIEW,
      form: formSchema({
        kind: field.choice(QUESTION_KINDS),
        text: field.text(),
        guidance: field.text(),
        wordLimit: field.number(null),
        weightPercent: field.number(null),
        lotId: field.optionalText(),
      }),
      load: questionsPage,
      save: ({ user, params }, input) => applications.addQuestion(db, user, params.id!, input),
      next: ({ params }) => ({ to: paths.questions(params.id!), flash: 'Question added' }),
    }),
    formPage({
      path: '/vehicles/:id/questions/:questionId/remove',
      access: MANAGERS,
      view: QUESTIONS_VIEW,
      showsOn: false,
      form: noFields,
      load: questionsPage,
      save: ({ user, params }) => applications.removeQuestion(db, user, params.id!, params.questionId!),
      next: ({ params }) => ({ to: paths.questions(params.id!), flash: 'Question removed' }),
    }),
  ];
}
