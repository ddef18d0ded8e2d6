// What a quality officer sends to change the risk model, from the API (JSON) or the page (a form
// of boxes), and the dashboard's filters. Numbers are checked by the model's own rule
// (riskModelProblems), so a weight that is not a number is named beside a threshold out of order.
import { z } from 'zod';
import { field } from '../platform/http/form-fields.ts';
import { many, one, type FormBody } from '../platform/http/forms.ts';
import { requiredText } from '../platform/http/input.ts';
import { filterChoice, filterId, filterText } from '../platform/http/paging.ts';
import {
  INDICATOR_KEYS,
  RISK_COLOURS,
  RISK_INDICATORS,
  type IndicatorKey,
  type RiskColour,
  type RiskModel,
} from './domain/risk-model.ts';

const loose = z.unknown().describe('a whole number');
const score = z.object({ points: loose, redFlag: z.boolean().default(false) });
const rule = z.object({
  lookBackMonths: loose.optional(),
  values: z.record(z.string(), score).optional(),
  steps: z
    .array(z.object({ atLeast: loose, points: loose, redFlag: z.boolean().default(false) }))
    .max(5, 'An indicator has at most five steps')
    .optional(),
});

export const riskModelInput = z.object({
  changeNote: requiredText('what this version changes', 1000),
  amberFrom: loose,
  redFrom: loose,
  indicators: z.object(
    Object.fromEntries(INDICATOR_KEYS.map((key) => [key, rule])) as Record<IndicatorKey, typeof rule>,
  ),
});
export type RiskModelInput = z.infer<typeof riskModelInput>;

/** Only what each indicator takes: a category's listed values, a number's steps, a window where it has one. */
export function modelOf(input: RiskModelInput): RiskModel {
  const indicators = Object.fromEntries(
    RISK_INDICATORS.map((indicator) => {
      const given = input.indicators[indicator.key];
      const lookBackMonths = indicator.windowed ? given.lookBackMonths : null;
      if (indicator.kind === 'category')
        return [
          indicator.key,
          {
            lookBackMonths,
            values: Object.fromEntries(
              Object.keys(indicator.values).map((value) => [
                value,
                given.values?.[value] ?? { points: undefined, redFlag: false },
              ]),
            ),
          },
        ];
      return [indicator.key, { lookBackMonths, steps: given.steps ?? [] }];
    }),
  );
  return { amberFrom: input.amberFrom, redFrom: input.redFrom, indicators } as RiskModel;
}

/** The most steps the page offers an indicator (blank rows are left out). */
export const STEPS_ON_PAGE = 3;

const whole = field.number(Number.NaN);

/**
 * The page's boxes into the model: `amberFrom`, `<indicator>.lookBackMonths`, a category's
 * `<indicator>.values.<value>` with its ticked `<indicator>.redFlags`, and a number's
 * `<indicator>.steps.<n>.atLeast`, `.points` and ticked `.redFlag`.
 */
export const riskModelForm = z
  .custom<FormBody>((body) => typeof body === 'object' && body !== null)
  .transform((body): RiskModelInput => {
    const indicators = Object.fromEntries(
      RISK_INDICATORS.map((indicator) => {
        const name = (rest: string) => `${indicator.key}.${rest}`;
        const lookBackMonths = indicator.windowed ? whole(body, name('lookBackMonths')) : null;
        if (indicator.kind === 'category') {
          const flagged = many(body[name('redFlags')]);
          const values = Object.fromEntries(
            Object.keys(indicator.values).map((value) => [
              value,
              { points: whole(body, name(`values.${value}`)), redFlag: flagged.includes(value) },
            ]),
          );
          return [indicator.key, { lookBackMonths, values }];
        }
        const steps = Array.from({ length: STEPS_ON_PAGE }, (_, index) => name(`steps.${index}`))
          .filter((step) => one(body[`${step}.atLeast`]).trim() !== '' || one(body[`${step}.points`]).trim() !== '')
          .map((step) => ({
            atLeast: whole(body, `${step}.atLeast`),
            points: whole(body, `${step}.points`),
            redFlag: one(body[`${step}.redFlag`]) !== '',
          }));
        return [indicator.key, { lookBackMonths, steps }];
      }),
    ) as RiskModelInput['indicators'];
    return {
      changeNote: one(body.changeNote),
      amberFrom: whole(body, 'amberFrom'),
      redFrom: whole(body, 'redFrom'),
      indicators,
    };
  });

/** A model as the page's boxes show it. */
export function formOfModel(model: RiskModel): FormBody {
  const body: FormBody = { amberFrom: String(model.amberFrom), redFrom: String(model.redFrom) };
  for (const indicator of RISK_INDICATORS) {
    const rule = model.indicators[indicator.key];
    const name = (rest: string) => `${indicator.key}.${rest}`;
    if (rule.lookBackMonths !== null) body[name('lookBackMonths')] = String(rule.lookBackMonths);
    for (const [value, scored] of Object.entries(rule.values ?? {}))
      body[name(`values.${value}`)] = String(scored.points);
    body[name('redFlags')] = Object.entries(rule.values ?? {})
      .filter(([, scored]) => scored.redFlag)
      .map(([value]) => value);
    (rule.steps ?? []).forEach((step, index) => {
      body[name(`steps.${index}.atLeast`)] = String(step.atLeast);
      body[name(`steps.${index}.points`)] = String(step.points);
      if (step.redFlag) body[name(`steps.${index}.redFlag`)] = 'yes';
    });
  }
  return body;
}

export const CHANGED_WITHIN = { day: 1, week: 7, month: 30 } as const;

export const riskFilter = z.object({
  colour: filterChoice(RISK_COLOURS as [RiskColour, ...RiskColour[]], 'Colour must be green, amber or red'),
  zone: filterId('Choose a zone from the list'),
  provider: filterId('Choose a provider from the list'),
  serviceType: filterText(60),
  changed: filterChoice(['day', 'week', 'month'], 'Changed within a day, a week or a month'),
  search: filterText(100),
});
export type RiskFilter = z.infer<typeof riskFilter>;
