import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totalOf, valueOf } from '../../quality/domain/kpi.ts';
import { DEMO_KPIS, demoFigures, demoQuarters, isMissing } from './demo-kpis.ts';

/** The county's share of a KPI each quarter, as the demo loads it: eight DPS providers returning for six lots each. */
function countyShares(key: Parameters<typeof demoFigures>[0], providers = 8, lots = 6) {
  return [0, 1, 2, 3].map((quarter) => {
    const figures = Array.from({ length: providers * lots }, (_, team) => team)
      .filter((team) => !isMissing(Math.floor(team / lots), quarter, providers))
      .map((team) => demoFigures(key, team, quarter));
    assert.ok(figures.every((f) => Number.isInteger(f.numerator) && f.numerator >= 0 && f.numerator <= f.denominator));
    return valueOf('percentage', totalOf(figures))!;
  });
}

test('four quarters of figures, every numerator within its denominator, training rising to about 81%', () => {
  assert.deepEqual(demoQuarters('2026-Q2'), ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  const trained = countyShares('trained');
  assert.ok(Math.abs(trained[2]! - 47) <= 1 && Math.abs(trained[3]! - 81) <= 1, `47% then 81%: ${trained}`);
  for (const { key } of DEMO_KPIS.filter((kpi) => kpi.source === 'return')) {
    const shares = countyShares(key);
    assert.ok(
      shares.every((share, i) => i === 0 || share > shares[i - 1]!),
      `${key} rising: ${shares}`,
    );
  }
  assert.equal([0, 1, 2, 3].filter((q) => isMissing(7, q, 8)).length, 1, 'one return missing');
  assert.deepEqual(
    DEMO_KPIS.filter((kpi) => kpi.source === 'survey').map((kpi) => kpi.key),
    ['listened-to'],
  );
});
