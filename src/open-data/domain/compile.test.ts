import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileReleases, type OcdsRelease } from './compile.ts';

const ocid = 'ocds-b5fd17-0e8d9a1c';

test('a tender notice then an award notice compile to the process as it stands', () => {
  const tender: OcdsRelease = {
    ocid,
    id: `${ocid}-UK4-1`,
    date: '2025-03-03T09:00:00.000Z',
    tag: ['tender'],
    parties: [{ id: 'GB-LAE-E10000028', name: 'Staffordshire County Council', roles: ['buyer'] }],
    tender: {
      id: 'SL-FW-2025',
      status: 'active',
      lots: [{ id: 'lot-north', title: 'North' }],
      documents: [{ id: 'SL-FW-2025/UK4/1', noticeType: 'UK4' }],
      specialRegime: ['lightTouch'],
    },
  };
  const award: OcdsRelease = {
    ocid,
    id: `${ocid}-UK6-1`,
    date: '2025-06-02T09:00:00.000Z',
    tag: ['award'],
    parties: [
      { id: 'GB-LAE-E10000028', name: 'Staffordshire County Council', roles: ['buyer', 'procuringEntity'] },
      { id: 'GB-COH-01234567', name: 'Heron Care', roles: ['supplier'] },
    ],
    tender: { id: 'SL-FW-2025', status: 'complete', specialRegime: ['lightTouch'] },
    awards: [{ id: 'a1', suppliers: [{ id: 'GB-COH-01234567', name: 'Heron Care' }] }],
  };
  // Given out of order: releases are merged oldest first.
  const compiled = compileReleases([award, tender]);
  assert.deepEqual(compiled.tag, ['compiled']);
  assert.equal(compiled.date, award.date);
  assert.equal(compiled.id, `${ocid}-${award.date}`);
  const parties = compiled.parties as { id: string; roles: string[] }[];
  assert.equal(parties.length, 2, 'parties merge by id');
  assert.deepEqual(parties[0]!.roles, ['buyer', 'procuringEntity'], 'a list of strings is replaced');
  const merged = compiled.tender as Record<string, unknown>;
  assert.equal(merged.status, 'complete', 'a later value replaces an earlier one');
  assert.deepEqual(merged.lots, [{ id: 'lot-north', title: 'North' }], 'what the later release leaves out stays');
  assert.equal((compiled.awards as unknown[]).length, 1);
});

test('a null removes a field, and a record needs a release', () => {
  const first: OcdsRelease = {
    ocid,
    id: '1',
    date: '2025-01-01T00:00:00Z',
    tag: ['tender'],
    tender: { id: 't', title: 'A' },
  };
  const second = {
    ocid,
    id: '2',
    date: '2025-01-02T00:00:00Z',
    tag: ['tenderUpdate'],
    tender: { id: 't', title: null },
  };
  assert.deepEqual(compileReleases([first, second as unknown as OcdsRelease]).tender, { id: 't' });
  assert.throws(() => compileReleases([]), RangeError);
});
