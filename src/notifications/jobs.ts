// The sending job: every minute, the due queued messages are emailed (or kept in the outbox when
// Hearth has no way to send). The scheduler's advisory lock means one instance sends at a time.
import type { Job } from '../platform/jobs/scheduler.ts';
import type { Sending } from './senders.ts';
import { sendDueNotifications } from './service.ts';

/** `sending` is asked for on each run (the sender is made once, from config, on the first). */
export function messageSendingJob(sending: () => Sending, now: () => Date = () => new Date()): Job {
  return {
    name: 'send-messages',
    pattern: '* * * * *',
    run: (db) => sendDueNotifications(db, sending(), now),
  };
}
