import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RISK_MODEL, INDICATOR_KEYS, riskModelProblems, windowStarts, type RiskModel } from './risk-model.ts';
import { headline, scoreService, trendOf, type IndicatorFact, type ServiceFacts } from './risk-score.ts';

const none: IndicatorFact = { value: 0, on: null, source: null };

/** A service with nothing against it: Good from CQC and from its last assessment, 5 for food hygiene. */
function facts(changes: Partial<ServiceFacts> = {}): ServiceFacts {
  const base = Object.fromEntries(INDICATOR_KEYS.map((key) => [key, none])) as ServiceFacts;
  return {
    ...base,
    'quality-assessment': { value: 'good', on: '2026-05-12', source: { kind: 'assessment', id: 'a1' } },
    'cqc-rating': { value: 'good', on: '2025-09-30', source: null },
    'food-hygiene': { value: '5', on: '2026-02-01', source: { kind: 'intelligence', id: 'f1' } },
    'peoples-voice': { value: 4, on: null, source: null, detail: '3 of 70 answers' },
    ...changes,
  };
}

describe('scoring a service against the risk model', () => {
  it('is Green with no reasons when nothing scores', () => {
    const result = scoreService(DEFAULT_RISK_MODEL, facts());
    assert.equal(result.colour, 'green');
    assert.equal(result.score, 0);
    assert.deepEqual(result.reasons, []);
    assert.equal(headline(result), 'Green: nothing scores points');
    assert.equal(result.indicators.length, INDICATOR_KEYS.length);
  });

  it('makes a CQC Inadequate service Red whatever its total, and says why (report 003 §2.1)', () => {
    const result = scoreService(
      DEFAULT_RISK_MODEL,
      facts({
        'cqc-rating': { value: 'inadequate', on: '2026-03-03', source: null },
        'substantiated-concerns': { value: 3, on: '2026-10-01', source: null },
      }),
    );
    assert.equal(result.colour, 'red');
    assert.equal(result.score, 45);
    assert.equal(
      headline(result),
      'Red: CQC rated Inadequate on 3 March 2026 (red flag); 3 substantiated concerns in 12 months (+15)',
    );
    assert.match(result.rule, /^Red: 1 red flag, 45 points/);
  });

  it('makes a company in administration Red on no points at all', () => {
    const result = scoreService(
      DEFAULT_RISK_MODEL,
      facts({
        'company-administration': {
          value: 1,
          on: '2026-11-20',
          source: { kind: 'intelligence', id: 'c1' },
          detail: 'in administration',
        },
      }),
    );
    assert.equal(result.colour, 'red');
    assert.equal(result.score, 0);
    assert.deepEqual(result.reasons, ['Company in administration since 20 November 2026 (red flag)']);
  });

  it('adds the points of several sources: an embargo alone is Amber, with a default notice Red', () => {
    const embargo = { value: 1, on: '2026-11-01', source: { kind: 'embargo', id: 'e1' } } as const;
    const amber = scoreService(DEFAULT_RISK_MODEL, facts({ embargo }));
    assert.equal(amber.colour, 'amber');
    assert.equal(amber.score, 20);
    assert.deepEqual(amber.reasons, ['Embargo on new placements since 1 November 2026 (+20)']);
    const red = scoreService(
      DEFAULT_RISK_MODEL,
      facts({ embargo, 'default-notice': { value: 1, on: '2026-11-02', source: null } }),
    );
    assert.equal(red.colour, 'red');
    assert.equal(red.score, 35);
    assert.deepEqual(red.reasons, [
      'Embargo on new placements since 1 November 2026 (+20)',
      'Default notice in force since 2 November 2026 (+15)',
    ]);
  });

  it('scores a count by the highest step it reaches', () => {
    const scoreFor = (count: number) =>
      scoreService(DEFAULT_RISK_MODEL, facts({ safeguarding: { value: count, on: null, source: null } })).score;
    assert.deepEqual([0, 1, 2, 3, 7].map(scoreFor), [0, 5, 5, 15, 15]);
  });

  it('scores a rating by its value, and nothing for a value the model does not list (an Exempt food business)', () => {
    const food = (value: string | null) =>
      scoreService(DEFAULT_RISK_MODEL, facts({ 'food-hygiene': { value, on: '2026-01-01', source: null } }));
    assert.equal(food('1').score, 10);
    assert.equal(food('1').reasons[0], 'Food hygiene rated 1 on 1 January 2026 (+10)');
    assert.equal(food('Exempt').score, 0);
    assert.equal(food(null).indicators.find((each) => each.key === 'food-hygiene')?.text, 'No food hygiene rating');
  });

  it('treats a service never inspected or never assessed as a small risk, and one not registered as none', () => {
    const result = scoreService(
      DEFAULT_RISK_MODEL,
      facts({
        'cqc-rating': { value: 'not-inspected', on: null, source: null },
        'quality-assessment': { value: 'none', on: null, source: null },
      }),
    );
    assert.equal(result.score, 10);
    assert.equal(result.colour, 'amber');
    assert.deepEqual(result.reasons, ['Not yet assessed (+5)', 'Not yet inspected by CQC (+5)']);
    const unregistered = scoreService(
      DEFAULT_RISK_MODEL,
      facts({ 'cqc-rating': { value: null, on: null, source: null } }),
    );
    assert.equal(unregistered.indicators[1]?.text, 'Not registered with CQC');
    assert.equal(unregistered.score, 0);
  });

  it('says what the people’s voice, deaths and overdue actions were, worst first and in the model’s order when equal', () => {
    const result = scoreService(
      DEFAULT_RISK_MODEL,
      facts({
        'peoples-voice': { value: 42, on: null, source: null, detail: '21 of 50 answers' },
        'overdue-actions': { value: 3, on: null, source: null },
        'unexpected-deaths': { value: 1, on: '2026-08-09', source: null },
      }),
    );
    assert.deepEqual(result.reasons, [
      '1 unexpected death in 12 months (+10)',
      '42% of survey answers were No (21 of 50 answers) (+10)',
      '3 action-plan items overdue (+8)',
    ]);
    assert.equal(result.score, 28);
    assert.equal(result.colour, 'red');
  });

  it('uses the model’s own thresholds', () => {
    const strict: RiskModel = { ...DEFAULT_RISK_MODEL, amberFrom: 3, redFrom: 8 };
    const result = scoreService(strict, facts({ safeguarding: { value: 1, on: null, source: null } }));
    assert.equal(result.colour, 'amber');
    assert.equal(
      scoreService(strict, facts({ 'overdue-actions': { value: 3, on: null, source: null } })).colour,
      'red',
    );
  });
});

describe('the look-back windows', () => {
  it('count from the day after the same date a window ago', () => {
    const starts = windowStarts(DEFAULT_RISK_MODEL, '2026-12-01');
    assert.equal(starts.safeguarding, '2025-12-02');
    assert.equal(starts['manager-vacancy'], '2026-06-02');
    const short: RiskModel = {
      ...DEFAULT_RISK_MODEL,
      indicators: { ...DEFAULT_RISK_MODEL.indicators, 'substantiated-concerns': { lookBackMonths: 3, steps: [] } },
    };
    assert.equal(windowStarts(short, '2026-05-31')['substantiated-concerns'], '2026-03-01');
  });
});

describe('a model’s problems', () => {
  it('accepts Hearth’s model', () => {
    assert.deepEqual(riskModelProblems(DEFAULT_RISK_MODEL), []);
  });

  it('names every problem against its field: thresholds out of order, a weight that is not a number, steps out of order', () => {
    const broken = structuredClone(DEFAULT_RISK_MODEL) as unknown as Record<string, unknown> & RiskModel;
    broken.amberFrom = 30;
    broken.redFrom = 20;
    (broken.indicators['cqc-rating'].values as Record<string, { points: unknown }>).inadequate!.points = 'lots';
    broken.indicators.safeguarding.steps = [
      { atLeast: 3, points: 5, redFlag: false },
      { atLeast: 2, points: 15, redFlag: false },
    ];
    broken.indicators['unexpected-deaths'].lookBackMonths = 0;
    assert.deepEqual(
      riskModelProblems(broken).map((problem) => problem.field),
      ['redFrom', 'cqc-rating.values.inadequate', 'safeguarding.steps.1.atLeast', 'unexpected-deaths.lookBackMonths'],
    );
  });
});

describe('trends', () => {
  it('compare colour first, then points', () => {
    assert.equal(trendOf({ colour: 'amber', score: 12 }, { colour: 'red', score: 10 }), 'better');
    assert.equal(trendOf({ colour: 'amber', score: 12 }, { colour: 'amber', score: 12 }), 'same');
    assert.equal(trendOf({ colour: 'amber', score: 14 }, { colour: 'amber', score: 12 }), 'worse');
    assert.equal(trendOf({ colour: 'green', score: 0 }, null), null);
  });
});
