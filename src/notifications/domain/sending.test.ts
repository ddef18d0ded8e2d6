import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absoluteLink, afterFailure, MAX_ATTEMPTS, shortReason } from './sending.ts';

const NOW = new Date('2026-11-24T09:00:00Z');
const minutesAfterNow = (date: Date | null) => (date ? (date.getTime() - NOW.getTime()) / 60_000 : null);

test('a failed try waits 1, 5 and 30 minutes, then 2 hours, and the fifth failure is the last', () => {
  const waits = [0, 1, 2, 3].map((before) => afterFailure(before, NOW));
  assert.deepEqual(
    waits.map((after) => [after.status, after.attempts, minutesAfterNow(after.nextAttemptAt)]),
    [
      ['queued', 1, 1],
      ['queued', 2, 5],
      ['queued', 3, 30],
      ['queued', 4, 120],
    ],
  );
  assert.deepEqual(afterFailure(MAX_ATTEMPTS - 1, NOW), { status: 'failed', attempts: 5, nextAttemptAt: null });
});

test('a failure is kept as one short line without email addresses', () => {
  assert.equal(
    shortReason('SMTP 550: 5.1.1 <jane.example@council.gov.uk>: Recipient address rejected'),
    'SMTP 550: 5.1.1 <(address)>: Recipient address rejected',
  );
  assert.equal(shortReason('line one\n  line two'), 'line one line two');
  assert.equal(shortReason(''), 'Unknown failure');
  const long = shortReason('x'.repeat(500));
  assert.equal(long.length, 200);
  assert.ok(long.endsWith('…'));
});

test("an email's link is the page's path under Hearth's public address", () => {
  assert.equal(
    absoluteLink('https://hearth.example.gov.uk', '/messages/1'),
    'https://hearth.example.gov.uk/messages/1',
  );
  assert.equal(
    absoluteLink('https://example.gov.uk/hearth/', '/messages/1'),
    'https://example.gov.uk/hearth/messages/1',
  );
});
