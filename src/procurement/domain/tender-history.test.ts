import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shownTenderEvent, shownVehicleEvent, type TenderEvent } from './tender-history.ts';

const event = (
  action: string,
  actorUserId: string | null = 'evaluator-1',
  after: unknown = { score: 4, comment: 'Strong' },
): TenderEvent => ({ action, actorUserId, before: null, after, reason: null });

test('an applicant sees its own actions and the stage decisions, never scores', () => {
  const applicant = { kind: 'applicant' } as const;
  assert.ok(shownTenderEvent(event('application.submit', 'provider-1'), applicant));
  assert.deepEqual(
    shownTenderEvent(
      {
        ...event('application.stage', 'commissioner-1', { stage: 'selection', outcome: 'fail' }),
        reason: 'No insurance',
      },
      applicant,
    )?.reason,
    'No insurance',
  );
  for (const action of ['score.save', 'score.submit', 'score.agree'])
    assert.equal(shownTenderEvent(event(action), applicant), null, action);
});

test("an evaluator sees their own scores and the agreed ones, not another evaluator's", () => {
  const evaluator = { kind: 'staff', userId: 'evaluator-2', scores: true, everyScore: false } as const;
  assert.equal(shownTenderEvent(event('score.save', 'evaluator-1'), evaluator), null);
  assert.equal(shownTenderEvent(event('score.submit', 'evaluator-1'), evaluator), null);
  assert.ok(shownTenderEvent(event('score.save', 'evaluator-2'), evaluator));
  assert.ok(shownTenderEvent(event('score.agree', 'commissioner-1'), evaluator));
});

test('staff without sight of scores see no score; commissioners see every one', () => {
  const finance = { kind: 'staff', userId: 'finance-1', scores: false, everyScore: false } as const;
  const commissioner = { kind: 'staff', userId: 'commissioner-1', scores: true, everyScore: true } as const;
  assert.equal(shownTenderEvent(event('score.agree'), finance), null);
  assert.ok(shownTenderEvent(event('application.stage', 'finance-1'), finance));
  assert.ok(shownTenderEvent(event('score.save', 'evaluator-1'), commissioner));
});

test("a vehicle's declarations, tiers and award are for those who see scores", () => {
  assert.equal(shownVehicleEvent(event('tiers.confirm'), false), null);
  assert.equal(shownVehicleEvent(event('evaluator.declaration'), false), null);
  assert.ok(shownVehicleEvent(event('vehicle.status'), false));
  assert.ok(shownVehicleEvent(event('tiers.confirm'), true));
});
