import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptsApplications,
  DEFAULT_PIPELINE,
  lotGrid,
  lotTitle,
  nextStatuses,
  pipelineProblems,
  questionApplies,
  questionWeightProblems,
  vehicleProblems,
  type VehicleRules,
} from './vehicles.ts';

// Staffordshire's 2019 DPS and Lancashire's 2026 framework, as the reports describe them.
const staffordshireDps: VehicleRules = {
  kind: 'dps',
  regime: 'pcr2015',
  advertOn: '2019-03-01',
  clarificationDeadline: '2019-03-20',
  submissionDeadline: '2019-04-01',
  awardOn: '2019-05-01',
  contractStartOn: '2019-06-01',
  contractEndOn: '2027-05-31',
  stages: DEFAULT_PIPELINE,
  pricesFixed: true,
  qualityWeightPercent: 100,
  tiered: false,
  partnerShares: [],
};
const fields = (rules: VehicleRules) => vehicleProblems(rules).map((problem) => problem.field);

test('a sound vehicle has no problems', () => {
  assert.deepEqual(vehicleProblems(staffordshireDps), []);
  assert.deepEqual(
    vehicleProblems({
      ...staffordshireDps,
      kind: 'framework',
      regime: 'pa2023',
      advertOn: '2026-01-05',
      clarificationDeadline: null,
      submissionDeadline: '2026-03-01',
      awardOn: null,
      contractStartOn: '2026-10-01',
      contractEndOn: '2031-09-30',
      pricesFixed: false,
      qualityWeightPercent: 70,
      tiered: true,
      partnerShares: [2500],
    }),
    [],
  );
});

test('each kind runs under its own regimes, and PCR 2015 only for procurements begun before 24 February 2025', () => {
  assert.deepEqual(fields({ ...staffordshireDps, regime: 'pa2023' }), ['regime']);
  assert.match(
    vehicleProblems({ ...staffordshireDps, kind: 'dynamic-market' })[0]!.message,
    /runs under Procurement Act 2023/,
  );
  assert.match(
    vehicleProblems({
      ...staffordshireDps,
      advertOn: '2025-02-24',
      clarificationDeadline: null,
      submissionDeadline: null,
      awardOn: null,
      contractStartOn: null,
    })[0]!.message,
    /follow the Procurement Act 2023/,
  );
});

test('key dates run in order; the contract ends after it starts', () => {
  assert.deepEqual(fields({ ...staffordshireDps, submissionDeadline: '2019-03-10' }), ['submissionDeadline']);
  assert.deepEqual(fields({ ...staffordshireDps, clarificationDeadline: null, submissionDeadline: '2019-02-01' }), [
    'submissionDeadline',
  ]);
  assert.deepEqual(fields({ ...staffordshireDps, contractEndOn: '2019-06-01' }), ['contractEndOn']);
});

test('fixed rates mean 100% quality; partners leave the lead a share', () => {
  assert.deepEqual(fields({ ...staffordshireDps, qualityWeightPercent: 60 }), ['qualityWeightPercent']);
  assert.deepEqual(fields({ ...staffordshireDps, partnerShares: [5000, 5000] }), ['partners']);
});

test('a stage pipeline starts with selection, ends with award, in order, negotiating only with resubmission', () => {
  assert.deepEqual(pipelineProblems(['selection', 'quality', 'negotiation', 'resubmission', 'financial', 'award']), []);
  assert.equal(pipelineProblems(['quality', 'award']).length, 1);
  assert.equal(pipelineProblems(['selection', 'financial', 'quality', 'award']).length, 1);
  assert.match(pipelineProblems(['selection', 'quality', 'negotiation', 'award'])[0]!.message, /go together/);
});

test('a DPS takes applications while live; a framework closes for evaluation and reopens in rounds', () => {
  assert.deepEqual(nextStatuses('dps', 'open'), ['live', 'closed']);
  assert.ok(acceptsApplications('dps', 'live'));
  assert.deepEqual(nextStatuses('framework', 'open'), ['evaluation', 'closed']);
  assert.equal(acceptsApplications('framework', 'live'), false);
  assert.deepEqual(nextStatuses('framework', 'live'), ['open', 'closed']);
  assert.deepEqual(nextStatuses('block-contract', 'live'), ['closed']);
  assert.deepEqual(nextStatuses('dps', 'closed'), []);
});

test('lots are every zone × service type × need band, titled for people', () => {
  const grid = lotGrid(['north', 'south'], ['highly-complex', 'complex', 'less-complex'], ['supported-living']);
  assert.equal(grid.length, 6);
  assert.equal(lotTitle('North', grid[1]!), 'North: supported living, complex needs');
});

test("with questions of their own for some lots, each lot's questions weigh 100% with those for everyone", () => {
  const lots = [
    { id: 'north', title: 'North' },
    { id: 'south', title: 'South' },
  ];
  const general = { kind: 'quality', weightPercent: 60, lotId: null };
  assert.deepEqual(questionWeightProblems([general, { kind: 'quality', weightPercent: 40, lotId: null }], lots), []);
  assert.match(questionWeightProblems([general], lots)[0]!.message, /add up to 60%/);
  assert.deepEqual(
    questionWeightProblems(
      [
        general,
        { kind: 'quality', weightPercent: 40, lotId: 'north' },
        { kind: 'quality', weightPercent: 40, lotId: 'south' },
      ],
      lots,
    ),
    [],
  );
  const southShort = questionWeightProblems(
    [
      general,
      { kind: 'quality', weightPercent: 40, lotId: 'north' },
      { kind: 'quality', weightPercent: 30, lotId: 'south' },
    ],
    lots,
  );
  assert.deepEqual(
    southShort.map((p) => p.message),
    ["For South, the quality questions' weightings add up to 90%; they must add up to 100%"],
  );
  assert.ok(
    questionApplies({ lotId: null }, []) &&
      questionApplies({ lotId: 'north' }, ['north']) &&
      !questionApplies({ lotId: 'south' }, ['north']),
  );
});
