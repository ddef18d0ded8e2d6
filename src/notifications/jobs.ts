// The sending job: every minute, the due queued messages are emailed (or kept in the outbox when
// Hearth has no way to send). It holds no transaction while it sends: each batch is claimed in a
// short one, so several instances can run it without sending a message twice.
import type { Job } from '../platform/jobs/scheduler.ts';
import type { Sending } from './senders.ts';
import { sendDueNotifications } from './service.ts';

/** `sending` is asked for on each run (the sender is made once, from config, on the first). */
export function messageSendingJob(sending: () => Sending, now: () => Date = () => new Date()): Job {
  return {
    name: 'send-messages',
    pattern: '* * * * *',
    exclusive: false,
    run: (db) => sendDueNotifications(db, sending(), now),
  };
}
