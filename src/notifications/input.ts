// What the message lists may be filtered by, read from the query string; and what another part
// hands over when it queues a message.
import { z } from 'zod';
import { pagingQuery } from '../platform/http/paging.ts';
import { STAFF_ROLES } from '../platform/domain/roles.ts';
import { MESSAGE_KINDS } from './domain/messages.ts';
import { MESSAGE_STATUSES } from './domain/sending.ts';

/** One of a set, or blank for any. */
const anyOr = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .union([z.literal(''), z.enum(values, { error: message })])
    .optional()
    .transform((value) => value || undefined);

export const ownMessagesFilter = z.object({ ...pagingQuery.shape });
export type OwnMessagesFilter = z.infer<typeof ownMessagesFilter>;

export const outboxFilter = z.object({
  status: anyOr(MESSAGE_STATUSES, 'Choose a status from the list'),
  kind: anyOr(MESSAGE_KINDS, 'Choose a kind of message from the list'),
  ...pagingQuery.shape,
});
export type OutboxFilter = z.infer<typeof outboxFilter>;

const id = z.uuid();

/** Who is told: particular people, a provider's active people, or an organisation's active people in a role. */
export const recipientsInput = z.union([
  z.object({ users: z.array(id).readonly() }).strict(),
  z.object({ providerUsersOf: id }).strict(),
  z.object({ organisation: id, role: z.enum(STAFF_ROLES) }).strict(),
]);
export type Recipients = z.infer<typeof recipientsInput>;

export const notificationInput = z.object({
  /** What happened, once ("offer-made:<offer id>"); with each recipient's id, the idempotency key. */
  event: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\w.:/-]+$/, 'An event key is letters, digits and . : / - _'),
  organisationId: id.nullable(),
  recipients: z.union([recipientsInput, z.array(recipientsInput).readonly()]),
  message: z.object({
    kind: z.enum(MESSAGE_KINDS),
    subject: z.string().min(1).max(300),
    body: z.string().min(1).max(5000),
    link: z.string().min(1).max(500),
  }),
});
export type NotificationInput = z.input<typeof notificationInput>;
