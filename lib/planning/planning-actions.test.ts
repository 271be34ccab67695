import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import * as actions from '@/app/(dashboard)/planning/actions';

import { createMember, createOrganisation, signIn } from '../auth/test-fixtures';
import { attachDatabase } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { expectRefused, query } from '../db/testing/sql';
import { openTestDatabase } from '../db/testing/test-database';
import { withRequestHeaders } from '../procedure/request';
import type { PlanningActionInput } from './action-types';
import { ok } from '../procedure/test-results';

/**
 * Issue 18 items 1-4: projects and the story map through the planning-action pipeline (the
 * action wrapper, the apply function, the database's rules), on PGlite and PostgreSQL.
 */
let handle: DatabaseHandle;
let org: string;
let managerId: string;
let manager: Headers;
let viewer: Headers;

const as = withRequestHeaders;
const apply = (projectId: string, list: PlanningActionInput[], idempotencyKey?: string) =>
  as(manager, () => actions.applyPlanningBatch({ projectId, actions: list, ...(idempotencyKey ? { idempotencyKey } : {}) })).then(ok);

beforeAll(async () => {
  handle = await openTestDatabase();
  attachDatabase(handle);
  org = await createOrganisation(handle.db, 'planners');
  managerId = await createMember(handle.db, 'mia@example.com', [[org, 'manager']]);
  await createMember(handle.db, 'vic@example.com', [[org, 'viewer']]);
  manager = await signIn('mia@example.com');
  viewer = await signIn('vic@example.com');
});
afterAll(async () => {
  await handle?.close();
});

async function newProject(name: string): Promise<string> {
  return ok(await as(manager, () => actions.createProject({ name, repoUrl: 'https://github.com/acme/app', defaultBranch: 'main' }))).id;
}

async function smallMap(projectId: string) {
  const batch = await apply(projectId, [{ type: 'createWorkflow', title: 'Sign up' }]);
  const workflowId = batch.results[0]!.target.workflowId as string;
  const two = await apply(projectId, [
    { type: 'createActivity', workflowId, title: 'Enter details' },
    { type: 'createActivity', workflowId, title: 'Confirm email' },
  ]);
  const [a1, a2] = two.results.map((r) => r.target.activityId as string);
  const three = await apply(projectId, [
    { type: 'createCard', activityId: a1!, title: 'Form' },
    { type: 'createCard', activityId: a1!, title: 'Validation' },
    { type: 'createCard', activityId: a2!, title: 'Send mail' },
  ]);
  const [c1, c2, c3] = three.results.map((r) => r.target.cardId as string);
  return { workflowId, a1: a1!, a2: a2!, c1: c1!, c2: c2!, c3: c3! };
}

const cardsOf = (activityId: string) =>
  query<{ title: string; position: number }>(
    handle.db,
    `SELECT title, position FROM card WHERE workflow_activity_id = '${activityId}' AND deleted_at IS NULL ORDER BY position`,
  );

describe('projects', () => {
  it('creates, edits and soft-deletes a project, each recorded as an action by its author', async () => {
    const id = await newProject('Checkout');
    ok(await as(manager, () => actions.updateProject({ id, name: 'Checkout v2', repoUrl: '', defaultBranch: 'trunk', description: 'Pay' })));
    const [row] = await query(handle.db, `SELECT name, repo_url, default_branch, description, action_sequence FROM project WHERE id = '${id}'`);
    expect(row).toEqual({ name: 'Checkout v2', repo_url: null, default_branch: 'trunk', description: 'Pay', action_sequence: 2 });
    const log = await query(handle.db, `SELECT action_type, validation_status, actor FROM planning_action WHERE project_id = '${id}'`);
    expect(log).toEqual([
      { action_type: 'updateProject', validation_status: 'accepted', actor: `user:${managerId}` },
      { action_type: 'updateProject', validation_status: 'accepted', actor: `user:${managerId}` },
    ]);
    const taken = await as(manager, () => actions.createProject({ name: 'Checkout v2' }));
    expect(taken).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already a project named/) } });
    ok(await as(manager, () => actions.deleteProject({ id })));
    const [gone] = await query(handle.db, `SELECT deleted_at IS NOT NULL AS deleted FROM project WHERE id = '${id}'`);
    expect(gone?.deleted).toBe(true);
    expect(await as(manager, () => actions.applyPlanningBatch({ projectId: id, actions: [{ type: 'createWorkflow', title: 'x' }] }))).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('refuses a viewer and a bad repository address', async () => {
    expect(await as(viewer, () => actions.createProject({ name: 'Nope' }))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await as(manager, () => actions.createProject({ name: 'Nope', repoUrl: 'not a url' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: { repoUrl: expect.stringMatching(/repository address/) } },
    });
  });
});

describe('the story map', () => {
  it('creates workflows, activities and cards in order, renames and reorders them, and soft-deletes with their children', async () => {
    const projectId = await newProject('Onboarding');
    const map = await smallMap(projectId);
    expect(await cardsOf(map.a1)).toEqual([
      { title: 'Form', position: 0 },
      { title: 'Validation', position: 1 },
    ]);
    await apply(projectId, [
      { type: 'updateActivity', activityId: map.a2, title: 'Verify email', position: 0 },
      { type: 'updateCard', cardId: map.c1, title: 'Sign-up form', priority: 2, status: 'active' },
    ]);
    const activities = await query(handle.db, `SELECT title, position FROM workflow_activity WHERE workflow_id = '${map.workflowId}' ORDER BY position`);
    expect(activities).toEqual([
      { title: 'Verify email', position: 0 },
      { title: 'Enter details', position: 1 },
    ]);
    const second = (await apply(projectId, [{ type: 'createWorkflow', title: 'Sign in', position: 0 }])).results[0]!.target.workflowId;
    const flows = await query(handle.db, `SELECT id, position FROM workflow WHERE project_id = '${projectId}' ORDER BY position`);
    expect(flows.map((f) => f.id)).toEqual([second, map.workflowId]);

    await apply(projectId, [{ type: 'deleteActivity', activityId: map.a1 }]);
    const [deleted] = await query(handle.db, `SELECT count(*)::int AS n FROM card WHERE workflow_activity_id = '${map.a1}' AND deleted_at IS NOT NULL`);
    expect(deleted?.n).toBe(2);
    await apply(projectId, [{ type: 'deleteWorkflow', workflowId: map.workflowId }]);
    const [live] = await query(handle.db, `SELECT count(*)::int AS n FROM card WHERE project_id = '${projectId}' AND deleted_at IS NULL`);
    expect(live?.n).toBe(0);
  });

  it('moves a card between activities and within one; positions stay dense', async () => {
    const projectId = await newProject('Moves');
    const map = await smallMap(projectId);
    await apply(projectId, [{ type: 'reorderCard', cardId: map.c1, activityId: map.a2, position: 0 }]);
    expect(await cardsOf(map.a1)).toEqual([{ title: 'Validation', position: 0 }]);
    expect(await cardsOf(map.a2)).toEqual([
      { title: 'Form', position: 0 },
      { title: 'Send mail', position: 1 },
    ]);
    await apply(projectId, [{ type: 'reorderCard', cardId: map.c1, activityId: map.a2, position: 5 }]);
    expect((await cardsOf(map.a2)).map((c) => c.title)).toEqual(['Send mail', 'Form']);
  });

  it("refuses a card under another project's activity, in words, and logs the refusal", async () => {
    const mine = await newProject('Mine');
    const other = await newProject('Other');
    const theirs = await smallMap(other);
    const outcome = await apply(mine, [{ type: 'createCard', activityId: theirs.a1, title: 'Stray' }]);
    expect(outcome.rejected).toMatchObject({ position: 0, type: 'createCard', reason: expect.stringMatching(/no activity .* in this project/) });
    const [row] = await query(
      handle.db,
      `SELECT validation_status, rejection_reason, applied_at, actor FROM planning_action WHERE project_id = '${mine}' AND action_type = 'createCard'`,
    );
    expect(row).toMatchObject({ validation_status: 'rejected', applied_at: null, actor: `user:${managerId}` });
    // And a move of another project's card is refused the same way.
    const move = await apply(mine, [{ type: 'reorderCard', cardId: theirs.c1, activityId: theirs.a2, position: 0 }]);
    expect(move.rejected?.reason).toMatch(/no card .* in this project/);
  });
});

describe('a batch', () => {
  it('applies in order and stops at the first rejection, naming it; the actions before it stay applied', async () => {
    const projectId = await newProject('Batches');
    const map = await smallMap(projectId);
    const outcome = await apply(projectId, [
      { type: 'createCard', activityId: map.a1, title: 'Applied' },
      { type: 'updateCard', cardId: map.c2, finalized: true },
      { type: 'createCard', activityId: map.a1, title: 'Never' },
    ]);
    expect(outcome.results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    expect(outcome.rejected).toMatchObject({ position: 1, type: 'updateCard', reason: expect.stringMatching(/^Card "Validation" has no requirements/) });
    const titles = (await cardsOf(map.a1)).map((c) => c.title);
    expect(titles).toEqual(['Form', 'Validation', 'Applied']);
  });

  it('logs an unknown or malformed action as rejected, with its place', async () => {
    const projectId = await newProject('Malformed');
    const outcome = await as(manager, () =>
      actions.applyPlanningBatch({ projectId, actions: [{ type: 'createWorkflow', title: 'Fine' }, { type: 'teleportCard' }] }),
    ).then(ok);
    expect(outcome.rejected).toMatchObject({ position: 1, type: 'teleportCard', reason: 'Gantry does not know this kind of action.' });
    const [row] = await query(handle.db, `SELECT validation_status FROM planning_action WHERE project_id = '${projectId}' AND action_type = 'teleportCard'`);
    expect(row?.validation_status).toBe('rejected');
  });

  it('replayed with the same key, applies only what was not applied and answers the stored results', async () => {
    const projectId = await newProject('Replays');
    const first = await apply(projectId, [{ type: 'createWorkflow', title: 'Once' }], 'key-1');
    const again = await apply(
      projectId,
      [
        { type: 'createWorkflow', title: 'Once' },
        { type: 'createWorkflow', title: 'Then' },
      ],
      'key-1',
    );
    expect(again.results[0]).toEqual({ ...first.results[0], replayed: true });
    expect(again.results[1]).toMatchObject({ status: 'accepted', replayed: false });
    const flows = await query(handle.db, `SELECT title FROM workflow WHERE project_id = '${projectId}' ORDER BY position`);
    expect(flows.map((f) => f.title)).toEqual(['Once', 'Then']);
    const third = await apply(
      projectId,
      [
        { type: 'createWorkflow', title: 'Once' },
        { type: 'createWorkflow', title: 'Then' },
      ],
      'key-1',
    );
    expect(third.results.every((r) => r.replayed)).toBe(true);
    expect(third.sequence).toBe(again.sequence);
    // The same key for a different batch is refused, and nothing is applied.
    const other = await as(manager, () =>
      actions.applyPlanningBatch({
        projectId,
        idempotencyKey: 'key-1',
        actions: [{ type: 'deleteWorkflow', workflowId: String(first.results[0]!.target.workflowId) }],
      }),
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/used for another batch/) } });
  });

  it('replays a stored rejection instead of trying again', async () => {
    const projectId = await newProject('Replayed refusal');
    const map = await smallMap(projectId);
    const first = await apply(projectId, [{ type: 'updateCard', cardId: map.c1, finalized: true }], 'key-2');
    expect(first.rejected).not.toBeNull();
    const again = await apply(projectId, [{ type: 'updateCard', cardId: map.c1, finalized: true }], 'key-2');
    expect(again.rejected).toMatchObject({ replayed: true, reason: first.rejected!.reason });
  });

  it('refuses a stale expected sequence', async () => {
    const projectId = await newProject('Sequences');
    const result = await as(manager, () => actions.applyPlanningBatch({ projectId, expectedSequence: 0, actions: [{ type: 'createWorkflow', title: 'x' }] }));
    expect(result).toMatchObject({ ok: false, error: { code: 'stale', message: expect.stringMatching(/^Concurrent modification/) } });
  });
});

describe('a card', () => {
  it('is finalized only with a requirement; knowledge items, planned files and artifacts are kept', async () => {
    const projectId = await newProject('Cards');
    const map = await smallMap(projectId);
    const req = await apply(projectId, [
      { type: 'upsertCardKnowledgeItem', cardId: map.c1, kind: 'requirement', text: 'Email is required' },
      { type: 'upsertCardKnowledgeItem', cardId: map.c1, kind: 'question', text: 'Phone too?' },
      { type: 'upsertCardKnowledgeItem', cardId: map.c1, kind: 'fact', text: 'We use Postmark', source: 'imported' },
      { type: 'upsertCardKnowledgeItem', cardId: map.c1, kind: 'assumption', text: 'Users have email' },
    ]);
    const itemId = req.results[1]!.target.itemId as string;
    await apply(projectId, [{ type: 'upsertCardKnowledgeItem', cardId: map.c1, kind: 'question', itemId, text: 'Phone number too?', status: 'approved' }]);
    const [q] = await query(handle.db, `SELECT text, status FROM card_question WHERE id = '${itemId}'`);
    expect(q).toEqual({ text: 'Phone number too?', status: 'approved' });
    await apply(projectId, [{ type: 'upsertCardKnowledgeItem', cardId: map.c1, kind: 'question', itemId, deleted: true }]);

    const fin = await apply(projectId, [{ type: 'updateCard', cardId: map.c1, finalized: true }]);
    expect(fin.rejected).toBeNull();
    const [card] = await query(handle.db, `SELECT finalized_at IS NOT NULL AS finalized FROM card WHERE id = '${map.c1}'`);
    expect(card?.finalized).toBe(true);

    const file = await apply(projectId, [
      {
        type: 'upsertCardPlannedFile',
        cardId: map.c1,
        logicalFileName: 'app/signup/form.tsx',
        artifactKind: 'component',
        action: 'create',
        intentSummary: 'The form',
      },
    ]);
    const fileId = file.results[0]!.target.fileId as string;
    await apply(projectId, [{ type: 'upsertCardPlannedFile', cardId: map.c1, fileId, status: 'approved' }]);
    const [f] = await query(handle.db, `SELECT status FROM card_planned_file WHERE id = '${fileId}'`);
    expect(f?.status).toBe('approved');
    const badKind = await apply(projectId, [
      {
        type: 'upsertCardPlannedFile',
        cardId: map.c1,
        logicalFileName: 'x.test.ts',
        artifactKind: 'test' as 'component',
        action: 'create',
        intentSummary: 'Tests',
      },
    ]);
    expect(badKind.rejected?.reason).toMatch(/artifactKind is not valid/);

    const none = await apply(projectId, [{ type: 'createContextArtifact', name: 'Empty', artifactType: 'doc', cardId: map.c1 }]);
    expect(none.rejected?.reason).toBe('A context artifact needs its content, a URI or an integration reference.');
    const art = await apply(projectId, [{ type: 'createContextArtifact', name: 'Design', artifactType: 'design', uri: 'https://figma.com/x', cardId: map.c1 }]);
    const artifactId = art.results[0]!.target.artifactId as string;
    await apply(projectId, [{ type: 'linkContextArtifact', cardId: map.c1, artifactId, unlink: true }]);
    await apply(projectId, [{ type: 'linkContextArtifact', cardId: map.c1, artifactId }]);
    const [link] = await query(handle.db, `SELECT deleted_at IS NULL AS live, linked_by FROM card_context_artifact WHERE card_id = '${map.c1}'`);
    expect(link).toEqual({ live: true, linked_by: `user:${managerId}` });
    // The database itself refuses an artifact with no source, whoever writes it.
    await expectRefused(
      query(handle.db, `INSERT INTO context_artifact (organisation_id, project_id, name, type) VALUES ('${org}', '${projectId}', 'x', 'doc')`),
      {
        code: '23514',
        message: /context_artifact_source_check/,
      },
    );
  });

  it('the database refuses finalizing a card without requirements, whoever writes it', async () => {
    const projectId = await newProject('Raw finalize');
    const map = await smallMap(projectId);
    await expectRefused(query(handle.db, `UPDATE card SET finalized_at = now() WHERE id = '${map.c3}'`), {
      code: '23514',
      message: /^Card "Send mail" has no requirements/,
    });
  });
});
