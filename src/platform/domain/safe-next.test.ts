import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeNext } from './safe-next.ts';

test('a path on this site, with its query, is kept', () => {
  assert.equal(safeNext('/providers'), '/providers');
  assert.equal(safeNext('/vehicles?status=open&page=2'), '/vehicles?status=open&page=2');
  assert.equal(
    safeNext('/people/0b6b3c9e-5d1a-4e59-8c52-9a1f0f5b7d10#referrals'),
    '/people/0b6b3c9e-5d1a-4e59-8c52-9a1f0f5b7d10#referrals',
  );
  assert.equal(safeNext('/search?q=caf%C3%A9'), '/search?q=caf%C3%A9');
});

test('anything that could leave the site or break the Location header goes home', () => {
  for (const hostile of [
    '/\n/x',
    '/\r\nSet-Cookie: a=b',
    '/\t/evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '//evil.example',
    '///evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
    ' /providers',
    '/a b',
    '/\u0000',
    '/caf\u00e9',
    '/./\\evil',
    '/..//evil.example',
    undefined,
    null,
    42,
    ['/providers'],
  ]) {
    assert.equal(safeNext(hostile), '/', JSON.stringify(hostile));
  }
});
