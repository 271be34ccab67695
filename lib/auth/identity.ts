import 'server-only';

import { and, asc, eq, isNull, sql } from 'drizzle-orm';

import { getDb } from '../db/client';
import { rowsOf } from '../db/sql';
import { memberships, organisations } from '../db/schema';
import { getAuth } from './auth';
import type { Role } from '../organisations/permissions';
import { hashApiToken, looksLikeApiToken } from '../organisations/token-format';

export interface OrganisationChoice {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

/** A signed-in person working in one of their organisations. */
export interface MemberCaller {
  kind: 'member';
  userId: string;
  name: string;
  email: string;
  sessionId: string;
  organisationId: string;
  role: Role;
  /** Every organisation they belong to, by name; the current one among them. */
  organisations: OrganisationChoice[];
}

/** A builder agent calling with its API token: always the builder role, in the token's organisation. */
export interface BuilderTokenCaller {
  kind: 'token';
  tokenId: string;
  builderId: string;
  userId: null;
  organisationId: string;
  role: 'builder';
}

/**
 * A member calling with their personal API token: acting as themselves, with their current role,
 * in the token's organisation. Unlike a session, it cannot do what only a person at the screen
 * does (procedures with `callers: ['member']`, 'signed-in' ones).
 */
export interface PersonalTokenCaller {
  kind: 'token';
  tokenId: string;
  builderId: null;
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  role: Role;
}

export type TokenCaller = BuilderTokenCaller | PersonalTokenCaller;

/** Signed in, but a member of no organisation (every membership was removed). */
export interface AccountCaller {
  kind: 'account';
  userId: string;
  name: string;
  email: string;
  sessionId: string;
}

export interface AnonymousCaller {
  kind: 'anonymous';
  /** Set when an Authorization header was sent but named no live token. */
  invalidToken?: boolean;
}

export type Caller = MemberCaller | TokenCaller | AccountCaller | AnonymousCaller;
export type OrganisationCaller = MemberCaller | TokenCaller;

/**
 * Whom every "who" column names (versions, audit rows, decisions, plan events, created_by …): a
 * person as 'user:<userId>', a builder's token as 'agent:<builderId>'. Stable ids, never a display
 * name (which anyone may change); names are looked up when read (lib/organisations/actors.ts).
 */
export function actorOf(caller: OrganisationCaller | AccountCaller): string {
  // A member's personal token acts as the member.
  return caller.kind === 'token' && caller.builderId !== null ? `agent:${caller.builderId}` : `user:${caller.userId}`;
}

/** last_used_at is written at most this often per token, so that busy agents do not write on every call. */
const LAST_USED_PRECISION = sql`interval '1 minute'`;

/**
 * Who is asking: `Authorization: Bearer <token>` (a builder agent) wins over the session cookie
 * (a person). These lookups run before any organisation is known, on the connection's own user
 * (the only domain code that does, besides the auth library); everything after them runs inside
 * the caller's organisation.
 */
export async function resolveCaller(headers: Headers): Promise<Caller> {
  const authorization = headers.get('authorization');
  if (authorization !== null) return callerOfToken(authorization);
  return callerOfSession(headers);
}

async function callerOfToken(authorization: string): Promise<TokenCaller | AnonymousCaller> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  if (!token || !looksLikeApiToken(token)) return { kind: 'anonymous', invalidToken: true };
  const db = await getDb();
  // A builder's token while the builder is live; a personal token while its member still is one.
  // Its last use is noted in the same statement (one round trip), at most once a minute.
  const [row] = rowsOf<{
    organisation_id: string;
    token_id: string;
    builder_id: string | null;
    user_id: string | null;
    role: string | null;
    name: string | null;
    email: string | null;
  }>(
    await db.execute(sql`
      WITH found AS (
        SELECT t.organisation_id, t.id AS token_id, b.builder_id, m.user_id, m.role, u.name, u.email
          FROM api_tokens t
          JOIN organisations o ON o.id = t.organisation_id AND o.deleted_at IS NULL
          LEFT JOIN builders b ON b.organisation_id = t.organisation_id AND b.builder_id = t.builder_id AND b.deleted_at IS NULL
          LEFT JOIN memberships m ON m.organisation_id = t.organisation_id AND m.user_id = t.user_id AND m.deleted_at IS NULL
          LEFT JOIN "user" u ON u.id = m.user_id
         WHERE t.token_hash = ${hashApiToken(token)} AND t.revoked_at IS NULL
      ), touched AS (
        UPDATE api_tokens t SET last_used_at = now()
          FROM found f
         WHERE t.organisation_id = f.organisation_id AND t.id = f.token_id AND (f.builder_id IS NOT NULL OR f.user_id IS NOT NULL)
           AND (t.last_used_at IS NULL OR t.last_used_at < now() - ${LAST_USED_PRECISION})
        RETURNING 1
      )
      SELECT organisation_id, token_id, builder_id, user_id, role, name, email FROM found`),
  );
  if (!row || (row.builder_id === null && row.user_id === null)) return { kind: 'anonymous', invalidToken: true };
  const { organisation_id: organisationId, token_id: tokenId } = row;
  if (row.builder_id !== null) return { kind: 'token', role: 'builder', organisationId, tokenId, builderId: row.builder_id, userId: null };
  return {
    kind: 'token',
    organisationId,
    tokenId,
    builderId: null,
    userId: row.user_id!,
    role: row.role as Role,
    name: row.name ?? '',
    email: row.email ?? '',
  };
}

async function callerOfSession(headers: Headers): Promise<MemberCaller | AccountCaller | AnonymousCaller> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers });
  if (!found) return { kind: 'anonymous' };
  const { session, user } = found;
  const account = { userId: user.id, name: user.name, email: user.email, sessionId: session.id };
  const memberOf = await listMembershipsOf(user.id);
  // The session's choice; else the organisation they joined first (a stable default).
  const current = memberOf.find((o) => o.id === session.activeOrganisationId) ?? memberOf.toSorted((a, b) => +a.joinedAt - +b.joinedAt)[0];
  const choices = memberOf.map(({ joinedAt: _joinedAt, ...choice }) => choice);
  if (!current) return { kind: 'account', ...account };
  return { kind: 'member', ...account, organisationId: current.id, role: current.role, organisations: choices };
}

/** The live organisations a person belongs to, by name, with their role in each and when they joined. */
async function listMembershipsOf(userId: string): Promise<(OrganisationChoice & { joinedAt: Date })[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.deletedAt), isNull(organisations.deletedAt)))
    .orderBy(asc(organisations.name), asc(organisations.slug));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}
