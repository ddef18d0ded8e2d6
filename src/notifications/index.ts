// Notifications: messages other parts queue when something happens, emailed by a job (GOV.UK
// Notify or SMTP, or kept in an outbox), and read in Hearth by their recipients and administrators.
import { readConfig } from '../config.ts';
import type { Part } from '../platform/part.ts';
import { messageSendingJob } from './jobs.ts';
import { notificationNavigation, notificationPages } from './routes.ts';
import { sendingFrom, type Sending } from './senders.ts';

// A part's jobs are given only the database, so the sender is made from config.ts on the first
// run (start-up has read and checked the same environment already).
let sending: Sending | undefined;
const configuredSending = () => (sending ??= sendingFrom(readConfig()));

export const notificationsPart: Part = {
  name: 'notifications',
  navigation: notificationNavigation,
  pages: ({ db }) => notificationPages(db),
  jobs: [messageSendingJob(configuredSending)],
};
