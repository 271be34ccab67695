import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MemberCaller } from '../auth/identity';
import type { Role } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import { withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { expectRefused, query } from '../db/testing/sql';
import { getBlockerDesk } from './desk';
import { parseDeskQuery } from './filters';
import { raiseBlocker, raiseBlockerInput } from './raise';
import { escalateBlocker, escalateBlockerInput, listResolutionEvidence, resolveBlocker, resolveBlockerInput } from './resolve';
import { findBlockerTargets } from './targets';
import { callerIn } from '../auth/test-callers';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;
let organisationId: string;
let taskId: string;

const ADA = '00000000-0000-4000-8000-000000000001';
const member = (role: Role): MemberCaller => ({
  kind: 'member',
  userId: ADA,
  name: 'Ada',
  email: `ada-${role}@example.com`,
  sessionId: 's',
  organisationId,
  role,
  organisations: [],
});

const inOrg = <T>(work: Parameters<typeof withOrganisation<T>>[1]) => withOrganisation(organisationId, work);

const raise = (input: Record<string, unknown>, role: Role = 'manager') =>
  inOrg((tx) => raiseBlocker(tx, { caller: member(role), input: raiseBlockerInput.parse(input) }));

const resolve = (input: Record<string, unknown>, role: Role = 'manager') =>
  inOrg((tx) => resolveBlocker(tx, { caller: member(role), input: resolveBlockerInput.parse(input) }));

async function refusal(run: Promise<unknown>): Promise<ActionError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(ActionError);
  return error as ActionError;
}

const desk = (params: Record<string, string>) => getBlockerDesk(callerIn(organisationId), { query: parseDeskQuery(params) });

beforeAll(async () => {
  ({ handle, organisationId } = await openAttachedDemoDatabase());
  [{ task_id: taskId }] = (await query<{ task_id: string }>(handle.db, `SELECT task_id FROM tasks WHERE name = 'Builders panel'`)) as [{ task_id: string }];
  // Ada is a member: rows name her by id, the desk by her name.
  await query(handle.db, `INSERT INTO "user" (id, name, email) VALUES ('${ADA}', 'Ada', 'ada@example.com')`);
  await query(handle.db, `INSERT INTO memberships (organisation_id, user_id, role) VALUES ('${organisationId}', '${ADA}', 'manager')`);
});
afterAll(() => closeAttachedDatabase(handle));

describe('raising a blocker', () => {
  it('puts it on the desk under its classification, with its task, wave and program', async () => {
    const before = await desk({});
    const { id } = await raise({
      targetType: 'task',
      targetId: taskId,
      kind: 'protected_path',
      title: 'CI file touched',
      description: 'The builder edited .github/workflows.',
    });
    const after = await desk({});
    expect(after.openTotal).toBe(before.openTotal + 1);
    const count = (d: typeof after) => d.openByKind.find((k) => k.kind === 'protected_path')?.count ?? 0;
    expect(count(after)).toBe(count(before) + 1);
    const row = after.results.rows.find((r) => r.id === id)!;
    expect(row).toMatchObject({
      kind: 'protected_path',
      severity: 'blocking',
      title: 'CI file touched',
      foreman: true,
      raisedBy: 'Ada',
      target: { type: 'task', id: taskId, label: 'Builders panel', href: `/tasks/${taskId}` },
      program: { id: 'foreman-office', name: expect.any(String) },
    });
  });

  it('takes a reason code on a roadmap item, and refuses a classification there', async () => {
    const { id } = await raise({ targetType: 'roadmap_item', targetId: 'RI-107', kind: 'missing_info', title: 'Which clock?', severity: 'warning' });
    const { results } = await desk({ kind: 'missing_info' });
    expect(results.rows.map((r) => r.id)).toContain(id);
    expect(results.rows.find((r) => r.id === id)).toMatchObject({ foreman: false, severity: 'warning', target: { type: 'roadmap_item', id: 'RI-107' } });
    const parsed = raiseBlockerInput.safeParse({ targetType: 'roadmap_item', targetId: 'RI-107', kind: 'builder_stall', title: 'Nope' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['kind'], message: 'A roadmap item or attempt blocker takes a reason code' });
  });

  it('refuses an item the organisation does not have, and a second open stall on one task', async () => {
    const missing = await refusal(raise({ targetType: 'program', targetId: 'no-such-program', kind: 'impossible_requirements', title: 'Nope' }));
    expect(missing.message).toBe('There is no program “no-such-program” in this organisation.');
    await raise({ targetType: 'task', targetId: taskId, kind: 'builder_stall', title: 'Silent' });
    const twice = await refusal(raise({ targetType: 'task', targetId: taskId, kind: 'builder_stall', title: 'Silent again' }));
    expect(twice.message).toMatch(/already has an open builder stall blocker/);
  });

  it('finds items to raise on by name or id', async () => {
    const tasks = await inOrg((tx) => findBlockerTargets(tx, { targetType: 'task', q: 'builders' }));
    expect(tasks.map((t) => t.id)).toContain(taskId);
    const items = await inOrg((tx) => findBlockerTargets(tx, { targetType: 'roadmap_item', q: 'RI-10' }));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.id.startsWith('RI-10'))).toBe(true);
  });
});

describe('resolving a blocker', () => {
  it('needs a written resolution of at least 10 characters', () => {
    const parsed = resolveBlockerInput.safeParse({ blockerId: 'x', resolution: 'done' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Write what was done and why: at least 10 characters');
  });

  it('is refused without evidence or a waiver, with the reason, and nothing changes', async () => {
    const { id } = await raise({ targetType: 'task', targetId: taskId, kind: 'repeated_failures', title: 'Fails thrice' });
    const error = await refusal(resolve({ blockerId: id, resolution: 'It passes now, trust me', action: 'update_qa' }));
    expect(error.message).toBe('Resolving needs a justification: attach or pick evidence recorded since the blocker was raised, or record a waiver.');
    const [row] = await query<{ resolved_at: Date | null }>(handle.db, `SELECT resolved_at FROM blockers WHERE id = '${id}'`);
    expect(row!.resolved_at).toBeNull();
  });

  it('a Foreman blocker needs the action that was taken', async () => {
    const { id } = await raise({ targetType: 'task', targetId: taskId, kind: 'repeated_failures', title: 'Fails again' });
    const error = await refusal(resolve({ blockerId: id, resolution: 'Waived by the governor', justification: 'waiver' }));
    expect(error.fieldErrors).toEqual({ action: 'Choose what was done' });
  });

  it('with a waiver: resolved, in the history as waived, and its resolution can never change', async () => {
    const { id } = await raise({ targetType: 'task', targetId: taskId, kind: 'impossible_requirements', title: 'Contradictory criteria' });
    await resolve({ blockerId: id, resolution: 'The governor accepts the risk for this wave.', action: 'other', justification: 'waiver' });
    const [decision] = await query<{ decision_type: string; decided_by: string }>(
      handle.db,
      `SELECT decision_type, decided_by FROM decisions WHERE blocker_id = '${id}'`,
    );
    expect(decision).toEqual({ decision_type: 'waiver', decided_by: `user:${ADA}` });

    const open = await desk({ q: 'Contradictory' });
    expect(open.results.rows).toHaveLength(0);
    const history = await desk({ tab: 'history', q: 'Contradictory' });
    expect(history.results.rows).toHaveLength(1);
    expect(history.results.rows[0]).toMatchObject({
      id,
      justification: 'waiver',
      resolution: 'The governor accepts the risk for this wave.',
      resolvedBy: 'Ada',
    });

    const again = await refusal(resolve({ blockerId: id, resolution: 'Changing my mind here.', action: 'other', justification: 'waiver' }));
    expect(again.message).toBe('This blocker is already resolved, and a resolution cannot be changed.');
    await expectRefused(query(handle.db, `UPDATE blockers SET resolution = 'rewritten afterwards' WHERE id = '${id}'`), {
      code: '23514',
      message: 'KERNEL: Blocker resolution is immutable',
    });
    const escalated = await refusal(
      inOrg((tx) =>
        escalateBlocker(tx, { caller: member('manager'), input: escalateBlockerInput.parse({ blockerId: id, to: 'johan', reason: 'Too late for this one' }) }),
      ),
    );
    expect(escalated.message).toMatch(/already resolved/);
  });

  it('with evidence picked from what was recorded since it was raised', async () => {
    const { id } = await raise({ targetType: 'task', targetId: taskId, kind: 'architecture_qa_mismatch', title: 'QA expects REST' });
    expect(await inOrg((tx) => listResolutionEvidence(tx, { blockerId: id }))).toEqual([]);
    await query(
      handle.db,
      `INSERT INTO evidence_trail (organisation_id, entity_type, entity_id, action, actor, context)
       VALUES ('${organisationId}', 'task', '${taskId}', 'qa_updated', 'qa-builder', '{"title": "QA suite now speaks RPC"}')`,
    );
    const candidates = await inOrg((tx) => listResolutionEvidence(tx, { blockerId: id }));
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ label: 'qa_updated: QA suite now speaks RPC', by: 'qa-builder' });
    const wrong = await refusal(
      resolve({
        blockerId: id,
        resolution: 'QA suite updated to RPC',
        action: 'update_qa',
        justification: 'evidence',
        evidenceRef: 'trail:00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(wrong.fieldErrors).toEqual({ evidenceRef: 'Pick evidence from the list' });
    await resolve({ blockerId: id, resolution: 'QA suite updated to RPC', action: 'update_qa', justification: 'evidence', evidenceRef: candidates[0]!.ref });
    const history = await desk({ tab: 'history', q: 'QA expects REST' });
    expect(history.results.rows[0]).toMatchObject({ id, justification: 'evidence', resolutionAction: 'update_qa' });
  });

  it('with evidence attached now; a reviewer (who may not attach) is told to pick or waive instead', async () => {
    const { id } = await raise({ targetType: 'roadmap_item', targetId: 'RI-107', kind: 'technical_failure', title: 'Flaky clock test' });
    const input = {
      blockerId: id,
      resolution: 'Pinned the clock in the test',
      justification: 'attach',
      attachUri: 'https://ci.example.com/runs/42',
      attachTitle: 'CI run 42: green',
      attachType: 'test_result',
    };
    const forbidden = await refusal(resolve(input, 'reviewer'));
    expect(forbidden.message).toBe('Your role may not attach evidence: pick evidence already recorded, or record a waiver.');
    await resolve(input);
    const [evidence] = await query<{ evidence_type: string; uri: string; created_by: string }>(
      handle.db,
      `SELECT evidence_type, uri, created_by FROM evidence WHERE work_id = 'RI-107' AND title = 'CI run 42: green'`,
    );
    expect(evidence).toEqual({ evidence_type: 'test_result', uri: 'https://ci.example.com/runs/42', created_by: `user:${ADA}` });
  });
});

describe('escalating a blocker', () => {
  it('records a decision of type escalation and marks the blocker', async () => {
    const { id } = await raise({ targetType: 'task', targetId: taskId, kind: 'constitutional_violation', title: 'Skipped review' });
    await inOrg((tx) =>
      escalateBlocker(tx, {
        caller: member('reviewer'),
        input: escalateBlockerInput.parse({ blockerId: id, to: 'johan', reason: 'Only the governor can rule on this.' }),
      }),
    );
    const [decision] = await query<{ decision_type: string; authority: string }>(
      handle.db,
      `SELECT decision_type, authority FROM decisions WHERE blocker_id = '${id}'`,
    );
    expect(decision).toEqual({ decision_type: 'escalation', authority: 'johan' });
    const { results } = await desk({ q: 'Skipped review' });
    expect(results.rows[0]).toMatchObject({ escalatedTo: 'johan' });
  });
});

describe('the desk', () => {
  it('filters by program, severity and age, sorts, and pages', async () => {
    const all = await desk({});
    expect(all.results.total).toBe(all.openTotal);
    const foreman = await desk({ program: 'foreman-office' });
    expect(foreman.results.rows.every((r) => r.program?.id === 'foreman-office')).toBe(true);
    const warnings = await desk({ severity: 'warning' });
    expect(warnings.results.rows.length).toBeGreaterThan(0);
    expect(warnings.results.rows.every((r) => r.severity === 'warning')).toBe(true);
    const old = await desk({ age: '1h' });
    expect(old.results.rows.every((r) => r.detectedAt.getTime() < Date.now() - 3_600_000)).toBe(true);
    expect(old.results.total).toBeLessThan(all.results.total);

    const oldestFirst = all.results.rows.map((r) => r.detectedAt.getTime());
    expect(oldestFirst).toEqual([...oldestFirst].sort((a, b) => a - b));
    const grouped = await desk({ group: 'kind' });
    const kinds = grouped.results.rows.map((r) => r.kind ?? '');
    expect(kinds).toEqual([...kinds].sort());

    const first = await desk({ size: '25' });
    expect(first.results.size).toBe(25);
    const pageTwo = await desk({ size: '25', page: '2' });
    expect(pageTwo.results.rows.map((r) => r.id)).not.toContain(first.results.rows[0]?.id);
  });
});
