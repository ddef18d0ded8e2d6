import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { livingWageOn } from './domain/living-wage.ts';
import { livingWageRates, parseLivingWageRates, useExtraLivingWageRates } from './living-wage.ts';

test('the shipped rates include April 2024, 2025 and 2026, each with its source', () => {
  const rates = livingWageRates();
  assert.equal(livingWageOn(rates, '2024-04-01')?.pence, 1144);
  assert.equal(livingWageOn(rates, '2025-04-01')?.pence, 1221);
  assert.equal(livingWageOn(rates, '2026-04-01')?.pence, 1271);
  assert.ok(rates.every((rate) => rate.source.length > 0));
});

test("an administrator's file adds a later rate; a bad file is refused line by line", () => {
  const folder = mkdtempSync(join(tmpdir(), 'hearth-nlw-'));
  const file = join(folder, 'nlw.csv');
  writeFileSync(file, 'from,pence,source\n2027-04-01,1320,Announced later\n');
  try {
    useExtraLivingWageRates(file);
    assert.equal(livingWageOn(livingWageRates(), '2027-04-01')?.pence, 1320);
    assert.equal(livingWageOn(livingWageRates(), '2026-04-01')?.pence, 1271);
  } finally {
    useExtraLivingWageRates(undefined);
  }
  assert.equal(livingWageOn(livingWageRates(), '2027-04-01')?.pence, 1271);
  assert.throws(
    () => parseLivingWageRates('from,pence,source\n2027-13-01,1320,x\n2027-04-01,£13.20,x\n', 'extra.csv'),
    /extra\.csv line 2: "2027-13-01" is not a date written YYYY-MM-DD\nextra\.csv line 3: pence must be/,
  );
});
