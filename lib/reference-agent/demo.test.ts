import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveCaller } from '../auth/identity';
import { createMember } from '../auth/test-fixtures';
import type { DatabaseHandle } from '../db/connection';
import { expectRefused, query } from '../db/testing/sql';
import { callApi } from '../agent-api/testing';
import { insertItems } from '../db/testing/roadmap-fixtures';
import { DEMO_TOKEN_NAME, demoTokenOf, provisionDemoTokens } from './demo';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

/**
 * The embedded demo's simulated builders get their tokens from Gantry itself: one per demo
 * builder, stored hashed, the same on every start, never for another organisation, and not
 * again once an owner revoked it. Only that token may have no maker (the database says so).
 */
let handle: DatabaseHandle;
let organisationId: string;
const SECRET = 'a test secret of at least thirty-two characters';

beforeAll(async () => {
  ({ handle, organisationId } = await openAttachedDemoDatabase());
});
afterAll(() => closeAttachedDatabase(handle));

describe('the demo builders’ tokens', () => {
  it('are made once per live demo builder, stored as hashes, and name the builders as bearer tokens', async () => {
    const first = await provisionDemoTokens(handle.db, SECRET);
    expect(first.map((t) => t.builderId)).toEqual(['api-builder', 'integration-builder', 'qa-builder', 'schema-builder', 'ui-builder']);
    const again = await provisionDemoTokens(handle.db, SECRET);
    expect(again).toEqual(first);
    const rows = await query<{ builder_id: string; token_hash: string; created_by: string | null }>(
      handle.db,
      `SELECT builder_id, token_hash, created_by FROM api_tokens WHERE name = '${DEMO_TOKEN_NAME}' ORDER BY builder_id`,
    );
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.created_by === null && /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(first[0]!.token);

    const caller = await resolveCaller(new Headers({ authorization: `Bearer ${first[0]!.token}` }));
    expect(caller).toMatchObject({ kind: 'token', builderId: 'api-builder', organisationId });
    const [audit] = await query<{ count: number }>(
      handle.db,
      `SELECT count(*)::int AS count FROM audit_log WHERE event_type = 'api_token' AND actor = 'system:demo-builders'`,
    );
    expect(Number(audit!.count)).toBe(5);
  });

  it('skips a builder whose demo token an owner revoked, on every later start', async () => {
    const ownerId = await createMember(handle.db, 'owner@example.com', [[organisationId, 'owner']]);
    await query(
      handle.db,
      `UPDATE api_tokens SET revoked_at = now(), revoked_by = '${ownerId}' WHERE builder_id = 'qa-builder' AND name = '${DEMO_TOKEN_NAME}'`,
    );
    const tokens = await provisionDemoTokens(handle.db, SECRET);
    expect(tokens.map((t) => t.builderId)).not.toContain('qa-builder');
    expect(tokens).toHaveLength(4);
    expect(await resolveCaller(new Headers({ authorization: `Bearer ${demoTokenOf(SECRET, organisationId, 'qa-builder')}` }))).toMatchObject({
      kind: 'anonymous',
    });
  });

  it('refuses a token without a maker unless it is the demo’s own', async () => {
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix) VALUES ('${organisationId}', 'ui-builder', 'Sneaky', '${'a'.repeat(64)}', 'gantry_aaaaaa')`,
      ),
      { code: '23514', message: /api_tokens_maker_check/ },
    );
  });

  it('have the capabilities the demo’s work requires, and a builder without one does not get that work', async () => {
    const tokens = await provisionDemoTokens(handle.db, SECRET);
    const have = await query<{ builder_id: string; capability_id: string }>(
      handle.db,
      `SELECT builder_id, capability_id FROM builder_capabilities WHERE organisation_id = '${organisationId}' ORDER BY 1, 2`,
    );
    const required = await query<{ capability_id: string }>(
      handle.db,
      `SELECT DISTINCT capability_id FROM work_required_capabilities WHERE organisation_id = '${organisationId}' ORDER BY 1`,
    );
    // Every capability the demo's work requires, some builder has; not every builder has them all.
    expect(required.length).toBeGreaterThan(0);
    for (const { capability_id } of required) expect(have.map((h) => h.capability_id)).toContain(capability_id);
    expect(new Set(have.map((h) => h.builder_id)).size).toBeLessThan(tokens.length);

    // Work that needs sqlite, ready: the schema builder (python, sqlite) gets it, the integration builder (none) does not.
    await insertItems(handle.db, organisationId, [{ id: 'CAP-1', phase: 'post_launch', rank: 9100, title: 'Needs sqlite' }]);
    await query(handle.db, `INSERT INTO work_required_capabilities (organisation_id, work_id, capability_id) VALUES ('${organisationId}', 'CAP-1', 'sqlite')`);
    const tokenOf = (builderId: string) => tokens.find((t) => t.builderId === builderId)!.token;
    const readyFor = async (builderId: string) => {
      const answer = await callApi<{ data: { items: { id: string }[] } }>('GET', '/api/v1/work/ready?limit=100', { auth: tokenOf(builderId) });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body.data.items.map((i) => i.id);
    };
    expect(await readyFor('schema-builder')).toContain('CAP-1');
    expect(await readyFor('integration-builder')).not.toContain('CAP-1');
    const refused = await callApi('POST', '/api/v1/work/CAP-1/claim', { auth: tokenOf('integration-builder'), body: {} });
    expect(refused.status).toBe(409);
  });
});
