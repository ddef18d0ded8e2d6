import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  currentRoundNumber,
  hasRounds,
  heldLotProblems,
  reopeningProblems,
  secondApplicationProblem,
  summariseRounds,
  type ReopeningFacts,
} from './rounds.ts';

const liveFramework: ReopeningFacts = {
  kind: 'framework',
  status: 'live',
  usesClarification: true,
  round: 2,
  today: '2026-12-02',
};

test('frameworks and open frameworks keep rounds; a DPS, dynamic market or block contract does not', () => {
  assert.equal(hasRounds('framework'), true);
  assert.equal(hasRounds('open-framework'), true);
  assert.equal(hasRounds('dps'), false);
  assert.equal(hasRounds('dynamic-market'), false);
  assert.equal(hasRounds('block-contract'), false);
});

test('applications go to the latest round; a vehicle without rounds has only round 1', () => {
  assert.equal(currentRoundNumber([]), 1);
  assert.equal(currentRoundNumber([{ number: 1 }]), 1);
  assert.equal(currentRoundNumber([{ number: 2 }, { number: 1 }, { number: 3 }]), 3);
});

test('a live framework reopens with deadlines in order, from today on', () => {
  assert.deepEqual(
    reopeningProblems(liveFramework, { clarificationDeadline: '2026-12-02', submissionDeadline: '2027-01-15' }),
    [],
  );
  assert.deepEqual(
    reopeningProblems(liveFramework, { clarificationDeadline: '2027-01-15', submissionDeadline: '2027-01-15' }),
    [],
    'the same day for both is allowed',
  );
});

test('each refused date is named by its field', () => {
  const fields = (dates: { clarificationDeadline: string | null; submissionDeadline: string | null }) =>
    reopeningProblems(liveFramework, dates).map((problem) => problem.field);
  assert.deepEqual(fields({ clarificationDeadline: null, submissionDeadline: null }), [
    'clarificationDeadline',
    'submissionDeadline',
  ]);
  const past = reopeningProblems(liveFramework, {
    clarificationDeadline: '2026-12-01',
    submissionDeadline: '2026-11-30',
  });
  assert.deepEqual(
    past.map((problem) => problem.field),
    ['clarificationDeadline', 'submissionDeadline'],
  );
  assert.match(past[0]!.message, /clarification deadline must be today \(2 December 2026\) or later/);
  const backwards = reopeningProblems(liveFramework, {
    clarificationDeadline: '2027-02-01',
    submissionDeadline: '2027-01-15',
  });
  assert.deepEqual(backwards, [
    { field: 'submissionDeadline', message: 'The submission deadline must not be before the clarification deadline' },
  ]);
  assert.match(
    reopeningProblems(liveFramework, { clarificationDeadline: '2027-01-01', submissionDeadline: null })[0]!.message,
    /Enter the submission deadline for round 2/,
  );
});

test('a vehicle without clarification questions needs only the submission deadline', () => {
  const noQuestions = { ...liveFramework, usesClarification: false };
  assert.deepEqual(
    reopeningProblems(noQuestions, { clarificationDeadline: null, submissionDeadline: '2027-01-15' }),
    [],
  );
  // Given anyway, it is still checked against the submission deadline.
  assert.deepEqual(
    reopeningProblems(noQuestions, { clarificationDeadline: '2027-02-01', submissionDeadline: '2027-01-15' }).map(
      (problem) => problem.field,
    ),
    ['submissionDeadline'],
  );
});

test('only a live framework is reopened, and a DPS or dynamic market never is', () => {
  const dates = { clarificationDeadline: '2027-01-01', submissionDeadline: '2027-01-15' };
  assert.deepEqual(
    reopeningProblems({ ...liveFramework, status: 'evaluation' }, dates).map((problem) => problem.field),
    ['status'],
  );
  const dps = reopeningProblems({ ...liveFramework, kind: 'dps' }, dates);
  assert.equal(dps.length, 1);
  assert.equal(dps[0]!.field, 'status');
  assert.match(dps[0]!.message, /open to applications continuously: it has no rounds/);
  assert.match(
    reopeningProblems({ ...liveFramework, kind: 'dynamic-market' }, dates)[0]!.message,
    /dynamic market .* has no rounds/,
  );
  assert.match(
    reopeningProblems({ ...liveFramework, kind: 'block-contract' }, dates)[0]!.message,
    /not reopened in rounds/,
  );
});

test('one application per provider per round: an earlier round, whatever its outcome, does not count', () => {
  const failedInRound1 = [{ roundNumber: 1, status: 'excluded' }];
  assert.equal(secondApplicationProblem('framework', 2, failedInRound1), null);
  assert.equal(secondApplicationProblem('framework', 2, [{ roundNumber: 1, status: 'withdrawn' }]), null);
  assert.equal(secondApplicationProblem('framework', 2, [{ roundNumber: 1, status: 'successful' }]), null);
  assert.match(
    secondApplicationProblem('framework', 2, [...failedInRound1, { roundNumber: 2, status: 'submitted' }]) ?? '',
    /already applied in round 2: a provider makes one application per round/,
  );
  assert.match(
    secondApplicationProblem('dps', 1, [{ roundNumber: 1, status: 'excluded' }]) ?? '',
    /one application to this vehicle/,
  );
});

test('a provider on the framework may apply again only for lots it does not hold', () => {
  const held = [{ lotId: 'north', lotTitle: 'North: supported living, complex needs', roundNumber: 1 }];
  assert.deepEqual(heldLotProblems(['south'], held), []);
  assert.deepEqual(heldLotProblems(['north', 'south'], held), [
    {
      field: 'lotIds',
      message:
        'You already hold a place on North: supported living, complex needs (admitted in round 1): choose lots you do not hold',
    },
  ]);
});

test('each round counts its submitted applications and the providers it admitted', () => {
  const rounds = summariseRounds(
    [
      { number: 2, opensOn: '2027-06-01', clarificationDeadline: null, submissionDeadline: '2027-07-01' },
      { number: 1, opensOn: '2026-01-05', clarificationDeadline: '2026-02-13', submissionDeadline: '2026-03-02' },
    ],
    [
      { roundNumber: 1, status: 'successful' },
      { roundNumber: 1, status: 'excluded' },
      { roundNumber: 1, status: 'draft' },
      { roundNumber: 2, status: 'submitted' },
    ],
    [
      { roundNumber: 1, providerId: 'heron' },
      { roundNumber: 1, providerId: 'heron' },
      { roundNumber: 2, providerId: 'kestrel' },
    ],
  );
  assert.deepEqual(
    rounds.map((round) => [round.number, round.applicationsReceived, round.providersAdmitted]),
    [
      [1, 2, 1],
      [2, 1, 1],
    ],
  );
});
