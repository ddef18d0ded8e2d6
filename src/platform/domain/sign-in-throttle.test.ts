import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideSignIn, throttleMessage } from './sign-in-throttle.ts';

const now = new Date('2026-11-23T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

test('four recent failures still allow a fifth try', () => {
  assert.deepEqual(decideSignIn(now, { byEmail: [4, 3, 2, 1].map(minutesAgo), byIp: [] }), { allowed: true });
});

test('five failures within 15 minutes lock the email until the oldest leaves the window', () => {
  const decision = decideSignIn(now, { byEmail: [10, 8, 6, 4, 2].map(minutesAgo), byIp: [] });
  assert.deepEqual(decision, { allowed: false, retryAfterMinutes: 5 });
});

test('failures older than the window do not count', () => {
  assert.deepEqual(decideSignIn(now, { byEmail: [40, 30, 20, 16, 1].map(minutesAgo), byIp: [] }), { allowed: true });
});

test('many failures from one network address lock it whatever the email', () => {
  const byIp = Array.from({ length: 50 }, (_, i) => minutesAgo(14 - i * 0.2));
  const decision = decideSignIn(now, { byEmail: [], byIp });
  assert.equal(decision.allowed, false);
});

test('the message says how long to wait', () => {
  assert.match(throttleMessage({ retryAfterMinutes: 1 }), /wait 1 minute and try again/);
  assert.match(throttleMessage({ retryAfterMinutes: 12 }), /wait 12 minutes/);
});
