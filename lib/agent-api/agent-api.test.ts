import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { attachRoadmapEvidence } from '../../app/(dashboard)/roadmap/actions';
import { createApiToken } from '../../app/(dashboard)/settings/actions';
import { withRequestHeaders } from '../procedure/request';
import { generateApiToken } from '../organisations/token-format';
import { createBuilder, createMember, createOrganisation, signIn } from '../auth/test-fixtures';
import { listBuilders } from '../foreman/fleet';
import { withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { insertItems } from '../db/testing/roadmap-fixtures';
import { query } from '../db/testing/sql';
import { pgErrorOf } from '../db/testing/test-database';
import { forgetEnv } from '../env';
import { sweepLapsedLeases } from './lease-sweep';
import { MAX_BODY_BYTES } from './limits';
import { agentOperations } from './operations';
import { callApi, insertBuilderToken, routeFileOf } from './testing';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

// Contract tests of every agent API endpoint at the HTTP level: what an agent sends, what it gets
// back (status, `{ data }` or an RFC 9457 problem), and what the database holds afterwards.

let handle: DatabaseHandle;
let org: string;
let ui: string; // token of ui-builder (capability python)
let api: string; // token of api-builder (no capabilities)
let other: string; // token of a builder of another organisation
let manager: Headers;
let builderMember: Headers;
let builderMemberId: string;

type Data<T = Record<string, unknown>> = { data: T };

const sql = <T = Record<string, unknown>>(text: string) => query<T>(handle.db, text);

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  const orgB = await createOrganisation(handle.db, 'beta');
  await createBuilder(handle.db, orgB, 'beta-builder');
  const ownerId = await createMember(handle.db, 'owner@example.com', [[org, 'owner']]);
  const bobId = await createMember(handle.db, 'bob@example.com', [[orgB, 'owner']]);
  await createMember(handle.db, 'mia@example.com', [[org, 'manager']]);
  builderMemberId = await createMember(handle.db, 'ben@example.com', [[org, 'builder']]);
  const uiToken = await insertBuilderToken(handle.db, org, 'ui-builder', ownerId);
  ui = uiToken.token;
  api = (await insertBuilderToken(handle.db, org, 'api-builder', ownerId)).token;
  other = (await insertBuilderToken(handle.db, orgB, 'beta-builder', bobId)).token;
  await sql(`INSERT INTO builder_capabilities (organisation_id, builder_id, capability_id) VALUES ('${org}', 'ui-builder', 'python')`);
  await insertItems(
    handle.db,
    org,
    Array.from({ length: 18 }, (_, i) => ({ id: `AG-${String(i + 1).padStart(2, '0')}`, phase: 'post_launch', rank: 1000 + i, title: `Agent work ${i + 1}` })),
  );
  await sql(`INSERT INTO work_required_capabilities (organisation_id, work_id, capability_id) VALUES
             ('${org}', 'AG-15', 'python'), ('${org}', 'AG-16', 'rust')`);
  manager = await signIn('mia@example.com');
  builderMember = await signIn('ben@example.com');
  // Seeding the demo and hashing four passwords take a while on a busy machine (PGlite).
}, 240_000);

afterAll(() => closeAttachedDatabase(handle));

const claim = (workId: string, token: string | Headers = ui, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  callApi<Data<{ id: string; workerId: string; lease: { id: string; ttlSeconds: number; expiresAt: string } }>>('POST', `/api/v1/work/${workId}/claim`, {
    auth: token,
    body,
    headers,
  });

const expectProblem = (answer: { status: number; contentType: string | null; body: Record<string, unknown> }, status: number, code: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ type: `urn:gantry:problem:${code}`, status, code });
  expect(typeof answer.body.title).toBe('string');
  expect(typeof answer.body.detail).toBe('string');
};

const readyIds = async (token: string | Headers = ui) => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: Data<{ items: { id: string }[]; nextCursor: string | null }> } = await callApi(
      'GET',
      `/api/v1/work/ready?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { auth: token },
    );
    expect(page.status).toBe(200);
    ids.push(...page.body.data.items.map((i) => i.id));
    cursor = page.body.data.nextCursor;
  } while (cursor);
  return ids;
};

describe('the routes', () => {
  it('has one route file per operation, exporting its method', async () => {
    for (const op of agentOperations) {
      const exported = (await import(`${process.cwd()}/${routeFileOf(op.path)}`)) as Record<string, unknown>;
      expect(typeof exported[op.method], `${op.method} ${op.path}`).toBe('function');
    }
    expect(new Set(agentOperations.map((o) => o.id)).size).toBe(agentOperations.length);
  });

  it('answers an anonymous caller and a made-up token with a 401 problem', async () => {
    expectProblem(await callApi('GET', '/api/v1/work/ready'), 401, 'unauthenticated');
    expectProblem(await callApi('GET', '/api/v1/builder', { auth: 'gantry_' + 'x'.repeat(43) }), 401, 'unauthenticated');
  });
});

describe('GET /api/v1/work/ready', () => {
  it('lists ready, unclaimed work matching the builder’s capabilities, a page at a time', async () => {
    const first = await callApi<Data<{ items: { id: string; requiredCapabilities: string[] }[]; nextCursor: string }>>('GET', '/api/v1/work/ready?limit=2', {
      auth: ui,
    });
    expect(first.status).toBe(200);
    expect(first.body.data.items).toHaveLength(2);
    expect(first.body.data.nextCursor).toEqual(expect.any(String));
    const second = await callApi<Data<{ items: { id: string }[] }>>('GET', `/api/v1/work/ready?limit=2&cursor=${first.body.data.nextCursor}`, { auth: ui });
    expect(second.body.data.items.map((i) => i.id)).not.toEqual(expect.arrayContaining(first.body.data.items.map((i) => i.id)));

    const forUi = await readyIds(ui);
    expect(new Set(forUi).size).toBe(forUi.length);
    expect(forUi).toEqual(expect.arrayContaining(['AG-01', 'AG-14', 'AG-15']));
    expect(forUi).not.toContain('AG-16'); // needs rust
    const forApi = await readyIds(api);
    expect(forApi).toContain('AG-01');
    expect(forApi).not.toContain('AG-15'); // needs python
    // A member acting as a person is not filtered by capabilities.
    expect(await readyIds(manager)).toEqual(expect.arrayContaining(['AG-15', 'AG-16']));
  });

  it('refuses a cursor it did not give and absurd limits, with 400', async () => {
    expectProblem(await callApi('GET', '/api/v1/work/ready?cursor=nonsense', { auth: ui }), 400, 'invalid_input');
    expectProblem(await callApi('GET', '/api/v1/work/ready?limit=1e20', { auth: ui }), 400, 'invalid_input');
    expectProblem(await callApi('GET', '/api/v1/work/ready?limit=true', { auth: ui }), 400, 'invalid_input');
  });

  it('shows a token of another organisation none of this one’s work', async () => {
    const ids = await readyIds(other);
    expect(ids.filter((id) => id.startsWith('AG-') || id.startsWith('RI-'))).toEqual([]);
    expectProblem(await callApi('GET', '/api/v1/work/AG-01', { auth: other }), 404, 'not_found');
    expectProblem(await claim('AG-01', other), 404, 'not_found');
  });
});

describe('GET /api/v1/work/{workId}', () => {
  it('reads a work item with its capabilities, and 404 for an unknown or deleted one', async () => {
    const answer = await callApi<Data>('GET', '/api/v1/work/AG-15', { auth: ui });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({
      id: 'AG-15',
      status: 'pending',
      requiredCapabilities: ['python'],
      claimable: true,
      activeAttempt: null,
      openBlockers: [],
    });
    expectProblem(await callApi('GET', '/api/v1/work/NOPE-1', { auth: ui }), 404, 'not_found');
  });
});

describe('POST /api/v1/work/{workId}/claim', () => {
  it('claims: an attempt and a lease in one go, the item in progress; a second claim gets 409 with the database’s reason', async () => {
    const answer = await claim('AG-01', ui, { ttlSeconds: 60 });
    expect(answer.status).toBe(201);
    const { id, workerId, lease } = answer.body.data;
    expect(workerId).toBe('agent:ui-builder');
    expect(lease.ttlSeconds).toBe(60);
    const [row] = await sql<{ status_key: string; lease: string }>(
      `SELECT i.status_key, l.id AS lease FROM roadmap_items i JOIN leases l ON l.organisation_id = i.organisation_id AND l.attempt_id = '${id}'
        WHERE i.organisation_id = '${org}' AND i.id = 'AG-01'`,
    );
    expect(row).toEqual({ status_key: 'in_progress', lease: lease.id });

    const again = await claim('AG-01', api);
    expectProblem(again, 409, 'already_claimed');
    expect(again.body.detail).toBe('Work already has active attempt. Use handoff instead of new claim.');
    expect(await readyIds(api)).not.toContain('AG-01');
  });

  it('refuses blocked work with the database’s reason, work lacking the builder’s capabilities, and bad input', async () => {
    await sql(`INSERT INTO blockers (organisation_id, work_id, reason_code, severity, title, description, created_by)
               VALUES ('${org}', 'AG-02', 'missing_info', 'blocking', 'Needs the spec', 'Needs the spec', 'test')`);
    const blocked = await claim('AG-02');
    expectProblem(blocked, 409, 'work_blocked');
    expect(blocked.body.detail).toBe('Work has unresolved blockers. Resolve blockers before claiming.');
    expectProblem(await claim('AG-16'), 409, 'not_claimable');
    expectProblem(await claim('AG-03', ui, { ttlSeconds: true }), 400, 'invalid_input');
    expectProblem(await claim('AG-03', ui, { ttlSeconds: 5 }), 400, 'invalid_input');
    expectProblem(await callApi('POST', '/api/v1/work/AG-03/claim', { auth: ui, rawBody: '{"ttlSeconds":' }), 400, 'invalid_input');
    const [{ n }] = (await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM attempts WHERE organisation_id = '${org}' AND work_id IN ('AG-02', 'AG-03', 'AG-16')`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('writes an audit row naming the builder as actor (agent:<builderId>)', async () => {
    const answer = await claim('AG-04');
    const rows = await sql<{ actor: string; action: string; resource_id: string }>(
      `SELECT actor, action, resource_id FROM audit_log WHERE organisation_id = '${org}' AND event_type = 'agent_api' AND resource_id = 'AG-04'`,
    );
    expect(answer.status).toBe(201);
    expect(rows).toEqual([{ actor: 'agent:ui-builder', action: 'claimWork', resource_id: 'AG-04' }]);
  });
});

describe('attempts', () => {
  it('heartbeat renews the lease and the builder’s last heartbeat; only the holder may send one', async () => {
    const { id, lease } = (await claim('AG-05', ui, { ttlSeconds: 30 })).body.data;
    await sql(`UPDATE leases SET expires_at = now() + interval '5 seconds' WHERE organisation_id = '${org}' AND id = '${lease.id}'`);
    const beat = await callApi<Data<{ leaseExpiresAt: string; progress: number }>>('POST', `/api/v1/attempts/${id}/heartbeat`, {
      auth: ui,
      body: { progress: 40, status: 'active', message: 'Halfway' },
    });
    expect(beat.status).toBe(200);
    expect(new Date(beat.body.data.leaseExpiresAt).getTime()).toBeGreaterThan(Date.now() + 20_000);
    const [hb] = await sql<{ progress_percentage: number; message: string }>(
      `SELECT progress_percentage, message FROM heartbeats WHERE organisation_id = '${org}' AND builder_id = 'ui-builder' ORDER BY "timestamp" DESC LIMIT 1`,
    );
    expect(hb).toEqual({ progress_percentage: 40, message: 'Halfway' });

    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: api, body: {} }), 403, 'not_your_attempt');
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: builderMember, body: {} }), 403, 'not_your_attempt');
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: ui, body: { progress: 101 } }), 400, 'invalid_input');
    expectProblem(await callApi('POST', '/api/v1/attempts/AT-NOPE/heartbeat', { auth: ui, body: {} }), 404, 'not_found');
  });

  it('an expired lease answers 410, and nothing is renewed', async () => {
    const { id, lease } = (await claim('AG-06', ui, { ttlSeconds: 30 })).body.data;
    await sql(
      `UPDATE leases SET acquired_at = now() - interval '2 minutes', expires_at = now() - interval '1 second' WHERE organisation_id = '${org}' AND id = '${lease.id}'`,
    );
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: ui, body: {} }), 410, 'lease_expired');
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/evidence`, { auth: ui, body: { type: 'log', content: 'late' } }), 410, 'lease_expired');
    const [row] = await sql<{ live: boolean }>(`SELECT expires_at > now() AS live FROM leases WHERE organisation_id = '${org}' AND id = '${lease.id}'`);
    expect(row!.live).toBe(false);
  });

  it('records evidence: Gantry hashes content, keeps a stated hash of a URI as stated; http(s) only; immutable', async () => {
    const { id } = (await claim('AG-07')).body.data;
    const content = 'ok 1 - claims\nok 2 - leases\n';
    const fromContent = await callApi<Data<{ id: string; sha256: string; hashOf: string; uri: string; sizeBytes: number }>>(
      'POST',
      `/api/v1/attempts/${id}/evidence`,
      {
        auth: ui,
        body: { type: 'test_result', content, title: 'Unit tests' },
      },
    );
    expect(fromContent.status).toBe(201);
    const sha = createHash('sha256').update(content).digest('hex');
    expect(fromContent.body.data).toMatchObject({ sha256: sha, hashOf: 'content', uri: `urn:sha256:${sha}`, sizeBytes: Buffer.byteLength(content) });
    const [stored] = await sql<{ test_results: string; created_by: string }>(
      `SELECT test_results, created_by FROM evidence WHERE organisation_id = '${org}' AND id = '${fromContent.body.data.id}'`,
    );
    expect(stored).toEqual({ test_results: content, created_by: 'agent:ui-builder' });

    const stated = 'AB'.repeat(32);
    const fromUri = await callApi<Data<{ sha256: string; hashOf: string }>>('POST', `/api/v1/attempts/${id}/evidence`, {
      auth: ui,
      body: { type: 'build_artifact', uri: 'https://ci.example.com/artifacts/1.tar.gz', sha256: stated },
    });
    expect(fromUri.status).toBe(201);
    expect(fromUri.body.data).toMatchObject({ sha256: stated, hashOf: 'stated' });

    for (const body of [
      { type: 'reference', uri: 'javascript:alert(1)' },
      { type: 'reference', uri: 'file:///etc/passwd' },
      { type: 'log', uri: 'https://example.com/log', content: 'both' },
      { type: 'log' },
      { type: 'log', content: 'x'.repeat(64 * 1024 + 1) },
      { type: 'log', content: 'NUL \u0000 here' },
      { type: 'nonsense', content: 'x' },
    ]) {
      expectProblem(await callApi('POST', `/api/v1/attempts/${id}/evidence`, { auth: ui, body }), 400, 'invalid_input');
    }
    expectProblem(
      await callApi('POST', `/api/v1/attempts/${id}/evidence`, { auth: ui, rawBody: JSON.stringify({ type: 'log', content: 'x'.repeat(MAX_BODY_BYTES) }) }),
      413,
      'payload_too_large',
    );
    await expect(
      sql(`UPDATE evidence SET uri = 'https://elsewhere' WHERE organisation_id = '${org}' AND id = '${fromContent.body.data.id}'`),
    ).rejects.toThrow();
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/evidence`, { auth: api, body: { type: 'log', content: 'not mine' } }), 403, 'not_your_attempt');
  });

  it('completes only with evidence (the database’s reason otherwise); the work is completed', async () => {
    const { id } = (await claim('AG-08')).body.data;
    const refused = await callApi('POST', `/api/v1/attempts/${id}/complete`, { auth: ui, body: {} });
    expectProblem(refused, 409, 'conflict');
    expect(refused.body.detail).toBe('Cannot mark attempt completed without evidence. Use record_evidence() first.');
    await callApi('POST', `/api/v1/attempts/${id}/evidence`, { auth: ui, body: { type: 'log', content: 'done' } });
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/complete`, { auth: api, body: {} }), 403, 'not_your_attempt');
    const done = await callApi<Data>('POST', `/api/v1/attempts/${id}/complete`, { auth: ui, body: { notes: 'All green' } });
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ id, workId: 'AG-08', outcome: 'completed' });
    const [item] = await sql<{ status_key: string }>(`SELECT status_key FROM roadmap_items WHERE organisation_id = '${org}' AND id = 'AG-08'`);
    expect(item!.status_key).toBe('completed');
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: ui, body: {} }), 409, 'attempt_ended');
  });

  it('fails an attempt with its reason; the work is ready again', async () => {
    const { id } = (await claim('AG-09')).body.data;
    const failed = await callApi<Data>('POST', `/api/v1/attempts/${id}/fail`, { auth: ui, body: { reason: 'The build needs a newer compiler' } });
    expect(failed.status).toBe(200);
    expect(failed.body.data).toMatchObject({ outcome: 'failed' });
    expect(await readyIds(api)).toContain('AG-09');
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/fail`, { auth: ui, body: { reason: 'x' } }), 400, 'invalid_input');
  });

  it('hands an attempt off to another builder, with a reason: the other builder holds it now', async () => {
    const { id } = (await claim('AG-10')).body.data;
    expectProblem(
      await callApi('POST', `/api/v1/attempts/${id}/hand-off`, { auth: ui, body: { toBuilderId: 'no-such-builder', reason: 'Going home' } }),
      404,
      'not_found',
    );
    const handed = await callApi<Data<{ outcome: string; handedOffTo: { attemptId: string; workerId: string } }>>('POST', `/api/v1/attempts/${id}/hand-off`, {
      auth: ui,
      body: { toBuilderId: 'api-builder', reason: 'The API part is api-builder’s' },
    });
    expect(handed.status).toBe(200);
    expect(handed.body.data.handedOffTo.workerId).toBe('agent:api-builder');
    const next = handed.body.data.handedOffTo.attemptId;
    const [row] = await sql<{ handoff_from_attempt_id: string; handoff_reason: string }>(
      `SELECT handoff_from_attempt_id, handoff_reason FROM attempts WHERE organisation_id = '${org}' AND id = '${next}'`,
    );
    expect(row).toEqual({ handoff_from_attempt_id: id, handoff_reason: 'The API part is api-builder’s' });
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: ui, body: {} }), 409, 'attempt_ended');
    expectProblem(await callApi('POST', `/api/v1/attempts/${next}/heartbeat`, { auth: ui, body: {} }), 403, 'not_your_attempt');
    expect((await callApi('POST', `/api/v1/attempts/${next}/heartbeat`, { auth: api, body: {} })).status).toBe(200);
  });

  it('blocks an attempt with a classified blocker; the work cannot be claimed until it is resolved', async () => {
    const { id } = (await claim('AG-11')).body.data;
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/block`, { auth: ui, body: { reasonCode: 'bored', title: 'Meh' } }), 400, 'invalid_input');
    const blocked = await callApi<Data<{ blockerId: string; outcome: string }>>('POST', `/api/v1/attempts/${id}/block`, {
      auth: ui,
      body: { reasonCode: 'missing_credential', title: 'No deploy key for the registry', needs: 'A registry token' },
    });
    expect(blocked.status).toBe(200);
    expect(blocked.body.data.outcome).toBe('blocked');
    const [blocker] = await sql<{ work_id: string; attempt_id: string; reason_code: string }>(
      `SELECT work_id, attempt_id, reason_code FROM blockers WHERE organisation_id = '${org}' AND id = '${blocked.body.data.blockerId}'`,
    );
    expect(blocker).toEqual({ work_id: 'AG-11', attempt_id: id, reason_code: 'missing_credential' });
    expectProblem(await claim('AG-11', api), 409, 'work_blocked');

    // A builder resolves blockers on its own attempts only; a reviewer or manager any.
    expectProblem(
      await callApi('POST', `/api/v1/blockers/${blocked.body.data.blockerId}/resolve`, {
        auth: api,
        body: { resolution: 'Someone else fixed it', justification: 'waiver' },
      }),
      403,
      'forbidden',
    );
    const resolved = await callApi<Data>('POST', `/api/v1/blockers/${blocked.body.data.blockerId}/resolve`, {
      auth: ui,
      body: { resolution: 'The registry token arrived from ops', justification: 'attach', attachUri: 'https://vault.example.com/tokens/42' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.data).toEqual({ id: blocked.body.data.blockerId, justification: 'attach' });
    expect((await claim('AG-11', api)).status).toBe(201);
  });

  it('lists the caller’s own attempts only, newest first, a page at a time', async () => {
    const mine = await callApi<Data<{ items: { workerId: string; workId: string }[]; nextCursor: string | null }>>('GET', '/api/v1/attempts?limit=3', {
      auth: ui,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.data.items).toHaveLength(3);
    expect(new Set(mine.body.data.items.map((a) => a.workerId))).toEqual(new Set(['agent:ui-builder']));
    const rest = await callApi<Data<{ items: { id: string }[] }>>('GET', `/api/v1/attempts?limit=100&cursor=${mine.body.data.nextCursor}`, { auth: ui });
    expect(rest.body.data.items.length).toBeGreaterThan(3);
    const open = await callApi<Data<{ items: { workId: string }[] }>>('GET', '/api/v1/attempts?state=open&workId=AG-01', { auth: ui });
    expect(open.body.data.items.map((a) => a.workId)).toEqual(['AG-01']);
    const theirs = await callApi<Data<{ items: unknown[] }>>('GET', '/api/v1/attempts?workId=AG-01', { auth: api });
    expect(theirs.body.data.items).toEqual([]);
  });
});

describe('a member acting through the API', () => {
  it('claims and heartbeats as themselves (user:<id>); a builder token cannot touch their attempt', async () => {
    const claimed = await claim('AG-12', builderMember);
    expect(claimed.status).toBe(201);
    expect(claimed.body.data.workerId).toBe(`user:${builderMemberId}`);
    expect((await callApi('POST', `/api/v1/attempts/${claimed.body.data.id}/heartbeat`, { auth: builderMember, body: {} })).status).toBe(200);
    expectProblem(await callApi('POST', `/api/v1/attempts/${claimed.body.data.id}/heartbeat`, { auth: ui, body: {} }), 403, 'not_your_attempt');
    const me = await callApi<Data>('GET', '/api/v1/builder', { auth: builderMember });
    expect(me.body.data).toMatchObject({ workerId: `user:${builderMemberId}`, workerType: 'human', role: 'builder', builder: null, openAttempts: 1 });
  });

  it('attaches evidence from the board only to work they hold (issue 12 item 5); a manager to any', async () => {
    const attach = (headers: Headers, workId: string) =>
      withRequestHeaders(headers, () => attachRoadmapEvidence({ workId, evidenceType: 'log', uri: 'https://ci.example.com/log/1' }));
    const refused = await attach(builderMember, 'AG-13');
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sql(`SELECT 1 FROM evidence WHERE organisation_id = '${org}' AND work_id = 'AG-13'`)).toEqual([]);
    expect(await attach(builderMember, 'AG-12')).toMatchObject({ ok: true });
    expect(await attach(manager, 'AG-13')).toMatchObject({ ok: true });
  });
});

describe('a member’s personal token', () => {
  const personalToken = async (userId: string) => {
    const { token, hash, prefix } = generateApiToken();
    await sql(`INSERT INTO api_tokens (organisation_id, user_id, name, token_hash, token_prefix, created_by)
               VALUES ('${org}', '${userId}', 'personal', '${hash}', '${prefix}', '${userId}')`);
    return token;
  };

  it('acts as the member with their role, never as a person at the screen; it ends when they leave', async () => {
    const [{ id: miaId }] = (await sql<{ id: string }>(`SELECT id FROM "user" WHERE email = 'mia@example.com'`)) as [{ id: string }];
    const token = await personalToken(miaId);
    const me = await callApi<Data>('GET', '/api/v1/builder', { auth: token });
    expect(me.body.data).toMatchObject({ workerId: `user:${miaId}`, workerType: 'human', role: 'manager', builder: null });
    const claimed = await claim('AG-17', token);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    expect(claimed.body.data.workerId).toBe(`user:${miaId}`);
    // A manager's token may deploy (the gate still decides)…
    expect((await callApi('POST', '/api/v1/releases/motus-v0.2.0/deployments', { auth: token, body: { target: 'docs', version: '0.2.0' } })).status).toBe(201);
    // …but not what only a signed-in person does, such as making tokens.
    const made = await withRequestHeaders(new Headers({ authorization: `Bearer ${token}` }), () =>
      createApiToken({ builderId: 'ui-builder', name: 'from a token' }),
    );
    expect(made).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await sql(`UPDATE memberships SET deleted_at = now() WHERE organisation_id = '${org}' AND user_id = '${miaId}'`);
    try {
      expectProblem(await callApi('GET', '/api/v1/builder', { auth: token }), 401, 'unauthenticated');
    } finally {
      await sql(`UPDATE memberships SET deleted_at = NULL WHERE organisation_id = '${org}' AND user_id = '${miaId}'`);
    }
  });

  it('heartbeats in one database call as the caller: replayed under its key, refused when revoked; a member’s gets an audit row', async () => {
    const [{ id: benId }] = (await sql<{ id: string }>(`SELECT id FROM "user" WHERE email = 'ben@example.com'`)) as [{ id: string }];
    const token = await personalToken(benId);
    const claimed = await claim('AG-18', token);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    const id = claimed.body.data.id;
    const key = { 'idempotency-key': `one-call-${id}` };
    const first = await callApi<Data<{ at: string; progress: number }>>('POST', `/api/v1/attempts/${id}/heartbeat`, {
      auth: token,
      body: { progress: 30 },
      headers: key,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data).toMatchObject({ attemptId: id, status: 'active', progress: 30 });
    const retry = await callApi<Data<{ at: string }>>('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: token, body: { progress: 30 }, headers: key });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expectProblem(
      await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: token, body: { progress: 31 }, headers: key }),
      422,
      'idempotency_mismatch',
    );
    // No heartbeat row for a member: the audit row, naming them, is the receipt.
    const audits = await sql<{ actor: string }>(
      `SELECT actor FROM audit_log WHERE organisation_id = '${org}' AND action = 'heartbeat' AND resource_id = '${id}'`,
    );
    expect(audits).toEqual([{ actor: `user:${benId}` }]);
    await sql(`UPDATE api_tokens SET revoked_at = now(), revoked_by = '${benId}' WHERE token_hash = '${createHash('sha256').update(token).digest('hex')}'`);
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: token, body: {} }), 401, 'unauthenticated');
  });

  it('is made only for a member of the token’s organisation (the database refuses another)', async () => {
    const [{ id: bobId }] = (await sql<{ id: string }>(`SELECT id FROM "user" WHERE email = 'bob@example.com'`)) as [{ id: string }];
    const error = await personalToken(bobId).then(
      () => null,
      (e: unknown) => e,
    );
    expect(pgErrorOf(error)).toMatchObject({ code: '23514', message: 'ACCESS: A personal API token is made only for a member of its organisation' });
  });
});

describe('GET /api/v1/builder', () => {
  it('tells a builder token who it works as', async () => {
    const me = await callApi<Data>('GET', '/api/v1/builder', { auth: ui });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({
      workerId: 'agent:ui-builder',
      workerType: 'agent',
      role: 'builder',
      builder: { builderId: 'ui-builder', capabilities: ['python'] },
    });
  });
});

describe('blockers', () => {
  it('raises a blocker on a roadmap item (201); a builder may not raise one on another’s attempt', async () => {
    const raised = await callApi<Data<{ id: string }>>('POST', '/api/v1/blockers', {
      auth: api,
      body: { targetType: 'roadmap_item', targetId: 'AG-13', kind: 'missing_dependency', title: 'Waits on the schema' },
    });
    expect(raised.status).toBe(201);
    expect(await readyIds(api)).not.toContain('AG-13');
    const { id } = (await claim('AG-14')).body.data;
    expectProblem(
      await callApi('POST', '/api/v1/blockers', { auth: api, body: { targetType: 'attempt', targetId: id, kind: 'other', title: 'Not mine' } }),
      403,
      'not_your_attempt',
    );
    const resolved = await callApi('POST', `/api/v1/blockers/${raised.body.data.id}/resolve`, {
      auth: manager,
      body: { resolution: 'The schema landed yesterday', justification: 'waiver' },
    });
    expect(resolved.status).toBe(200);
  });
});

describe('releases', () => {
  it('records a builder’s compliance result, checked by agent:<builder>', async () => {
    const answer = await callApi<Data<{ id: number; result: string }>>('POST', '/api/v1/releases/motus-v0.2.0/results', {
      auth: ui,
      body: { standardId: 'STD-PRD-002', result: 'pass', value: '83' },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const [row] = await sql<{ checked_by: string }>(
      `SELECT checked_by FROM compliance_results WHERE organisation_id = '${org}' AND id = ${answer.body.data.id}`,
    );
    expect(row!.checked_by).toBe('agent:ui-builder');
  });

  it('requests a deployment through the gate: 409 policy_refused naming the policy and the failing claims', async () => {
    const refused = await callApi<{ policy: string; claims: string[] }>('POST', '/api/v1/releases/motus-v0.2.0/deployments', {
      auth: manager,
      body: { target: 'pypi', version: '0.2.0' },
    });
    expectProblem(refused, 409, 'policy_refused');
    expect(refused.body).toMatchObject({ policy: 'POLICY-001', claims: ['claim-lease-expiry'] });
    expect(refused.body.detail).toMatch(/^POLICY-001: /);
    const ok = await callApi('POST', '/api/v1/releases/motus-v0.2.0/deployments', { auth: manager, body: { target: 'docs', version: '0.2.0' } });
    expect(ok.status).toBe(201);
    // Builders have no deploy permission.
    expectProblem(
      await callApi('POST', '/api/v1/releases/motus-v0.2.0/deployments', { auth: ui, body: { target: 'docs', version: '0.2.0' } }),
      403,
      'forbidden',
    );
  });
});

describe('idempotency', () => {
  it('replays the stored status and body for a retry with the same key and body; refuses the key with another body (422)', async () => {
    const key = { 'idempotency-key': 'claim-AG-03-once' };
    const first = await claim('AG-03', ui, { ttlSeconds: 120 }, key);
    expect(first.status).toBe(201);
    const retry = await claim('AG-03', ui, { ttlSeconds: 120 }, key);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const [{ n }] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM attempts WHERE organisation_id = '${org}' AND work_id = 'AG-03'`)) as [
      { n: number },
    ];
    expect(n).toBe(1);
    expectProblem(await claim('AG-03', ui, { ttlSeconds: 60 }, key), 422, 'idempotency_mismatch');
    expectProblem(await claim('AG-03', ui, {}, { 'idempotency-key': 'bad key with spaces' }), 400, 'invalid_input');
  });

  it('forgets a key after 24 hours', async () => {
    const key = { 'idempotency-key': 'heartbeat-expiring' };
    const attempt = (await callApi<Data<{ items: { id: string }[] }>>('GET', '/api/v1/attempts?state=open&workId=AG-03', { auth: ui })).body.data.items[0]!.id;
    const first = await callApi<Data<{ at: string }>>('POST', `/api/v1/attempts/${attempt}/heartbeat`, { auth: ui, body: { progress: 10 }, headers: key });
    await sql(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' WHERE organisation_id = '${org}' AND key = 'heartbeat-expiring'`,
    );
    const later = await callApi<Data<{ at: string }>>('POST', `/api/v1/attempts/${attempt}/heartbeat`, { auth: ui, body: { progress: 10 }, headers: key });
    expect(later.status).toBe(200);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.body.data.at).not.toBe(first.body.data.at);
    // The sweep deletes keys past their time.
    await sql(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' WHERE organisation_id = '${org}' AND key = 'heartbeat-expiring'`,
    );
    expect((await sweepLapsedLeases(handle.db))!.keysForgotten).toBeGreaterThanOrEqual(1);
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After past a token’s rate limit, counted per token', async () => {
    process.env.GANTRY_API_RATE_LIMIT = '3';
    forgetEnv();
    try {
      const [{ id: creator }] = (await sql<{ id: string }>(`SELECT id FROM "user" LIMIT 1`)) as [{ id: string }];
      const limited = (await insertBuilderToken(handle.db, org, 'schema-builder', creator)).token;
      const another = (await insertBuilderToken(handle.db, org, 'schema-builder', creator)).token;
      for (let i = 0; i < 3; i++) expect((await callApi('GET', '/api/v1/builder', { auth: limited })).status).toBe(200);
      const refused = await callApi('GET', '/api/v1/builder', { auth: limited });
      expectProblem(refused, 429, 'rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await callApi('GET', '/api/v1/builder', { auth: another })).status).toBe(200);
    } finally {
      delete process.env.GANTRY_API_RATE_LIMIT;
      forgetEnv();
    }
  });
});

describe('leases that expire', () => {
  it('under a later clock: the attempt times out, a builder_stall blocker is raised, the builder shows stalled, the work is ready again', async () => {
    const claimed = await claim('AG-15', ui, { ttlSeconds: 15 });
    expect(claimed.status).toBe(201);
    const { id } = claimed.body.data;
    expect(await readyIds(api)).not.toContain('AG-15');

    // Not yet: a sweep at the real clock leaves it alone.
    await sweepLapsedLeases(handle.db);
    expect((await sql<{ ended_at: string | null }>(`SELECT ended_at FROM attempts WHERE organisation_id = '${org}' AND id = '${id}'`))[0]!.ended_at).toBeNull();

    const later = new Date(Date.now() + 16_000);
    const swept = await sweepLapsedLeases(handle.db, { now: later });
    expect(swept!.expired).toBeGreaterThanOrEqual(1);
    const [attempt] = await sql<{ outcome: string }>(`SELECT outcome FROM attempts WHERE organisation_id = '${org}' AND id = '${id}'`);
    expect(attempt!.outcome).toBe('timed_out');
    const blockers = await sql<{ classification: string; reason_code: string; resolved_at: string | null }>(
      `SELECT classification, reason_code, resolved_at FROM blockers WHERE organisation_id = '${org}' AND attempt_id = '${id}'`,
    );
    expect(blockers).toEqual([{ classification: 'builder_stall', reason_code: 'technical_failure', resolved_at: null }]);
    const fleet = await withOrganisation(org, (tx) => listBuilders(tx, { organisationId: org }));
    expect(fleet.builders.find((b) => b.builderId === 'ui-builder')!.stalled).toBe(true);
    const [audit] = await sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE organisation_id = '${org}' AND resource_id = '${id}' AND action = 'lease_expired'`,
    );
    expect(audit).toEqual({ action: 'lease_expired' });

    // The work is ready again (for builders with python), and the stalled builder's late heartbeat gets 410.
    expect(await readyIds(ui)).toContain('AG-15');
    expectProblem(await callApi('POST', `/api/v1/attempts/${id}/heartbeat`, { auth: ui, body: {} }), 410, 'lease_expired');
    expect((await claim('AG-15', ui)).status).toBe(201);
  });
});
