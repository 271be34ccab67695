import 'server-only';

import type http from 'node:http';

import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';

import { SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S, verifiedSessionToken } from '../auth/session-cookie';
import { pgErrorOf } from '../db/errors';
import { openPostgresPool } from '../db/pool';
import { env } from '../env';
import { PERMISSIONS } from '../organisations/permissions';
import { bodyOf, replayOf } from '../procedure/node-request';
import { inspectInput } from '../procedure/procedure';
import { STATUS_OF, type ActionResult } from '../procedure/result';
import { ROUTE_BODY_LIMIT } from '../procedure/route';
import { KINDS } from './kinds';
import { cardOfRow, moveWorkItemInput, readCardQuery, refusalOf, type CardRow, type MoveWorkItemInput } from './move';
import type { MoveResult } from './types';

// The board's move answered before Next.js's router (issue 19, item 3), by the node:http front of
// `npm start` on PostgreSQL (lib/agent-api/fast-path.ts hands it POST /api/board/move). The same
// request is Next's route app/api/board/move/route.ts, which answers it everywhere else (the
// embedded database, the front turned off) and whatever this front does not answer itself.
//
// It does what the route does for a person signed in with the session cookie, in one round trip:
// the cookie's signature checked here (lib/auth/session-cookie.ts); the JSON body, its limits
// (inspectInput) and the move's zod schema; then, pipelined on one connection, BEGIN, one call of
// board_move_by_session (migration 0047: the session, the membership and its role, the
// organisation, the actor and the application role, then board_move_item, so row-level security
// applies and the change records who made it), the card read back as the route reads it
// (readCardQuery, under the same role), and COMMIT. A refusal of the move (GB4xx) is answered in
// the route's words (refusalOf). Anything else (no cookie, another credential, a session that is
// unknown or due for its daily refresh, no membership or a role without the permission, input the
// schema refuses, a rule of the tables' triggers, any error) goes on to Next's route with its body,
// which answers it exactly as before; the attempt here was rolled back whole.

const MOVE_PATH = /^\/api\/board\/move(?:\?.*)?$/;

/** A session within this many seconds of its expiry is due for the library's refresh (see the migration). */
const REFRESH_WITHIN_S = SESSION_EXPIRES_IN_S - SESSION_UPDATE_AGE_S;
const MOVE_ROLES = `{${PERMISSIONS['work:update-assigned'].roles.join(',')}}`;
const EDIT_ROLES = `{${PERMISSIONS['plan:edit'].roles.join(',')}}`;
const MOVE_CALL = 'SELECT new_version FROM board_move_by_session($1, $2::int, $3::text::text[], $4::text::text[], $5, $6, $7, $8, $9, $10::int, $11)';

/** What the front answers itself, or null: Next's route answers. */
type Answer = { status: number; body: string } | null;

export interface BoardMoveFastPath {
  /** True for the request this front answers (or hands on): POST /api/board/move. */
  matches(req: http.IncomingMessage): boolean;
  /** Answers the move, or hands the request (its body intact) to `next`. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, next: (req: http.IncomingMessage) => void): void;
  /**
   * What the front answers for a Cookie header and a body, without HTTP (the benchmark times it
   * bare): `{ status, body }`, or null when Next's route would answer.
   */
  answer(cookie: string | undefined, body: Buffer): Promise<{ status: number; body: string } | null>;
  readonly stats: { answered: number; passedOn: number };
  close(): Promise<void>;
}

export interface BoardMoveFastPathOptions {
  databaseUrl: string;
  /** Connections of its own pool (default 2). */
  poolMax?: number;
  statementTimeoutMs?: number;
  /** The secret that signs session cookies (default: GANTRY_AUTH_SECRET, else the database's own). */
  secret?: string;
}

export function createBoardMoveFastPath(options: BoardMoveFastPathOptions): BoardMoveFastPath {
  const client = openPostgresPool(options.databaseUrl, {
    max: options.poolMax ?? 2,
    applicationName: 'gantry-board-moves',
    statementTimeoutMs: options.statementTimeoutMs,
  });
  // Drizzle's own parsers on this client (dates as the database writes them), so that a card reads
  // here exactly as it does through Next's pool.
  drizzle({ client, casing: 'snake_case' });
  const dialect = new PgDialect({ casing: 'snake_case' });
  const stats = { answered: 0, passedOn: 0 };

  let secret: Promise<string> | undefined;
  const secretOf = () => {
    if (options.secret) return Promise.resolve(options.secret);
    const configured = env().GANTRY_AUTH_SECRET;
    if (configured) return Promise.resolve(configured);
    if (!secret) {
      secret = client.unsafe<{ value: string }[]>("SELECT value FROM instance_config WHERE key = 'auth_secret'").then(([row]) => {
        if (!row) throw new Error('instance_config has no auth_secret');
        return row.value;
      });
      // Read again next time after a failure (the database was not reachable yet).
      secret.catch(() => (secret = undefined));
    }
    return secret;
  };

  /** BEGIN, the call, the card read back and COMMIT, sent at once on one connection. */
  const moveInOneRoundTrip = async (token: string, input: MoveWorkItemInput): Promise<Answer> => {
    const read = dialect.sqlToQuery(readCardQuery(sql`current_user_org_id()`, input.kind, input.id));
    const reserved = await client.reserve();
    try {
      const queries = [
        reserved.unsafe('BEGIN'),
        reserved.unsafe(MOVE_CALL, [
          token,
          REFRESH_WITHIN_S,
          MOVE_ROLES,
          EDIT_ROLES,
          input.kind,
          input.id,
          input.toStatus,
          input.beforeId ?? null,
          input.afterId ?? null,
          input.version,
          KINDS[input.kind].statusDomain,
        ]),
        reserved.unsafe(read.sql, read.params as postgres.ParameterOrJSON<never>[]),
        // After a refusal the transaction is aborted and COMMIT rolls it back.
        reserved.unsafe('COMMIT'),
      ];
      for (const query of queries) void query.execute();
      const settled = await Promise.allSettled(queries);
      const [, moved, card, commit] = settled as PromiseSettledResult<unknown[]>[];
      if (moved!.status === 'rejected') {
        const refusal = pgErrorOf(moved!.reason).code?.startsWith('GB4') ? refusalOf(moved!.reason, input.kind, input) : null;
        return refusal
          ? { status: STATUS_OF[refusal.code], body: JSON.stringify({ ok: false, error: { code: refusal.code, message: refusal.message } }) }
          : null;
      }
      const row = card!.status === 'fulfilled' ? (card!.value[0] as CardRow | undefined) : undefined;
      if (!row || settled[0]!.status === 'rejected' || commit!.status === 'rejected') return null;
      const result: ActionResult<MoveResult> = { ok: true, data: { card: cardOfRow(input.kind, row) } };
      return { status: 200, body: JSON.stringify(result) };
    } finally {
      reserved.release();
    }
  };

  const answer = async (cookie: string | undefined, body: Buffer): Promise<Answer> => {
    const token = verifiedSessionToken(cookie, await secretOf());
    if (!token) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
      inspectInput(raw);
    } catch {
      return null;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const parsed = moveWorkItemInput.safeParse(raw);
    if (!parsed.success) return null;
    const input = parsed.data;
    // moveWorkItem's own refusal, in its words: Next's route says it.
    if (input.beforeId === input.id || input.afterId === input.id) return null;
    return moveInOneRoundTrip(token, input);
  };

  const matches = (req: http.IncomingMessage) => req.method === 'POST' && MOVE_PATH.test(req.url ?? '');

  const handle: BoardMoveFastPath['handle'] = (req, res, next) => {
    const length = Number(req.headers['content-length']);
    const type = req.headers['content-type'] ?? '';
    // Only a session's JSON body of a stated length is read here, so that one passed on is whole.
    if (
      !matches(req) ||
      req.headers.authorization !== undefined ||
      !req.headers.cookie ||
      req.headers['transfer-encoding'] ||
      !Number.isInteger(length) ||
      length <= 0 ||
      length > ROUTE_BODY_LIMIT ||
      !/^application\/json\s*(;|$)/i.test(type)
    ) {
      stats.passedOn += 1;
      return next(req);
    }
    let read: Buffer | undefined;
    const passOn = () => {
      stats.passedOn += 1;
      next(read ? replayOf(req, read) : req);
    };
    bodyOf(req)
      .then((body) => {
        read = body;
        return answer(req.headers.cookie, body);
      })
      .then(
        (answered) => {
          if (!answered) return passOn();
          stats.answered += 1;
          res.writeHead(answered.status, {
            'content-type': 'application/json',
            'cache-control': 'no-store',
            'content-length': Buffer.byteLength(answered.body),
          });
          res.end(answered.body);
        },
        (error: unknown) => {
          if (!read) return; // The client went away before its body ended.
          console.error('The board move fast path failed; answering it through Next.js:', error);
          passOn();
        },
      );
  };

  return { matches, handle, answer, stats, close: () => client.end({ timeout: 5 }) };
}
