// A message's life: queued until the sending job takes it, then sent, or tried again later with a
// longer wait each time and failed after the last try; or kept in the outbox when Hearth has no
// way to send email. What a failure leaves on the message is a short reason, never an address.

export const MESSAGE_STATUSES = ['queued', 'sent', 'failed', 'outbox'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  queued: 'Waiting to be sent',
  sent: 'Sent',
  failed: 'Could not be sent',
  outbox: 'In the outbox (not emailed)',
};

/** How long to wait after each failed try before the next: 1, 5 and 30 minutes, 2 hours, 12 hours. */
export const RETRY_DELAYS_MINUTES: readonly number[] = [1, 5, 30, 120, 720];
/** A message is tried this many times at most, then marked failed. */
export const MAX_ATTEMPTS = 5;

export type AfterFailure =
  | { status: 'queued'; attempts: number; nextAttemptAt: Date }
  | { status: 'failed'; attempts: number; nextAttemptAt: null };

/** What a failed try leaves: the count of tries so far, and when to try again, or failed after the last. */
export function afterFailure(attemptsBefore: number, now: Date): AfterFailure {
  const attempts = attemptsBefore + 1;
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', attempts, nextAttemptAt: null };
  const minutes = RETRY_DELAYS_MINUTES[Math.min(attempts, RETRY_DELAYS_MINUTES.length) - 1]!;
  return { status: 'queued', attempts, nextAttemptAt: new Date(now.getTime() + minutes * 60_000) };
}

const REASON_LENGTH = 200;

/**
 * A failure as the message keeps it and an administrator reads it: one line, at most 200
 * characters, with anything that looks like an email address taken out (a mail server's refusal
 * often quotes the address it refused).
 */
export function shortReason(text: string): string {
  const line = text
    .replace(/[^\s<>"'()[\]{},;:]+@[^\s<>"'()[\]{},;:]+/g, '(address)')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > REASON_LENGTH ? `${line.slice(0, REASON_LENGTH - 1)}…` : line || 'Unknown failure';
}

/** The link in an email: the message's path in Hearth, under the address people reach Hearth at. */
export const absoluteLink = (publicUrl: string, path: string): string => `${publicUrl.replace(/\/+$/, '')}${path}`;
