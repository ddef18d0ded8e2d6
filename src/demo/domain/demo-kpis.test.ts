import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totalOf, valueOf } from '../../quality/domain/kpi.ts';
import { DEMO_KPIS, demoFigures, demoQuarters, isMissing } from './demo-kpis.ts';

test('four quarters of figures, every numerator within its denominator, training rising to about 81%', () => {
  assert.deepEqual(demoQuarters('2026-Q2'), ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  const providers = 10;
  const shares = [0, 1, 2, 3].map((quarter) => {
    const figures = Array.from({ length: providers }, (_, provider) => demoFigures('trained', provider, quarter));
    assert.ok(figures.every((f) => f.numerator <= f.denominator && f.numerator >= 0));
    return valueOf('percentage', totalOf(figures))!;
  });
  assert.ok(
    shares.every((share, i) => i === 0 || share > shares[i - 1]!),
    `rising: ${shares}`,
  );
  assert.ok(Math.abs(shares[2]! - 47) <= 3 && Math.abs(shares[3]! - 81) <= 3, `47% then 81%, near enough: ${shares}`);
  assert.equal([0, 1, 2, 3].filter((q) => isMissing(providers - 1, q, providers)).length, 1, 'one return missing');
  assert.deepEqual(
    DEMO_KPIS.filter((kpi) => kpi.source === 'survey').map((kpi) => kpi.key),
    ['listened-to'],
  );
});
