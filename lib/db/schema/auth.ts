import { sql } from 'drizzle-orm';
import { bigint, boolean, check, type ExtraConfigColumn, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { isLive, softDeleteTimestamps, tenantForeignKey, tenantPrimaryKey, tenantUuidTable, timestamps, timestamptz } from './columns';
import { builders } from './foreman';
import { organisations } from './organisations';

// Accounts and sessions: better-auth's own tables, in the library's shapes (property names are
// the library's field names; SQL names are snake_case). They are global, not tenant-owned: a
// person signs in once and may belong to several organisations. Their foreign keys are
// RESTRICT (seed 002) where the library would cascade; Gantry never deletes a user.

export const users = pgTable('user', {
  id: text().primaryKey(),
  name: text().notNull(),
  email: text().notNull().unique('user_email_key'),
  emailVerified: boolean().notNull().default(false),
  image: text(),
  ...timestamps(),
});

export const authSessions = pgTable(
  'session',
  {
    id: text().primaryKey(),
    expiresAt: timestamptz().notNull(),
    token: text().notNull().unique('session_token_key'),
    ...timestamps(),
    ipAddress: text(),
    userAgent: text(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** Gantry's one addition: the organisation this session works in (switched in the header). */
    activeOrganisationId: uuid().references(() => organisations.id, { onDelete: 'restrict' }),
  },
  (t) => [index('session_user_id_idx').on(t.userId)],
);

export const authAccounts = pgTable(
  'account',
  {
    id: text().primaryKey(),
    accountId: text().notNull(),
    providerId: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    accessToken: text(),
    refreshToken: text(),
    idToken: text(),
    accessTokenExpiresAt: timestamptz(),
    refreshTokenExpiresAt: timestamptz(),
    scope: text(),
    /** The password's scrypt hash (credential accounts only); never leaves lib/auth. */
    password: text(),
    ...timestamps(),
  },
  (t) => [index('account_user_id_idx').on(t.userId)],
);

export const authVerifications = pgTable(
  'verification',
  {
    id: text().primaryKey(),
    identifier: text().notNull(),
    value: text().notNull(),
    expiresAt: timestamptz().notNull(),
    ...timestamps(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

/** The library's rate-limit counters, in the database so that every app instance shares them. */
export const rateLimits = pgTable('rate_limit', {
  id: text().primaryKey(),
  key: text().notNull().unique('rate_limit_key_key'),
  count: integer().notNull(),
  lastRequest: bigint({ mode: 'number' }).notNull(),
});

// Gantry's own access tables: tenant-owned, under row-level security like every other.

export const ROLES = ['owner', 'manager', 'reviewer', 'builder', 'viewer'] as const;

/** A person's membership of an organisation, with one role. Soft-deleted when they leave. */
export const memberships = tenantUuidTable(
  'memberships',
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    role: text().notNull(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('memberships_pkey', t.id),
    uniqueIndex('memberships_user_live_key').on(t.organisationId, t.userId).where(isLive),
    // "Which organisations is this person in": read at sign-in, before any organisation is set.
    index('memberships_user_live_idx').on(t.userId).where(isLive),
    check('memberships_role_check', sql`${t.role} IN ('owner', 'manager', 'reviewer', 'builder', 'viewer')`),
  ],
);

/**
 * A bearer token with which an agent calls the API: shown once, stored as its SHA-256, revoked
 * rather than deleted (revoked_at is this table's soft delete; the row stays for the audit
 * trail). A token acts as one builder (builder_id, with the builder role), or is a member's
 * personal token (user_id: acting as that member, with their role while they are a member).
 */
export const apiTokens = tenantUuidTable(
  'api_tokens',
  {
    builderId: text(),
    /** A member's personal token: the member it acts as. */
    userId: text().references(() => users.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    /** SHA-256 of the whole token, hex. */
    tokenHash: text().notNull(),
    /** The token's first characters, to recognise it in a list. */
    tokenPrefix: text().notNull(),
    /** Who made it; NULL only for the tokens Gantry makes itself for the embedded demo's simulated builders. */
    createdBy: text().references(() => users.id, { onDelete: 'restrict' }),
    ...timestamps(),
    lastUsedAt: timestamptz(),
    revokedAt: timestamptz(),
    revokedBy: text().references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [
    tenantPrimaryKey('api_tokens_pkey', t.id),
    tenantForeignKey('api_tokens_builder_fk', [t.builderId], [builders.builderId]),
    // A request names only its token: the hash is looked up before any organisation is known.
    uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash),
    index('api_tokens_builder_live_idx')
      .on(t.organisationId, t.builderId)
      .where(sql`revoked_at IS NULL`),
    index('api_tokens_user_live_idx')
      .on(t.organisationId, t.userId)
      .where(sql`revoked_at IS NULL AND user_id IS NOT NULL`),
    // A token acts as a builder or as a member, never both, never neither.
    check('api_tokens_holder_check', sql`num_nonnulls(${t.builderId}, ${t.userId}) = 1`),
    check('api_tokens_token_hash_check', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('api_tokens_name_not_blank', sql`btrim(${t.name}) <> ''`),
    check('api_tokens_revoked_check', sql`(${t.revokedAt} IS NULL) = (${t.revokedBy} IS NULL)`),
    check('api_tokens_maker_check', sql`${t.createdBy} IS NOT NULL OR ${t.name} = 'Demo builder (npm start)'`),
  ],
);

/**
 * The columns of a one-time link (an invitation, a password reset): the SHA-256 of its token (hex;
 * the token itself is shown once), who issued it and when, and until when it holds.
 */
const oneTimeLinkColumns = () => ({
  tokenHash: text().notNull(),
  createdBy: text()
    .notNull()
    .references(() => users.id, { onDelete: 'restrict' }),
  ...timestamps(),
  expiresAt: timestamptz().notNull(),
});

/** Who revoked a one-time link, and when: both or neither (oneTimeLinkRules). */
const linkRevocationColumns = () => ({
  revokedAt: timestamptz(),
  revokedBy: text().references(() => users.id, { onDelete: 'restrict' }),
});

type LinkColumn = 'tokenHash' | 'createdAt' | 'expiresAt' | 'revokedAt' | 'revokedBy';

/**
 * A one-time link's rules: its token hash is unique (the link names only its token, looked up
 * before any organisation is known) and hex, it expires after it was issued, and a revocation
 * names who revoked it.
 */
function oneTimeLinkRules(table: string, t: Record<LinkColumn, ExtraConfigColumn>) {
  return [
    uniqueIndex(`${table}_token_hash_key`).on(t.tokenHash),
    check(`${table}_token_hash_check`, sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check(`${table}_expires_check`, sql`${t.expiresAt} > ${t.createdAt}`),
    check(`${table}_revoked_check`, sql`(${t.revokedAt} IS NULL) = (${t.revokedBy} IS NULL)`),
  ];
}

/**
 * An owner's invitation of someone who has no account yet: a one-time link whose token is shown
 * once and stored as its SHA-256 (like an API token). It is used (accepted_at), revoked
 * (revoked_at) or left to expire (expires_at); rows stay for the audit trail.
 */
export const invitations = tenantUuidTable(
  'invitations',
  {
    /** Lower-case; the invitee joins with this address and no other. */
    email: text().notNull(),
    role: text().notNull(),
    ...oneTimeLinkColumns(),
    acceptedAt: timestamptz(),
    acceptedBy: text().references(() => users.id, { onDelete: 'restrict' }),
    ...linkRevocationColumns(),
  },
  (t) => [
    tenantPrimaryKey('invitations_pkey', t.id),
    ...oneTimeLinkRules('invitations', t),
    // One open invitation per address and organisation (inviting again replaces it).
    uniqueIndex('invitations_email_open_key')
      .on(t.organisationId, t.email)
      .where(sql`accepted_at IS NULL AND revoked_at IS NULL`),
    check('invitations_role_check', sql`${t.role} IN ('owner', 'manager', 'reviewer', 'builder', 'viewer')`),
    check('invitations_email_check', sql`${t.email} = lower(btrim(${t.email})) AND ${t.email} LIKE '_%@_%'`),
    check('invitations_accepted_check', sql`(${t.acceptedAt} IS NULL) = (${t.acceptedBy} IS NULL)`),
    check('invitations_used_or_revoked', sql`${t.acceptedAt} IS NULL OR ${t.revokedAt} IS NULL`),
  ],
);

/**
 * A one-time link with which a member sets a new password, issued by an owner (Gantry sends no
 * email): shown once, stored as its SHA-256, short-lived. Issuing another revokes the open one.
 */
export const passwordResets = tenantUuidTable(
  'password_resets',
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    ...oneTimeLinkColumns(),
    usedAt: timestamptz(),
    ...linkRevocationColumns(),
  },
  (t) => [
    tenantPrimaryKey('password_resets_pkey', t.id),
    ...oneTimeLinkRules('password_resets', t),
    // One open link per person and organisation.
    uniqueIndex('password_resets_user_open_key')
      .on(t.organisationId, t.userId)
      .where(sql`used_at IS NULL AND revoked_at IS NULL`),
    check('password_resets_used_or_revoked', sql`${t.usedAt} IS NULL OR ${t.revokedAt} IS NULL`),
  ],
);

export type Role = (typeof ROLES)[number];
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
