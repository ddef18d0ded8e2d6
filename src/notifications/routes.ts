// Pages: the messages sent to the signed-in person, one of them, and for administrators the
// organisation's outbox: every message, where sending it has got to and why it failed.
import type { Db } from '../platform/db/client.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { listPage, page, type PageRoute } from '../platform/http/page.ts';
import { dateAndTime, MESSAGE_KIND_LABELS, MESSAGE_KINDS, type MessageKind } from './domain/messages.ts';
import { MESSAGE_STATUS_LABELS, MESSAGE_STATUSES, type MessageStatus } from './domain/sending.ts';
import { outboxFilter, ownMessagesFilter, type OutboxFilter, type OwnMessagesFilter } from './input.ts';
import { paths } from './paths.ts';
import * as service from './service.ts';

export const notificationNavigation: NavigationItem[] = [
  { text: 'Messages', href: paths.messages(), access: 'signed-in' },
  { text: 'Outbox and sending', href: paths.outbox(), access: ['administrator'] },
];

const kindLabel = (kind: string) => MESSAGE_KIND_LABELS[kind as MessageKind] ?? kind;
const statusLabel = (status: string) => MESSAGE_STATUS_LABELS[status as MessageStatus] ?? status;
const when = (moment: Date | null) => (moment ? dateAndTime(moment) : '');

/** What a message's page shows: to its recipient, or to an administrator with where sending it has got to. */
function messageContext(message: service.Notification, forAdministrator: boolean, mayOpen: (href: string) => boolean) {
  const row = (key: string, value: string | number) => ({ key: { text: key }, value: { text: String(value) } });
  const rows = [
    row(forAdministrator ? 'Queued' : 'Sent to you', when(message.createdAt)),
    row('Email', statusLabel(message.status)),
  ];
  if (forAdministrator)
    rows.push(
      row('Recipient', message.recipientEmail),
      row('Attempts', message.attempts),
      row('Next attempt', (message.status === 'queued' && when(message.nextAttemptAt)) || 'None'),
      row('Emailed', when(message.sentAt) || 'Not yet'),
      row('Last error', message.lastError ?? 'None'),
      row('Links to', message.link),
    );
  return {
    title: message.subject,
    message,
    kindText: kindLabel(message.kind),
    rows,
    paragraphs: message.body.split(/\n{2,}/),
    // An administrator reading the outbox may not be let into the page a message is about.
    linkShown: mayOpen(message.link),
  };
}

export function notificationPages(db: Db): PageRoute[] {
  return [
    listPage<service.Notification, OwnMessagesFilter, 'created'>({
      path: paths.messages(),
      access: 'signed-in',
      title: 'Messages sent to you',
      noun: { one: 'message', many: 'messages' },
      filter: ownMessagesFilter,
      filters: [],
      columns: [
        { heading: 'Sent to you', value: (m) => when(m.createdAt), sort: 'created' },
        { heading: 'Subject', value: (m) => m.subject, href: (m) => paths.message(m.id) },
        { heading: 'Kind', value: (m) => kindLabel(m.kind) },
        { heading: 'Email', value: (m) => statusLabel(m.status) },
      ],
      defaultSort: { key: 'created', direction: 'desc' },
      empty: 'Hearth has not sent you any messages yet.',
      fetch: ({ user }, request) => service.listOwnMessages(db, user, request),
    }),
    page({
      path: '/messages/:id',
      access: 'signed-in',
      view: 'notifications/views/message.njk',
      load: async ({ user, params, mayOpen }) => {
        const message = await service.ownMessage(db, user, params.id!);
        return {
          ...messageContext(message, false, mayOpen),
          backLink: { href: paths.messages(), text: 'Messages sent to you' },
        };
      },
    }),
    listPage<service.Notification, OutboxFilter, 'created' | 'status'>({
      path: paths.outbox(),
      access: ['administrator'],
      title: 'Outbox and sending',
      noun: { one: 'message', many: 'messages' },
      filter: outboxFilter,
      filters: [
        {
          name: 'status',
          label: 'Status',
          kind: 'select',
          any: 'Any status',
          options: () => MESSAGE_STATUSES.map((value) => ({ value, text: MESSAGE_STATUS_LABELS[value] })),
        },
        {
          name: 'kind',
          label: 'Kind',
          kind: 'select',
          any: 'Any kind',
          options: () => MESSAGE_KINDS.map((value) => ({ value, text: MESSAGE_KIND_LABELS[value] })),
        },
      ],
      columns: [
        { heading: 'Queued', value: (m) => when(m.createdAt), sort: 'created' },
        { heading: 'Status', value: (m) => statusLabel(m.status), sort: 'status' },
        { heading: 'Kind', value: (m) => kindLabel(m.kind) },
        { heading: 'Recipient', value: (m) => m.recipientEmail },
        { heading: 'Subject', value: (m) => m.subject, href: (m) => paths.outboxMessage(m.id) },
        { heading: 'Attempts', value: (m) => m.attempts, numeric: true },
        { heading: 'Sent', value: (m) => when(m.sentAt) },
        { heading: 'Last error', value: (m) => m.lastError },
      ],
      defaultSort: { key: 'created', direction: 'desc' },
      empty: 'No messages match. Clear the filters to see them all.',
      fetch: ({ user }, request) => service.listOrganisationMessages(db, user, request),
    }),
    page({
      path: '/admin/messages/:id',
      access: ['administrator'],
      view: 'notifications/views/message.njk',
      load: async ({ user, params, mayOpen }) => {
        const message = await service.organisationMessage(db, user, params.id!);
        return {
          ...messageContext(message, true, mayOpen),
          backLink: { href: paths.outbox(), text: 'Outbox and sending' },
        };
      },
    }),
  ];
}
