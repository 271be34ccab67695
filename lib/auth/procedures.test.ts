import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { attachDatabase } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { seedDemoData } from '../db/seed/demo';
import { query } from '../db/testing/sql';
import { openTestDatabase } from '../db/testing/test-database';
import { procedureMarkOf } from './procedure';
import { withRequestHeaders } from './request';
import type { ActionResult } from './result';
import { createBuilder, createMember, createOrganisation, fingerprintDatabase, signIn } from './test-fixtures';
import { generateApiToken } from './token-format';

/**
 * Every server action module (files named actions.ts under app/ and lib/) and every API route
 * (app/api/**\/route.ts) goes through the wrapper, and refuses an anonymous caller, a revoked or
 * made-up token, and a caller from another organisation, changing nothing. A new action or route
 * fails this test until it has a case below.
 */
const root = process.cwd();

function findFiles(dir: string, name: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(relative, name));
    else if (entry.name === name) found.push(relative);
  }
  return found.sort();
}

/** The two routes outside the wrapper, on purpose (README, "Who may call what"). */
const PUBLIC_ROUTES: Record<string, string> = {
  'app/api/health/route.ts': 'liveness and readiness for load balancers; reveals no data',
  'app/api/auth/[...all]/route.ts': 'the auth library’s own handler: how a visitor signs in at all',
};

interface Fixtures {
  orgA: string;
  carolId: string;
  tokenAId: string;
  /** Row versions of organisation A's roadmap items, for actions that carry the version they saw. */
  versions: Record<string, number>;
}

/** For each action: an input aimed at organisation A's data, which A's owner may send. */
const ACTION_CASES: Record<string, (f: Fixtures) => unknown> = {
  createFirstAdmin: () => ({ name: 'Eve', email: 'eve@example.com', password: 'a long enough password' }),
  switchOrganisation: (f) => ({ organisationId: f.orgA }),
  createApiToken: () => ({ builderId: 'ui-builder', name: 'Planted token' }),
  revokeApiToken: (f) => ({ tokenId: f.tokenAId }),
  changeMemberRole: (f) => ({ userId: f.carolId, role: 'owner' }),
  moveRoadmapItem: (f) => ({ id: 'RI-202', toPhase: 'phase_b', beforeId: null, afterId: null, version: f.versions['RI-202'] }),
  setRoadmapItemStatus: (f) => ({ id: 'RI-013', status: 'deferred', version: f.versions['RI-013'] }),
  addRoadmapDependency: () => ({ itemId: 'RI-013', dependsOnId: 'RI-011', dependencyType: 'related' }),
  removeRoadmapDependency: () => ({ itemId: 'RI-010', dependsOnId: 'RI-009' }),
  assignRoadmapItem: () => ({ itemId: 'RI-009', agentId: 'agent:builder-9', role: 'reviewer' }),
  attachRoadmapEvidence: () => ({ workId: 'RI-004', evidenceType: 'log', uri: 'artifacts/RI-004/build.log' }),
  addCrDependency: () => ({ crId: 'CR-2025-11-04-001', dependsOnId: 'CR-2025-10-02-004', dependencyType: 'related' }),
  removeCrDependency: () => ({ crId: 'CR-2025-11-20-005', dependsOnId: 'CR-2025-11-18-003' }),
};

/** For each route and method: a request for organisation A's data. */
const ROUTE_CASES: Record<string, { path: string; params: Record<string, string>; body?: unknown }> = {
  'app/api/builders/[builderId]/route.ts GET': { path: '/api/builders/ui-builder', params: { builderId: 'ui-builder' } },
};

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

type Callable = (headers: Headers, f: Fixtures) => Promise<{ ok: boolean; code?: string; text: string }>;

const actionFiles = [...findFiles('app', 'actions.ts'), ...findFiles('lib', 'actions.ts')];
const routeFiles = findFiles('app/api', 'route.ts');

const procedures: { label: string; exportName: string; call: Callable; marked: boolean }[] = [];
for (const file of actionFiles) {
  const exported = (await import(path.join(root, file))) as Record<string, unknown>;
  for (const [exportName, value] of Object.entries(exported)) {
    const action = value as (input: unknown) => Promise<ActionResult<unknown>>;
    procedures.push({
      label: `${file} ${exportName}`,
      exportName,
      marked: procedureMarkOf(value)?.name === exportName,
      call: async (headers, f) => {
        const result = await withRequestHeaders(headers, () => action(ACTION_CASES[exportName]!(f)));
        return { ok: result.ok, code: result.ok ? undefined : result.error.code, text: JSON.stringify(result) };
      },
    });
  }
}
for (const file of routeFiles.filter((f) => !(f in PUBLIC_ROUTES))) {
  const exported = (await import(path.join(root, file))) as Record<string, unknown>;
  for (const method of HTTP_METHODS.filter((m) => m in exported)) {
    const key = `${file} ${method}`;
    const handler = exported[method] as (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
    procedures.push({
      label: key,
      exportName: key,
      marked: procedureMarkOf(handler) !== undefined,
      call: async (headers) => {
        const routeCase = ROUTE_CASES[key]!;
        const init: RequestInit = { method, headers };
        if (routeCase.body !== undefined) init.body = JSON.stringify(routeCase.body);
        const response = await handler(new Request(`http://localhost${routeCase.path}`, init), { params: Promise.resolve(routeCase.params) });
        const text = await response.text();
        const body = JSON.parse(text) as ActionResult<unknown>;
        expect(body.ok, `${key}: status ${response.status} and body agree`).toBe(response.ok);
        return { ok: body.ok, code: body.ok ? undefined : body.error.code, text };
      },
    });
  }
}

let handle: DatabaseHandle;
let fixtures: Fixtures;
let anonymous: Headers;
let madeUpToken: Headers;
let otherOrganisation: Record<string, Headers>;
let ownerOfA: Headers;

const fingerprint = () => fingerprintDatabase(handle.db);

async function insertToken(organisationId: string, builderId: string, createdBy: string) {
  const { token, hash, prefix } = generateApiToken();
  const [row] = await query<{ id: string }>(
    handle.db,
    `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix, created_by)
     VALUES ('${organisationId}', '${builderId}', 'fixture', '${hash}', '${prefix}', '${createdBy}') RETURNING id`,
  );
  return { token, id: row!.id };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  attachDatabase(handle);
  const { organisationId: orgA } = await seedDemoData(handle.db);
  const orgB = await createOrganisation(handle.db, 'beta');
  await createBuilder(handle.db, orgB, 'beta-builder');
  const aliceId = await createMember(handle.db, 'alice@example.com', [[orgA, 'owner']]);
  const carolId = await createMember(handle.db, 'carol@example.com', [[orgA, 'viewer']]);
  const bobId = await createMember(handle.db, 'bob@example.com', [[orgB, 'owner']]);
  const tokenA = await insertToken(orgA, 'ui-builder', aliceId);
  const tokenB = await insertToken(orgB, 'beta-builder', bobId);
  const revokedB = await insertToken(orgB, 'beta-builder', bobId);
  await query(handle.db, `UPDATE api_tokens SET revoked_at = now(), revoked_by = '${bobId}' WHERE id = '${revokedB.id}'`);

  const versions = await query<{ id: string; row_version: number }>(handle.db, `SELECT id, row_version FROM roadmap_items WHERE organisation_id = '${orgA}'`);
  fixtures = { orgA, carolId, tokenAId: tokenA.id, versions: Object.fromEntries(versions.map((v) => [v.id, Number(v.row_version)])) };
  anonymous = new Headers();
  madeUpToken = new Headers({ authorization: `Bearer ${generateApiToken().token}` });
  otherOrganisation = {
    'the owner of another organisation': await signIn('bob@example.com'),
    'a builder token of another organisation': new Headers({ authorization: `Bearer ${tokenB.token}` }),
    'a revoked token of another organisation': new Headers({ authorization: `Bearer ${revokedB.token}` }),
  };
  ownerOfA = await signIn('alice@example.com');
});
afterAll(async () => {
  attachDatabase(undefined);
  await handle?.close();
});

describe('every action and route goes through the wrapper', () => {
  it('finds the action modules and the routes', () => {
    expect(actionFiles).toEqual(expect.arrayContaining(['app/(auth)/setup/actions.ts', 'app/(dashboard)/actions.ts', 'app/(dashboard)/settings/actions.ts']));
    expect(routeFiles).toEqual(expect.arrayContaining(Object.keys(PUBLIC_ROUTES)));
    expect(procedures.length).toBeGreaterThanOrEqual(6);
  });

  it('made every exported action and route method with defineAction or defineRoute', () => {
    expect(procedures.filter((p) => !p.marked).map((p) => p.label)).toEqual([]);
  });

  it('has a case aimed at another organisation for each of them', () => {
    const cases = new Set([...Object.keys(ACTION_CASES), ...Object.keys(ROUTE_CASES)]);
    expect(procedures.filter((p) => !cases.has(p.exportName)).map((p) => p.label)).toEqual([]);
  });

  it('keeps the public routes to the two documented ones', async () => {
    const health = (await import(path.join(root, 'app/api/health/route.ts'))) as Record<string, unknown>;
    expect(Object.keys(health).filter((k) => HTTP_METHODS.includes(k))).toEqual(['GET']);
  });
});

describe.each(procedures.map((p) => [p.label, p] as const))('%s', (_label, procedure) => {
  const refusedUnchanged = async (headers: Headers, codes: string[]) => {
    const before = await fingerprint();
    const result = await procedure.call(headers, fixtures);
    expect(result.ok, result.text).toBe(false);
    expect(codes, result.text).toContain(result.code);
    expect(await fingerprint()).toEqual(before);
    return result;
  };

  it('refuses an anonymous caller, and nothing changes', async () => {
    await refusedUnchanged(anonymous, ['unauthenticated', 'setup_done']);
  });

  it('refuses a made-up API token, and nothing changes', async () => {
    await refusedUnchanged(madeUpToken, ['unauthenticated', 'setup_done']);
  });

  it('refuses callers of another organisation, and nothing changes', async () => {
    for (const [who, headers] of Object.entries(otherOrganisation)) {
      const result = await refusedUnchanged(headers, ['unauthenticated', 'forbidden', 'not_found', 'setup_done']);
      expect(result.text, `${who} must learn nothing of organisation A`).not.toContain(fixtures.orgA);
    }
  });
});

describe('the cases are real', () => {
  // Run last: these change organisation A. First-admin set-up is closed once any account exists.
  it.each(procedures.filter((p) => p.exportName !== 'createFirstAdmin').map((p) => [p.label, p] as const))(
    '%s succeeds for organisation A’s own owner',
    async (_label, procedure) => {
      const result = await procedure.call(ownerOfA, fixtures);
      expect(result.ok, result.text).toBe(true);
    },
  );
});
