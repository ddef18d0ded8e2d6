// A KPI as the tests add it: the report's strengths-based training, 100% of care workers.
export const TRAINED = {
  name: 'Strengths-based training',
  description: 'Care workers who have completed strengths-based approaches training and been deemed competent',
  numeratorLabel: 'care workers trained and deemed competent',
  denominatorLabel: 'care workers',
  summaryPhrase: 'have now been trained',
  measure: 'percentage',
  target: 100,
  direction: 'higher',
  amberTolerance: 10,
  firstQuarter: '2026-Q1',
};
