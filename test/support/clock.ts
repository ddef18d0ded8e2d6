// The tests' calendar. Hearth's rules look at today's date (a start-by date may not be past, an
// award notice may be at most 30 days old), and most tests were written with dates around the
// winter of 2026. So that they mean the same whenever they run, scripts/run-tests.js loads this
// module first: the clock then starts at TEST_TODAY and runs on in real time from there.
//
// Browser journeys keep the real clock: Chromium keeps a session cookie until the Expires the
// server sets, by its own clock, so a server living on another day would sign it out at once.
// Their dates are counted from today instead.
import { mock } from 'node:test';

export const TEST_TODAY = '2026-12-01';
const START = Date.parse(`${TEST_TODAY}T09:00:00Z`);

/** Replaces Date with one whose "now" began at START when the tests began; any other date is untouched. */
function pinClock(): void {
  const RealDate = Date;
  const offset = START - RealDate.now();
  const now = () => RealDate.now() + offset;
  // A proxy rather than a subclass, so that Date() called without `new` still works.
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)),
  });
}
const inBrowserJourney = process.argv.some((arg) => /[\\/]test[\\/]browser[\\/]/.test(arg));
if (!inBrowserJourney) pinClock();

/** Runs `work` with the clock stopped at 10:00 UTC on `date`, then lets the test clock run again. */
export async function onDay<T>(date: string, work: () => Promise<T>): Promise<T> {
  mock.timers.enable({ apis: ['Date'], now: new Date(`${date}T10:00:00Z`) });
  try {
    return await work();
  } finally {
    mock.timers.reset();
  }
}
