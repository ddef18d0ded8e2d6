import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { providers } from '../providers/schema.ts';
import { moment } from '../platform/db/columns.ts';

// Foreign keys are the one place a part's schema names another part's table.

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey(),
    /** ONS GSS code for a council (E10000028), ODS code for an NHS body (QNC). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: ['council', 'nhs'] }).notNull(),
    /** Demo data: never to be mistaken for a real council. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** What the footer of every page links to: the organisation's own statements and contact. */
    accessibilityStatementUrl: text('accessibility_statement_url'),
    privacyNoticeUrl: text('privacy_notice_url'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    /** The organisation's registered OCDS prefix (ocds-213czf), for its open data's ocids. */
    ocdsPrefix: text('ocds_prefix'),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [uniqueIndex('organisations_code_idx').on(table.code)],
);

/** Geographical areas a council commissions by (lots, tiers and vacancies are per zone). */
export const zones = pgTable(
  'zones',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organisationId, table.id] }),
    uniqueIndex('zones_name_idx').on(table.organisationId, table.name),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    /** Stored lower-case; unique across Hearth. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id; null for people who only sign in through single sign-on. */
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull(),
    /** Staff belong to an organisation; provider users to a provider instead. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    providerId: uuid('provider_id').references(() => providers.id),
    /** The subject claim from the organisation's identity provider, once linked. */
    oidcSubject: text('oidc_subject'),
    active: boolean('active').notNull().default(true),
    createdAt: moment('created_at').notNull(),
    lastSignInAt: moment('last_sign_in_at'),
  },
  (table) => [
    uniqueIndex('users_email_idx').on(table.email),
    uniqueIndex('users_oidc_subject_idx').on(table.oidcSubject),
    index('users_organisation_idx').on(table.organisationId),
    index('users_provider_idx').on(table.providerId),
  ],
);

/** Personal API tokens: only a SHA-256 of the token is kept; revoked ones stay for the record. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: moment('created_at').notNull(),
    lastUsedAt: moment('last_used_at'),
    revokedAt: moment('revoked_at'),
  },
  (table) => [uniqueIndex('api_tokens_hash_idx').on(table.tokenHash), index('api_tokens_user_idx').on(table.userId)],
);
