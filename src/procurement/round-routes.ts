// Reopening a live framework in a new round: the round's dates on a form, then a check-your-answers
// page, since reopening commits the council to another round of the procurement.
import type { Db } from '../platform/db/client.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { ForbiddenError } from '../platform/http/errors.ts';
import { field, formSchema } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { formPage, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { MANAGERS } from './access.ts';
import * as service from './service.ts';
import { paths } from './paths.ts';

const ROUND_VIEW = 'procurement/views/round-form.njk';

/** The reopening form, for the lead organisation's commissioners and administrators of a live framework. */
export function roundPages(db: Db): PageRoute[] {
  const reopenable = async ({ user, params }: PageCall) => {
    const detail = await service.getVehicle(db, user, params.id!);
    if (!detail.canManage)
      throw new ForbiddenError(
        "Only the lead organisation's commissioners and administrators may reopen this vehicle.",
      );
    return detail;
  };
  return [
    formPage({
      path: paths.newRound(':id'),
      access: MANAGERS,
      view: ROUND_VIEW,
      form: formSchema({
        clarificationDeadline: field.optionalDate(),
        submissionDeadline: field.optionalDate(),
        reason: field.text(),
      }),
      load: async (call: PageCall, values: FormBody) => {
        const detail = await reopenable(call);
        return {
          title: `Reopen ${detail.vehicle.name} in round ${detail.currentRound + 1}`,
          detail,
          round: detail.currentRound + 1,
          usesClarification:
            detail.vehicle.clarificationDeadline !== null ||
            detail.rounds.some((round) => round.clarificationDeadline !== null),
          values,
          backLink: { href: paths.vehicle(detail.vehicle.id) },
        };
      },
      confirm: async (call, input) => {
        const { detail, round, dates, reason } = await service.roundOpening(db, call.user, call.params.id!, input);
        return {
          title: `Reopen ${detail.vehicle.name} in round ${round}`,
          rows: [
            { key: 'Round', value: String(round) },
            { key: 'Opens to applications', value: 'Today' },
            ...(dates.clarificationDeadline
              ? [{ key: 'Clarification questions until', value: longDate(dates.clarificationDeadline) }]
              : []),
            { key: 'Submission deadline', value: longDate(dates.submissionDeadline) },
            { key: 'Reason', value: reason ?? 'None given' },
          ],
          warning: `${detail.vehicle.name} will be open to applications again. Every provider may apply in round ${round}, one application each, including those that failed or withdrew before; providers already on it keep their places and may apply for lots they do not hold. Its evaluation and award will deal with round ${round}'s applications.`,
          button: `Reopen in round ${round}`,
          changeHref: paths.vehicle(detail.vehicle.id),
        };
      },
      save: (call, input) => service.openRound(db, call.user, call.params.id!, input),
      next: (_call, saved) => ({
        to: paths.vehicle(saved.vehicle.id),
        flash: `${saved.vehicle.name} is open to applications in round ${saved.currentRound}`,
      }),
    }),
  ];
}
