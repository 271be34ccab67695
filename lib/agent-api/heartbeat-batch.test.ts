import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMember } from '../auth/test-fixtures';
import type { Database, DatabaseHandle } from '../db/connection';
import { insertItems } from '../db/testing/roadmap-fixtures';
import { query } from '../db/testing/sql';
import { LIVE } from '../live/topics';
import { can, ROLES } from '../organisations/permissions';
import { generateApiToken, hashApiToken } from '../organisations/token-format';
import { type HeartbeatInput, heartbeatInOneCall } from './heartbeat';
import { HeartbeatBatcher, runHeartbeatBatch, outcomeOf, type BatchRow } from './heartbeat-batch';
import { requestHashOf } from './idempotency';
import type { OneCallAnswer, OneCallRequest } from './operation';
import { heartbeatOperation } from './operations/attempts';
import { AgentProblem } from './problem';
import { callApi, insertBuilderToken } from './testing';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

// Group commit for heartbeats (migration 0038): agent_heartbeats_by_token gives each heartbeat
// exactly what agent_heartbeat_by_token gives it alone, one row per input, and one heartbeat's
// refusal leaves the others written. On PGlite and on PostgreSQL (TEST_DATABASE_URL).

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let handle: DatabaseHandle;
let org: string;
const token: Record<string, string> = {};
const roles = ROLES.filter((role) => can(role, heartbeatOperation.access.permission));

const sql = <T = Record<string, unknown>>(text: string) => query<T>(handle.db, text);

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  const ownerId = await createMember(handle.db, 'owner@example.com', [[org, 'owner']]);
  for (const builder of ['ui-builder', 'api-builder', 'schema-builder', 'qa-builder'])
    token[builder] = (await insertBuilderToken(handle.db, org, builder, ownerId)).token;
  await insertItems(
    handle.db,
    org,
    Array.from({ length: 19 }, (_, i) => ({ id: `HB-${String(i + 1).padStart(2, '0')}`, phase: 'post_launch', rank: 2000 + i })),
  );
}, 240_000);

afterAll(() => closeAttachedDatabase(handle));

async function claim(workId: string, builder: string): Promise<string> {
  const answer = await callApi<{ data: { id: string } }>('POST', `/api/v1/work/${workId}/claim`, { auth: token[builder], body: { ttlSeconds: 60 } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.data.id;
}

function beat(
  tokenOrBuilder: string,
  attemptId: string,
  fields: Partial<HeartbeatInput> = {},
  idempotencyKey: string | null = null,
): OneCallRequest<HeartbeatInput> {
  const raw = { progress: fields.progress, message: fields.message, status: fields.status, attemptId };
  const input: HeartbeatInput = { attemptId, status: fields.status ?? 'active', progress: fields.progress, message: fields.message };
  return {
    tokenHash: hashApiToken(token[tokenOrBuilder] ?? tokenOrBuilder),
    roles,
    input,
    idempotencyKey,
    requestHash: requestHashOf(heartbeatOperation.id, JSON.parse(JSON.stringify(raw))),
  };
}

/** Each row's outcome as a comparable value: the answer, or the problem's code. */
function settle(row: BatchRow): OneCallAnswer | { problem: string } {
  try {
    const outcome = outcomeOf(row);
    if (outcome === 'retry') return { problem: `retry ${row.error_code}` };
    return outcome;
  } catch (error) {
    return { problem: error instanceof AgentProblem ? error.problem : (error as { code: string }).code };
  }
}

async function single(request: OneCallRequest<HeartbeatInput>): Promise<OneCallAnswer | { problem: string }> {
  try {
    return await heartbeatInOneCall(request);
  } catch (error) {
    return { problem: error instanceof AgentProblem ? error.problem : (error as { code: string }).code };
  }
}

/** What a heartbeat leaves behind, without its times: its row, the lease, the builder, the key. */
async function traces(attemptIds: string[], keys: string[], since: string) {
  const ids = attemptIds.map((id) => `'${id}'`).join(',');
  const heartbeats = await sql(
    `SELECT h.builder_id, h.status, h.message, h.progress_percentage, h."timestamp" <= l.last_heartbeat AS before_lease_beat
       FROM heartbeats h JOIN attempts a ON a.organisation_id = h.organisation_id AND a.worker_id = 'agent:' || h.builder_id
       JOIN leases l ON l.organisation_id = a.organisation_id AND l.attempt_id = a.id
      WHERE h.organisation_id = '${org}' AND a.id IN (${ids}) AND h."timestamp" >= '${since}'::timestamptz
      ORDER BY h.builder_id, h.progress_percentage`,
  );
  const leases = await sql(
    `SELECT a.worker_id, l.expires_at > now() + interval '50 seconds' AS renewed, l.released_at IS NULL AS held,
            b.last_heartbeat = l.last_heartbeat AS builder_touched
       FROM leases l JOIN attempts a ON a.organisation_id = l.organisation_id AND a.id = l.attempt_id
       JOIN builders b ON b.organisation_id = a.organisation_id AND 'agent:' || b.builder_id = a.worker_id
      WHERE l.organisation_id = '${org}' AND l.attempt_id IN (${ids}) ORDER BY a.worker_id`,
  );
  const stored = await sql(
    `SELECT status, response -> 'status' AS http_status, created_by FROM idempotency_keys
      WHERE organisation_id = '${org}' AND key IN (${keys.map((k) => `'${k}'`).join(',')}) ORDER BY key`,
  );
  return { heartbeats, leases, stored };
}

const shapeOf = (answer: OneCallAnswer | { problem: string }) => {
  if (!('body' in answer)) return answer;
  const { data } = JSON.parse(answer.body) as { data: Record<string, unknown> };
  return { attemptId: '…', status: data.status, progress: data.progress, at: typeof data.at, leaseExpiresAt: typeof data.leaseExpiresAt };
};

describe('agent_heartbeats_by_token (one statement for many heartbeats)', () => {
  it('leaves the same rows as the same heartbeats sent one by one, and answers each the same', async () => {
    const [a1, a2, b1, b2] = [
      await claim('HB-01', 'ui-builder'),
      await claim('HB-02', 'api-builder'),
      await claim('HB-03', 'ui-builder'),
      await claim('HB-04', 'api-builder'),
    ];
    // Leases start short so that a renewal shows.
    await sql(
      `UPDATE leases SET expires_at = now() + interval '5 seconds' WHERE organisation_id = '${org}' AND attempt_id IN ('${a1}','${a2}','${b1}','${b2}')`,
    );
    const inputs = (first: string, second: string, tag: string) => [
      beat('ui-builder', first, { progress: 10, message: 'one' }, `${tag}-1`),
      beat('api-builder', second, { progress: 20, status: 'idle' }),
      beat('ui-builder', first, { progress: 30, message: 'two' }, `${tag}-2`),
    ];
    const clock = async () => (await sql<{ t: string }>(`SELECT clock_timestamp()::text AS t`))[0]!.t;
    const aloneSince = await clock();
    const alone = [];
    for (const request of inputs(a1, a2, 'alone')) alone.push(await single(request));
    // What the single calls left, taken before the batch moves the builders' last heartbeat on.
    const aloneTraces = await traces([a1, a2], ['alone-1', 'alone-2'], aloneSince);
    const batchSince = await clock();
    const rows = await runHeartbeatBatch(handle.db, inputs(b1, b2, 'batch'));
    expect(rows.map((r) => Number(r.ord))).toEqual([1, 2, 3]);
    const together = rows.map(settle);

    expect(together.map(shapeOf)).toEqual(alone.map(shapeOf));
    const batchTraces = await traces([b1, b2], ['batch-1', 'batch-2'], batchSince);
    expect(batchTraces).toEqual(aloneTraces);
    expect(batchTraces.heartbeats).toHaveLength(3);
    expect(batchTraces.leases).toEqual([
      { worker_id: 'agent:api-builder', renewed: true, held: true, builder_touched: true },
      { worker_id: 'agent:ui-builder', renewed: true, held: true, builder_touched: true },
    ]);
    expect(batchTraces.stored).toEqual([
      { status: 'complete', http_status: 200, created_by: 'agent:ui-builder' },
      { status: 'complete', http_status: 200, created_by: 'agent:ui-builder' },
    ]);
    // The caller of the last heartbeat does not linger in the transaction's settings.
    const [after] = await sql<{ org: string | null }>(`SELECT nullif(current_setting('gantry.organisation_id', true), '') AS org`);
    expect(after!.org).toBeNull();
  });

  it('gives each heartbeat of a mixed batch its own outcome; a refused one writes nothing, the others stand', async () => {
    const live = await claim('HB-05', 'ui-builder');
    const expired = await claim('HB-06', 'ui-builder');
    const foreign = await claim('HB-07', 'api-builder');
    const ended = await claim('HB-08', 'ui-builder');
    await sql(
      `UPDATE leases SET acquired_at = now() - interval '2 minutes', expires_at = now() - interval '1 second' WHERE organisation_id = '${org}' AND attempt_id = '${expired}'`,
    );
    expect(
      (await callApi('POST', `/api/v1/attempts/${ended}/fail`, { auth: token['ui-builder'], body: { reason: 'The build needs a newer compiler' } })).status,
    ).toBe(200);
    // A key used once already, for a replay and for a mismatch.
    const first = await single(beat('ui-builder', live, { progress: 5 }, 'mixed-used'));
    expect('body' in first).toBe(true);
    const before = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM heartbeats WHERE organisation_id = '${org}'`);

    const rows = await runHeartbeatBatch(handle.db, [
      beat('ui-builder', live, { progress: 50 }, 'mixed-new'),
      beat('ui-builder', expired, { progress: 51 }, 'mixed-expired'),
      beat('ui-builder', foreign, { progress: 52 }, 'mixed-foreign'),
      beat(generateApiToken().token, live, { progress: 53 }),
      beat('ui-builder', 'AT-NOPE', { progress: 54 }),
      beat('ui-builder', ended, { progress: 55 }),
      beat('ui-builder', live, { progress: 5 }, 'mixed-used'),
      beat('ui-builder', live, { progress: 6 }, 'mixed-used'),
      beat('api-builder', foreign, { progress: 57 }),
    ]);
    const outcomes = rows.map(settle);
    expect(outcomes.map((o) => ('problem' in o ? o.problem : 'refused' in o ? `refused ${o.refused}` : 'replayed' in o ? 'replayed' : 'ok'))).toEqual([
      'ok',
      'lease_expired',
      'not_your_attempt',
      'refused unauthenticated',
      'not_found',
      'attempt_ended',
      'replayed',
      'idempotency_mismatch',
      'ok',
    ]);
    expect((outcomes[6] as { replayed: { body: string } }).replayed.body).toBe((first as { body: string }).body);
    const added = await sql<{ builder_id: string; progress_percentage: number }>(
      `SELECT builder_id, progress_percentage FROM heartbeats WHERE organisation_id = '${org}' ORDER BY "timestamp" DESC, progress_percentage DESC LIMIT 3`,
    );
    const [{ n }] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM heartbeats WHERE organisation_id = '${org}'`)) as [{ n: number }];
    expect(n - before[0]!.n).toBe(2);
    expect(added.slice(0, 2)).toEqual([
      { builder_id: 'api-builder', progress_percentage: 57 },
      { builder_id: 'ui-builder', progress_percentage: 50 },
    ]);
    // The refused heartbeats' idempotency keys were undone with them; the expired lease was not revived.
    const keys = await sql<{ key: string; status: string }>(
      `SELECT key, status FROM idempotency_keys WHERE organisation_id = '${org}' AND key LIKE 'mixed-%' ORDER BY key`,
    );
    expect(keys).toEqual([
      { key: 'mixed-new', status: 'complete' },
      { key: 'mixed-used', status: 'complete' },
    ]);
    const [lease] = await sql<{ live: boolean }>(
      `SELECT expires_at > now() AS live FROM leases WHERE organisation_id = '${org}' AND attempt_id = '${expired}'`,
    );
    expect(lease!.live).toBe(false);
  });

  // Migration 0049: a batch that nothing refuses (builders' tokens, one heartbeat each, new keys)
  // is done together, a few statements for all; anything else one heartbeat at a time, as above.
  it('does a batch of different builders together, leaving what the same heartbeats leave one by one', async () => {
    const [a1, a2, b1, b2] = [
      await claim('HB-16', 'ui-builder'),
      await claim('HB-17', 'schema-builder'),
      await claim('HB-18', 'ui-builder'),
      await claim('HB-19', 'schema-builder'),
    ];
    await sql(
      `UPDATE leases SET expires_at = now() + interval '5 seconds' WHERE organisation_id = '${org}' AND attempt_id IN ('${a1}','${a2}','${b1}','${b2}')`,
    );
    const inputs = (ui: string, schema: string, tag: string) => [
      beat('schema-builder', schema, { progress: 70, status: 'idle' }),
      beat('ui-builder', ui, { progress: 60, message: 'together' }, `${tag}-ui`),
    ];
    const clock = async () => (await sql<{ t: string }>(`SELECT clock_timestamp()::text AS t`))[0]!.t;
    const newestSeq = async () => (await sql<{ seq: string | null }>(`SELECT max(seq)::text AS seq FROM change_log`))[0]!.seq ?? '0';
    const announced = (seq: string) =>
      sql(`SELECT entity_type, entity_id, op, actor FROM change_log WHERE organisation_id = '${org}' AND seq > ${seq} ORDER BY entity_id, seq`);

    const aloneSince = await clock();
    let seq = await newestSeq();
    const alone = [];
    for (const request of inputs(a1, a2, 'apart')) alone.push(await single(request));
    const aloneFeed = await announced(seq);
    const aloneTraces = await traces([a1, a2], ['apart-ui'], aloneSince);

    // The batch is one the together path takes: called directly, it answers every heartbeat.
    const batchSince = await clock();
    seq = await newestSeq();
    const rows = await runHeartbeatBatch(handle.db, inputs(b1, b2, 'joint'));
    expect(rows.map((r) => Number(r.ord))).toEqual([1, 2]);
    expect(rows.every((row) => row.error_code === null)).toBe(true);
    expect(rows.map(settle).map(shapeOf)).toEqual(alone.map(shapeOf));
    expect(await announced(seq)).toEqual(aloneFeed);
    expect(aloneFeed).toEqual([
      { entity_type: 'builders', entity_id: 'schema-builder', op: 'update', actor: 'agent:schema-builder' },
      { entity_type: 'builders', entity_id: 'ui-builder', op: 'update', actor: 'agent:ui-builder' },
    ]);
    const batchTraces = await traces([b1, b2], ['joint-ui'], batchSince);
    expect(batchTraces).toEqual(aloneTraces);
    expect(batchTraces.stored).toEqual([{ status: 'complete', http_status: 200, created_by: 'agent:ui-builder' }]);
    // The key's stored answer is the one the caller got, so a retry replays it.
    const replay = await single(inputs(b1, b2, 'joint')[1]!);
    expect(replay).toEqual({ replayed: { status: 200, body: (rows.map(settle)[1] as { body: string }).body } });

    const together = (requests: OneCallRequest<HeartbeatInput>[]) =>
      sql<{ answers: unknown[] | null }>(
        `SELECT agent_heartbeats_together('{${roles.join(',')}}'::text[], '${JSON.stringify(
          requests.map((r) => ({
            token_hash: r.tokenHash,
            attempt: r.input.attemptId,
            status: r.input.status,
            key: r.idempotencyKey,
            request_hash: r.requestHash,
          })),
        )}'::jsonb) AS answers`,
      );
    expect((await together([beat('ui-builder', b1), beat('schema-builder', b2)]))[0]!.answers).toHaveLength(2);
    // Not together: two heartbeats of one builder, a lapsed lease, a key seen before, a member's roles.
    await expect(together([beat('ui-builder', b1), beat('ui-builder', b1)])).rejects.toThrow();
    await expect(together([beat('ui-builder', b1), beat('schema-builder', 'AT-NOPE')])).rejects.toThrow();
    await expect(together([beat('ui-builder', b1, {}, 'joint-ui')])).rejects.toThrow();
  });

  it.skipIf(!onPostgres)(
    'concurrent batches on the same attempts are consistent: every heartbeat written once, no deadlock, the lease renewed',
    async () => {
      const one = await claim('HB-09', 'ui-builder');
      const two = await claim('HB-10', 'api-builder');
      const before = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM heartbeats WHERE organisation_id = '${org}'`);
      // Eight batches at once, each beating both attempts, half of them in the other order.
      const batches = Array.from({ length: 8 }, (_, b) =>
        Array.from({ length: 10 }, (_, i) => (i % 2 === b % 2 ? beat('ui-builder', one, { progress: i }) : beat('api-builder', two, { progress: i }))),
      );
      const results = await Promise.all(batches.map((batch) => runHeartbeatBatch(handle.db, batch)));
      const outcomes = results.flat().map(settle);
      expect(outcomes.filter((o) => 'body' in o)).toHaveLength(80);
      const [{ n }] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM heartbeats WHERE organisation_id = '${org}'`)) as [{ n: number }];
      expect(n - before[0]!.n).toBe(80);
      const leases = await sql<{ renewed: boolean }>(
        `SELECT l.expires_at = l.last_heartbeat + make_interval(secs => l.ttl_seconds) AS renewed FROM leases l
          WHERE l.organisation_id = '${org}' AND l.attempt_id IN ('${one}', '${two}')`,
      );
      expect(leases).toEqual([{ renewed: true }, { renewed: true }]);
    },
    60_000,
  );
});

// Migration 0046: a heartbeat is announced on the change feed once, by its builder's row (which
// the live builders and task pages follow); the lease renewal, which only moves expires_at and
// last_heartbeat, is not announced; a lease's release still is.
describe('a heartbeat on the change feed', () => {
  const newestSeq = async () => (await sql<{ seq: string | null }>(`SELECT max(seq)::text AS seq FROM change_log`))[0]!.seq ?? '0';
  const changesSince = (seq: string) =>
    sql<{ entity_type: string; entity_id: string; op: string }>(
      `SELECT entity_type, entity_id, op FROM change_log WHERE organisation_id = '${org}' AND seq > ${seq} ORDER BY entity_type, entity_id, seq`,
    );

  it("is announced once, as its builder's update, alone or in a batch; the builder's last heartbeat is the newest heartbeat's time", async () => {
    const [api, schema] = [await claim('HB-13', 'api-builder'), await claim('HB-14', 'schema-builder')];
    let since = await newestSeq();
    expect('body' in (await single(beat('api-builder', api, { progress: 1 })))).toBe(true);
    expect(await changesSince(since)).toEqual([{ entity_type: 'builders', entity_id: 'api-builder', op: 'update' }]);

    since = await newestSeq();
    const rows = await runHeartbeatBatch(handle.db, [
      beat('api-builder', api, { progress: 2 }),
      beat('schema-builder', schema, { progress: 3 }, 'feed-once'),
      beat('api-builder', api, { progress: 4 }),
    ]);
    expect(rows.map(settle).every((answer) => 'body' in answer)).toBe(true);
    // Two heartbeats of api-builder in one transaction share its time: its row moves, and is announced, once.
    const changes = await changesSince(since);
    expect(changes).toEqual([
      { entity_type: 'builders', entity_id: 'api-builder', op: 'update' },
      { entity_type: 'builders', entity_id: 'schema-builder', op: 'update' },
    ]);
    // The live builders and task pages follow builders, so they still hear of every heartbeat.
    expect(changes.every((change) => (LIVE.builders as readonly string[]).includes(change.entity_type))).toBe(true);
    expect(changes.every((change) => (LIVE.task as readonly string[]).includes(change.entity_type))).toBe(true);
    const builders = await sql<{ builder_id: string; newest: boolean; lease_beat: boolean; renewed: boolean }>(
      `SELECT b.builder_id, b.last_heartbeat = (SELECT max(h."timestamp") FROM heartbeats h WHERE h.organisation_id = b.organisation_id AND h.builder_id = b.builder_id) AS newest,
              b.last_heartbeat = l.last_heartbeat AS lease_beat, l.expires_at > now() + interval '50 seconds' AS renewed
         FROM builders b JOIN attempts a ON a.organisation_id = b.organisation_id AND a.worker_id = 'agent:' || b.builder_id
         JOIN leases l ON l.organisation_id = a.organisation_id AND l.attempt_id = a.id
        WHERE b.organisation_id = '${org}' AND a.id IN ('${api}', '${schema}') ORDER BY b.builder_id`,
    );
    expect(builders).toEqual([
      { builder_id: 'api-builder', newest: true, lease_beat: true, renewed: true },
      { builder_id: 'schema-builder', newest: true, lease_beat: true, renewed: true },
    ]);
  });

  it("announces a lease's claim and release, and a change of more than its renewal columns", async () => {
    let since = await newestSeq();
    const attempt = await claim('HB-15', 'api-builder');
    const [lease] = await sql<{ id: string }>(`SELECT id FROM leases WHERE organisation_id = '${org}' AND attempt_id = '${attempt}'`);
    expect((await changesSince(since)).filter((c) => c.entity_type === 'leases')).toEqual([{ entity_type: 'leases', entity_id: lease!.id, op: 'insert' }]);

    since = await newestSeq();
    await sql(
      `UPDATE leases SET expires_at = expires_at + interval '1 minute', last_heartbeat = now() WHERE organisation_id = '${org}' AND id = '${lease!.id}'`,
    );
    expect(await changesSince(since)).toEqual([]);
    await sql(`UPDATE leases SET ttl_seconds = 120 WHERE organisation_id = '${org}' AND id = '${lease!.id}'`);
    expect(await changesSince(since)).toEqual([{ entity_type: 'leases', entity_id: lease!.id, op: 'update' }]);

    since = await newestSeq();
    const failed = await callApi('POST', `/api/v1/attempts/${attempt}/fail`, {
      auth: token['api-builder'],
      body: { reason: 'The change feed test ends here' },
    });
    expect(failed.status).toBe(200);
    expect((await changesSince(since)).filter((c) => c.entity_type === 'leases')).toEqual([{ entity_type: 'leases', entity_id: lease!.id, op: 'update' }]);
  });
});

describe('HeartbeatBatcher', () => {
  const runBatch = (requests: readonly OneCallRequest<HeartbeatInput>[]) => runHeartbeatBatch(handle.db as Database, requests);

  it('sends heartbeats that arrive together as few statements, each caller getting its own answer', async () => {
    const live = await claim('HB-11', 'qa-builder');
    const batcher = new HeartbeatBatcher({ runBatch, runOne: heartbeatInOneCall, maxWaitMs: 20, maxItems: 8, maxInFlight: 1 });
    const answers = await Promise.allSettled([
      ...Array.from({ length: 12 }, (_, i) => batcher.submit(beat('qa-builder', live, { progress: i }))),
      batcher.submit(beat('ui-builder', live, { progress: 99 })),
    ]);
    expect(answers.slice(0, 12).every((a) => a.status === 'fulfilled' && 'body' in a.value)).toBe(true);
    const refused = answers[12]!;
    expect(refused.status === 'rejected' && refused.reason instanceof AgentProblem && refused.reason.problem).toBe('not_your_attempt');
    expect(batcher.stats).toEqual({ batches: 2, heartbeats: 13, retried: 0 });
  });

  it('retries alone a heartbeat whose row failed for another reason than a refusal (a deadlock)', async () => {
    const live = await claim('HB-12', 'schema-builder');
    const alone: string[] = [];
    const batcher = new HeartbeatBatcher({
      runBatch: async (requests) =>
        (await runBatch(requests)).map((row, i) => (i === 1 ? { ...row, answer: null, error_code: '40P01', error_message: 'deadlock detected' } : row)),
      runOne: (request) => {
        alone.push(String(request.input.progress));
        return heartbeatInOneCall(request);
      },
      maxWaitMs: 5,
    });
    const answers = await Promise.all([0, 1, 2].map((i) => batcher.submit(beat('schema-builder', live, { progress: i }))));
    expect(answers.every((a) => 'body' in a)).toBe(true);
    expect(alone).toEqual(['1']);
    expect(batcher.stats.retried).toBe(1);
  });
});
