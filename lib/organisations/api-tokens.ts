import 'server-only';

import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import type { Database } from '../db/connection';
import { apiTokens, builders, users } from '../db/schema';
import { ActionError } from '../procedure/result';
import { generateApiToken } from './token-format';

export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The builder it acts as; null for a member's personal token. */
  builderId: string | null;
  /** For a personal token: the member it acts as (their name; 'a former member' once they left). */
  member: string | null;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The organisation's tokens, live ones first, newest first. Never the hash. */
export async function listApiTokens(tx: Database): Promise<ApiTokenSummary[]> {
  const creator = alias(users, 'creator');
  const holder = alias(users, 'holder');
  return tx
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      builderId: apiTokens.builderId,
      member: sql<string | null>`CASE WHEN ${apiTokens.userId} IS NULL THEN NULL ELSE coalesce(${holder.name}, 'a former member') END`,
      prefix: apiTokens.tokenPrefix,
      // A maker who has left the organisation is no longer visible to it (policy on "user"); the
      // demo's own tokens have no maker (npm start makes them for its simulated builders).
      createdBy: sql<string>`coalesce(${creator.name}, CASE WHEN ${apiTokens.createdBy} IS NULL THEN 'Gantry (demo)' ELSE 'a former member' END)`,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(creator, eq(creator.id, apiTokens.createdBy))
    .leftJoin(holder, eq(holder.id, apiTokens.userId))
    .orderBy(sql`${apiTokens.revokedAt} IS NOT NULL`, desc(apiTokens.createdAt));
}

/** The organisation's live builders, for the token form. */
export async function listBuilderIds(tx: Database): Promise<string[]> {
  const rows = await tx.select({ id: builders.builderId }).from(builders).where(isNull(builders.deletedAt)).orderBy(asc(builders.builderId));
  return rows.map((row) => row.id);
}

export const createApiTokenInput = z.object({
  builderId: z
    .string({ error: 'Choose the builder this token acts as' })
    .trim()
    .min(1, { message: 'Choose the builder this token acts as' })
    .max(200, { message: 'Choose the builder this token acts as' }),
  name: z
    .string({ error: 'Name the token, e.g. where the agent runs' })
    .trim()
    .min(1, { message: 'Name the token, e.g. where the agent runs' })
    .max(100, { message: 'Use at most 100 characters' }),
});

/**
 * Makes a token for one of the organisation's builders. The token itself is returned once and
 * never stored: the database keeps its SHA-256. Trigger api_tokens_audit records the creation.
 */
export async function createApiToken(
  tx: Database,
  { organisationId, createdBy, builderId, name }: z.output<typeof createApiTokenInput> & { organisationId: string; createdBy: string },
) {
  const [builder] = await tx
    .select({ id: builders.builderId })
    .from(builders)
    .where(and(eq(builders.builderId, builderId), isNull(builders.deletedAt)));
  if (!builder) {
    throw new ActionError('not_found', `There is no builder “${builderId}” in this organisation.`, {
      builderId: 'Choose one of this organisation’s builders',
    });
  }
  const { token, hash, prefix } = generateApiToken();
  const [row] = await tx
    .insert(apiTokens)
    .values({ organisationId, builderId, name, tokenHash: hash, tokenPrefix: prefix, createdBy })
    .returning({ id: apiTokens.id, name: apiTokens.name, builderId: apiTokens.builderId, prefix: apiTokens.tokenPrefix });
  return { ...row!, builderId: row!.builderId ?? builderId, token };
}

export const createPersonalApiTokenInput = z.object({
  name: z
    .string({ error: 'Name the token, e.g. where you use it' })
    .trim()
    .min(1, { message: 'Name the token, e.g. where you use it' })
    .max(100, { message: 'Use at most 100 characters' }),
});

/**
 * Makes a member's personal token: it acts as them, with their role in this organisation for as
 * long as they are a member (the lookup checks the membership on every request; trigger
 * api_tokens_personal_member refuses one for a non-member). Shown once, stored as its SHA-256.
 */
export async function createPersonalApiToken(
  tx: Database,
  { organisationId, userId, name }: z.output<typeof createPersonalApiTokenInput> & { organisationId: string; userId: string },
) {
  const { token, hash, prefix } = generateApiToken();
  const [row] = await tx
    .insert(apiTokens)
    .values({ organisationId, userId, name, tokenHash: hash, tokenPrefix: prefix, createdBy: userId })
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.tokenPrefix });
  return { ...row!, token };
}

/** A member's own personal tokens, live ones first, newest first. Never the hash. */
export async function listPersonalApiTokens(tx: Database, userId: string): Promise<ApiTokenSummary[]> {
  const tokens = await listApiTokens(tx);
  const own = new Set((await tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, userId))).map((row) => row.id));
  return tokens.filter((t) => own.has(t.id));
}

/** Revokes one of the member's own personal tokens. */
export async function revokePersonalApiToken(tx: Database, { tokenId, userId }: z.output<typeof revokeApiTokenInput> & { userId: string }) {
  const [own] = await tx
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)));
  if (!own) throw new ActionError('not_found', 'You have no such personal token.');
  return revokeApiToken(tx, { tokenId, revokedBy: userId });
}

export const revokeApiTokenInput = z.object({ tokenId: z.uuid({ message: 'Choose a token' }) });

/** Revokes a token for good; requests with it are refused from then on. */
export async function revokeApiToken(tx: Database, { tokenId, revokedBy }: z.output<typeof revokeApiTokenInput> & { revokedBy: string }) {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()`, revokedBy })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  if (row) return row;
  const [existing] = await tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, tokenId));
  throw existing
    ? new ActionError('conflict', 'This token was revoked already.')
    : new ActionError('not_found', 'There is no such token in this organisation.');
}
