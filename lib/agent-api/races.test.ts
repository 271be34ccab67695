import { sql as drizzleSql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMember } from '../auth/test-fixtures';
import type { DatabaseHandle } from '../db/connection';
import { insertItems } from '../db/testing/roadmap-fixtures';
import { query } from '../db/testing/sql';
import { sweepLapsedLeases } from './lease-sweep';
import { callApi, insertBuilderToken } from './testing';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

// Many requests at once need many connections: PostgreSQL only (PGlite has one), like the kernel races.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let handle: DatabaseHandle;
let org: string;
const tokens: string[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  const ownerId = await createMember(handle.db, 'owner@example.com', [[org, 'owner']]);
  for (const builder of ['ui-builder', 'api-builder', 'schema-builder', 'qa-builder'])
    tokens.push((await insertBuilderToken(handle.db, org, builder, ownerId)).token);
  await insertItems(handle.db, org, [
    { id: 'RACE-1', phase: 'post_launch', rank: 1 },
    { id: 'RACE-2', phase: 'post_launch', rank: 2 },
    { id: 'RACE-3', phase: 'post_launch', rank: 3 },
  ]);
});

afterAll(() => closeAttachedDatabase(handle));

describe.skipIf(!onPostgres)('concurrent requests (PostgreSQL)', () => {
  it('100 concurrent HTTP claims of one item give exactly one 201; the others 409 already_claimed', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => callApi('POST', '/api/v1/work/RACE-1/claim', { auth: tokens[i % tokens.length], body: { ttlSeconds: 60 } })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.code))).toEqual(new Set(['already_claimed']));
    const [{ n }] = (await query<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM attempts WHERE organisation_id = '${org}' AND work_id = 'RACE-1'`,
    )) as [{ n: number }];
    expect(n).toBe(1);
  }, 60_000);

  it('concurrent retries under one idempotency key execute once and all get the same answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        callApi('POST', '/api/v1/work/RACE-2/claim', { auth: tokens[0], body: { ttlSeconds: 60 }, headers: { 'idempotency-key': 'race-2-claim' } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    const [{ n }] = (await query<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM attempts WHERE organisation_id = '${org}' AND work_id = 'RACE-2'`,
    )) as [{ n: number }];
    expect(n).toBe(1);
    const audits = await query(
      handle.db,
      `SELECT actor, context::text, new_value::text FROM audit_log WHERE organisation_id = '${org}' AND action = 'claimWork' AND resource_id = 'RACE-2'`,
    );
    expect(audits, JSON.stringify(audits)).toHaveLength(1);
  }, 60_000);

  it('one instance sweeps at a time: while another holds the sweep lock, a sweep does nothing', async () => {
    const claimed = await callApi<{ data: { id: string } }>('POST', '/api/v1/work/RACE-3/claim', { auth: tokens[1], body: { ttlSeconds: 15 } });
    expect(claimed.status).toBe(201);
    const later = new Date(Date.now() + 60_000);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const other = handle.db.transaction(async (tx) => {
      await tx.execute(drizzleSql`SELECT pg_advisory_xact_lock(hashtextextended('gantry.lease_sweep', 0))`);
      locked();
      await held;
    });
    await isLocked;
    expect(await sweepLapsedLeases(handle.db, { now: later })).toBeNull();
    release();
    await other;
    const swept = await Promise.all([sweepLapsedLeases(handle.db, { now: later }), sweepLapsedLeases(handle.db, { now: later })]);
    // Every claim above has lapsed a minute later, and each lapse is handled once.
    expect(swept.reduce((sum, s) => sum + (s?.expired ?? 0), 0)).toBe(3);
    const stalls = await query(
      handle.db,
      `SELECT 1 FROM blockers WHERE organisation_id = '${org}' AND work_id LIKE 'RACE-%' AND classification = 'builder_stall'`,
    );
    expect(stalls).toHaveLength(3);
  }, 60_000);
});
