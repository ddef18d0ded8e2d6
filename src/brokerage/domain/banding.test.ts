import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandFor, DEFAULT_MATRIX, describedScore, matrixProblems, scoreProblems } from './banding.ts';

const scores = (values: number[]) =>
  Object.fromEntries(DEFAULT_MATRIX.domains.map((domain, i) => [domain.key, values[i]!]));

test('the default matrix: totals place people in bands, at the thresholds exactly', () => {
  assert.deepEqual(bandFor(DEFAULT_MATRIX, scores([1, 1, 1, 1, 2, 2, 2])), {
    band: 'less-complex',
    total: 10,
    reason: 'Less complex: total 10, below every threshold',
  });
  assert.deepEqual(bandFor(DEFAULT_MATRIX, scores([1, 1, 1, 2, 2, 2, 2])), {
    band: 'complex',
    total: 11,
    reason: 'Complex: total 11, at least 11 for complex',
  });
  assert.equal(bandFor(DEFAULT_MATRIX, scores([3, 3, 3, 3, 3, 3, 2])).band, 'highly-complex');
  assert.equal(bandFor(DEFAULT_MATRIX, scores([3, 3, 3, 3, 3, 2, 2])).band, 'complex');
});

test('one domain at its worst outweighs a low total', () => {
  const result = bandFor(DEFAULT_MATRIX, scores([0, 0, 4, 0, 1, 0, 0]));
  assert.deepEqual(result, {
    band: 'highly-complex',
    total: 5,
    reason: 'Highly complex: behaviour that challenges scored 4, which alone means highly complex (total 5)',
  });
  // An override never lowers a band.
  const lower = { ...DEFAULT_MATRIX, overrides: [{ domain: 'risk', minimumScore: 1, band: 'less-complex' as const }] };
  assert.equal(bandFor(lower, scores([3, 3, 3, 3, 3, 3, 3])).band, 'highly-complex');
});

test('scores are checked against the matrix: every domain, within range', () => {
  assert.deepEqual(scoreProblems(DEFAULT_MATRIX, scores([0, 1, 2, 3, 4, 0, 1])), []);
  const problems = scoreProblems(DEFAULT_MATRIX, { ...scores([0, 1, 2, 3, 4, 0, 1]), health: 5, community: undefined });
  assert.deepEqual(problems, [
    { field: 'scores.health', message: 'Score health and medication as a whole number from 0 to 4' },
    { field: 'scores.community', message: 'Score community and relationships as a whole number from 0 to 4' },
  ]);
});

test('each score is shown with what it means, and a matrix describes every score or none', () => {
  const personalCare = DEFAULT_MATRIX.domains[0]!;
  assert.equal(describedScore(personalCare, 3), '3: Support with most tasks, most days');
  assert.equal(describedScore({ key: 'x', label: 'X', maxScore: 10 }, 7), '7');
  const described = (descriptors: unknown) =>
    matrixProblems({
      ...DEFAULT_MATRIX,
      overrides: [],
      domains: [{ key: 'risk', label: 'Risk', maxScore: 2, descriptors }],
    });
  assert.deepEqual(described(['None', 'Some', 'Constant']), []);
  assert.deepEqual(described(['None', 'Some']), [
    { field: 'domains[0].descriptors', message: 'Describe each score of Risk, from 0 to 2: 3 descriptions' },
  ]);
});

test('a matrix with problems is refused with every one listed', () => {
  assert.deepEqual(matrixProblems(DEFAULT_MATRIX), []);
  assert.deepEqual(
    matrixProblems({
      domains: [
        { key: 'Personal Care', label: 'x', maxScore: 4 },
        { key: 'risk', label: '', maxScore: 0 },
        { key: 'risk', label: 'Risk', maxScore: 4 },
      ],
      thresholds: [
        { band: 'highly-complex', minimumTotal: 5 },
        { band: 'complex', minimumTotal: 8 },
      ],
      overrides: [{ domain: 'sleep', minimumScore: 2, band: 'complex' }],
    }),
    [
      { field: 'domains[0].key', message: 'Give each domain a key of lower-case letters, digits and hyphens' },
      { field: 'domains[1].label', message: 'Give each domain a label' },
      { field: 'domains[1].maxScore', message: 'The highest score is a whole number from 1 to 100' },
      { field: 'domains[2].key', message: 'risk is listed twice' },
      { field: 'thresholds', message: 'Highly complex must need a higher total than complex' },
      { field: 'overrides[0].domain', message: 'An override names one of the domains' },
    ],
  );
});
