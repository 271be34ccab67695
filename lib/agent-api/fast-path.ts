import 'server-only';

import type http from 'node:http';

import { type HeartbeatInput, oneCallAnswerOf } from './heartbeat';
import { type BatchRow, batchPayload, HeartbeatBatcher, rolesLiteral } from './heartbeat-batch';
import type { OneCallAnswer, OneCallRequest } from './operation';
import { heartbeatOperation } from './operations/attempts';
import { answerInOneCall, isPlainAnswer } from './one-call';
import { refusalFromDatabase } from './sql';
import { openPostgresPool } from '../db/pool';
import { createBoardMoveFastPath } from '../board/move-fast-path';
import { bodyOf, replayOf } from '../procedure/node-request';

// The heartbeat fast path of `npm start` on PostgreSQL (scripts/start.ts): a heartbeat
// (POST /api/v1/attempts/{attemptId}/heartbeat with a bearer token) is answered here, before
// Next.js's router, by the same one-call path as the Next route (lib/agent-api/one-call.ts: the
// token, the zod schema, the body limit, the rate limit, the problems), its statement gathered
// with others into one (heartbeat-batch.ts, group commit). Whatever that path does not answer
// itself (no bearer token, a refused token, input the schema refuses, a body too large, a
// database error) goes on to Next's route with the body as it came, which answers it as ever.
//
// The board's move (POST /api/board/move, a person's session) is answered here too, before Next's
// router, by lib/board/move-fast-path.ts, with a pool of its own; GANTRY_HEARTBEAT_FAST_PATH=0
// turns both off.
//
// Its own small pool of connections: Next's server bundle has its own copies of lib/, so the two
// share no connection. That is why the fast path runs only on PostgreSQL: an embedded PGlite
// database must never be opened twice in one process.

const HEARTBEAT_PATH = /^\/api\/v1\/attempts\/([^/?#]+)\/heartbeat(?:\?.*)?$/;

export interface HeartbeatFastPath {
  /** Answers a heartbeat, or hands the request (its body intact) to `next`. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, next: (req: http.IncomingMessage) => void): void;
  readonly stats: HeartbeatBatcher['stats'] & { answered: number; passedOn: number };
  /** The board's moves answered here and handed on. */
  readonly boardMoveStats: { answered: number; passedOn: number };
  /** Resolves once the pool's connections are open and warmed (a failure is logged, not thrown). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface FastPathOptions {
  databaseUrl: string;
  /**
   * Connections of the fast path's own pool, and statements in flight (default 2). Two, not four:
   * under 1,000 heartbeats a second on two cores, fewer statements at once make bigger batches and
   * leave the server its share of the processor (with one or two, PostgreSQL 0.56–0.68 ms a
   * heartbeat and a p95 of 18–25 ms; with three or four, 0.74–0.88 ms and 30–44 ms: docs/benchmarks.md).
   */
  poolMax?: number;
  statementTimeoutMs?: number;
  maxWaitMs?: number;
  maxItems?: number;
}

export function createHeartbeatFastPath(options: FastPathOptions): HeartbeatFastPath {
  const poolMax = options.poolMax ?? 2;
  const client = openPostgresPool(options.databaseUrl, { max: poolMax, applicationName: 'gantry-heartbeats', statementTimeoutMs: options.statementTimeoutMs });

  // agent_heartbeats_by_token on `sql` (the pool, or one of its connections).
  const batchOn = async (sql: Pick<typeof client, 'unsafe'>, requests: readonly OneCallRequest<HeartbeatInput>[]): Promise<BatchRow[]> =>
    (await sql.unsafe('SELECT ord, answer, error_code, error_message FROM agent_heartbeats_by_token($1::text::text[], $2::text::jsonb)', [
      rolesLiteral(requests[0]!.roles),
      batchPayload(requests),
    ])) as unknown as BatchRow[];
  const runBatch = (requests: readonly OneCallRequest<HeartbeatInput>[]) => batchOn(client, requests);

  // heartbeatInOneCall's statement on this pool, for a heartbeat the batch could not do.
  const runOne = async (request: OneCallRequest<HeartbeatInput>): Promise<OneCallAnswer> => {
    const { input } = request;
    try {
      const [row] = (await client.unsafe('SELECT agent_heartbeat_by_token($1, $2::text::text[], $3, $4, $5, $6::int, $7, $8) AS answer', [
        request.tokenHash,
        rolesLiteral(request.roles),
        input.attemptId,
        input.status,
        input.message ?? null,
        input.progress ?? null,
        request.idempotencyKey,
        request.requestHash,
      ])) as unknown as { answer: unknown }[];
      return oneCallAnswerOf(row!.answer);
    } catch (error) {
      throw refusalFromDatabase(error);
    }
  };

  // The pool's connections opened and warmed at start, not by the first heartbeats: a new backend
  // plans the batch functions' statements and loads their tables on its first call, which cost the
  // first second of a load 100 ms and more a heartbeat (docs/benchmarks.md). A heartbeat of a token
  // that does not exist runs both functions' lookups, finds nothing and writes nothing.
  const warmed = (async () => {
    const connections = await Promise.all(Array.from({ length: poolMax }, () => client.reserve()));
    try {
      const nobody: OneCallRequest<HeartbeatInput> = {
        tokenHash: 'warm-up',
        roles: ['builder'],
        input: { attemptId: 'warm-up', status: 'active' },
        idempotencyKey: null,
        requestHash: '',
      };
      await Promise.all(connections.map((connection) => batchOn(connection, [nobody])));
    } finally {
      for (const connection of connections) connection.release();
    }
  })().catch((error: unknown) => console.error('Warming the heartbeat fast path’s connections failed (the first heartbeats open them):', error));

  const batcher = new HeartbeatBatcher({ runBatch, runOne, maxInFlight: poolMax, maxWaitMs: options.maxWaitMs, maxItems: options.maxItems });
  const stats = Object.assign(batcher.stats, { answered: 0, passedOn: 0 });

  const boardMoves = createBoardMoveFastPath({ databaseUrl: options.databaseUrl, statementTimeoutMs: options.statementTimeoutMs });

  const handle: HeartbeatFastPath['handle'] = (req, res, next) => {
    if (boardMoves.matches(req)) return boardMoves.handle(req, res, next);
    const match = req.method === 'POST' ? HEARTBEAT_PATH.exec(req.url ?? '') : null;
    // Only a body of a stated length is read here, so that one passed on is whole.
    const length = Number(req.headers['content-length']);
    if (!match || req.headers['transfer-encoding'] || !Number.isInteger(length) || length < 0) {
      stats.passedOn += 1;
      return next(req);
    }
    let attemptId: string;
    try {
      attemptId = decodeURIComponent(match[1]!);
    } catch {
      stats.passedOn += 1;
      return next(req);
    }
    let read: Buffer | undefined;
    const passOn = () => {
      stats.passedOn += 1;
      next(read ? replayOf(req, read) : req);
    };
    answerInOneCall(
      heartbeatOperation,
      {
        method: 'POST',
        header: (name) => {
          const value = req.headers[name];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
        params: { attemptId },
        body: async (limit) => {
          if (length > limit) return null;
          read = await bodyOf(req);
          return read;
        },
      },
      (request) => batcher.submit(request as OneCallRequest<HeartbeatInput>),
    ).then(
      (answer) => {
        if (!isPlainAnswer(answer)) return passOn();
        stats.answered += 1;
        res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      },
      (error: unknown) => {
        console.error('The heartbeat fast path failed; answering it through Next.js:', error);
        passOn();
      },
    );
  };

  return {
    handle,
    stats,
    boardMoveStats: boardMoves.stats,
    ready: warmed,
    close: async () => {
      await warmed;
      await Promise.all([client.end({ timeout: 5 }), boardMoves.close()]);
    },
  };
}
