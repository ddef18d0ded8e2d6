// Repeated failed sign-ins are slowed down: after too many failures for one email address
// (or from one address on the network) in a window, sign-in is refused until the window passes.

export interface ThrottlePolicy {
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  windowMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { maxFailuresPerEmail: 5, maxFailuresPerIp: 50, windowMinutes: 15 };

export interface RecentFailures {
  /** Failures for this email since its last successful sign-in, within the window, oldest first. */
  byEmail: readonly Date[];
  /** Failures from this IP within the window, oldest first. */
  byIp: readonly Date[];
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMinutes: number };

function lockedUntil(failures: readonly Date[], max: number, windowMs: number): number | undefined {
  if (failures.length < max) return undefined;
  // The lock lifts once the oldest failure that still counts leaves the window.
  const oldestCounting = failures[failures.length - max]!;
  return oldestCounting.getTime() + windowMs;
}

export function decideSignIn(
  now: Date,
  recent: RecentFailures,
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): ThrottleDecision {
  const windowMs = policy.windowMinutes * 60_000;
  const inWindow = (dates: readonly Date[]) => dates.filter((d) => now.getTime() - d.getTime() < windowMs);
  const until = Math.max(
    lockedUntil(inWindow(recent.byEmail), policy.maxFailuresPerEmail, windowMs) ?? 0,
    lockedUntil(inWindow(recent.byIp), policy.maxFailuresPerIp, windowMs) ?? 0,
  );
  if (until <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
}

export function throttleMessage(decision: { retryAfterMinutes: number }): string {
  const minutes = decision.retryAfterMinutes === 1 ? '1 minute' : `${decision.retryAfterMinutes} minutes`;
  return `Too many failed sign-in attempts. For your security, wait ${minutes} and try again, or ask your administrator to reset your password.`;
}
