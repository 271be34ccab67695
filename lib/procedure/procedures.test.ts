import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { getAuth } from '../auth/auth';
import { AUTH_LIBRARY_ROUTES } from '../auth/library-routes';
import { stableUuid } from '../db/seed/helpers';
import { procedureMarkOf } from './procedure';
import { procedureFiles } from './procedure-files';
import { withRequestHeaders } from './request';
import type { ActionResult } from './result';
import { createBuilder, createMember, createOrganisation, fingerprintDatabase, fingerprintOrganisation, signIn } from '../auth/test-fixtures';
import { generateApiToken, generateLinkToken } from '../organisations/token-format';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

/**
 * Every server action module (files named actions.ts under app/ and lib/) and every API route
 * (app/api/**\/route.ts) goes through the wrapper, and refuses an anonymous caller, a revoked or
 * made-up token, and a caller from another organisation, changing nothing. A new action or route
 * fails this test until it has a case below.
 */
const root = process.cwd();

/** The routes outside the wrapper, on purpose (docs/architecture.md, "The action and route wrapper"; docs/agents.md). */
const PUBLIC_ROUTES: Record<string, string> = {
  'app/api/health/route.ts': 'liveness and readiness for load balancers; reveals no data',
  'app/api/auth/[...all]/route.ts': 'the auth library’s own handler: how a visitor signs in at all',
  'app/api/v1/openapi.json/route.ts': 'the agent API’s published description, read before an agent has a token; no data',
  'app/api/docs/route.ts': 'the interactive reference page of that description; no data',
};

interface Fixtures {
  orgA: string;
  carolId: string;
  erinId: string;
  tokenAId: string;
  /** A personal token of A's owner (Alice). */
  personalTokenAId: string;
  assignmentAId: number;
  /** Open invitations to organisation A, by the invited person. */
  invitation: { dave: string; gina: string; hankId: string };
  /** An open password-reset link of a member of A (Judy). */
  resetToken: string;
  /** Row versions of organisation A's roadmap items, for actions that carry the version they saw. */
  versions: Record<string, number>;
  /** A wave and a task of A (the plan's forms), and a bug of A already in the Trash. */
  waveAId: string;
  taskAId: string;
  deletedBugAId: string;
  /** Two webhooks of A (settings → webhooks): one is edited and tested, the other turned off and deleted. */
  webhookAId: string;
  /** An entry of Alice's inbox in A: a review assigned to her. */
  inboxKeyA: string;
  otherWebhookAId: string;
  /** Saved views of A: one renamed, one deleted, one already deleted (restored). */
  savedViewAId: string;
  /** The demo planning run's pending approval (merge_pr; its required checks passed). */
  planningApprovalAId: string;
  otherSavedViewAId: string;
  deletedSavedViewAId: string;
  /** Planning projects of A (issue 18): one planned in, one deleted. */
  projectAId: string;
  otherProjectAId: string;
}

/** A row of the demo planning project (lib/db/seed/demo-planning.ts names them so). */
const planning = (name: string) => stableUuid('planning', name);

/** Alice's own password, which nobody else's is. */
const ALICE_PASSWORD = 'alice keeps her own passphrase';

/** For each action: an input aimed at organisation A's data, which A's owner may send. */
const ACTION_CASES: Record<string, (f: Fixtures) => unknown> = {
  createFirstAdmin: () => ({ name: 'Eve', email: 'eve@example.com', password: 'a long enough password' }),
  switchOrganisation: (f) => ({ organisationId: f.orgA }),
  createApiToken: () => ({ builderId: 'ui-builder', name: 'Planted token' }),
  revokeApiToken: (f) => ({ tokenId: f.tokenAId }),
  createWebhook: () => ({ name: 'Planted webhook', url: 'https://planted.example.com/hook', events: ['work.created'] }),
  updateWebhook: (f) => ({ webhookId: f.webhookAId, name: 'Planted name', url: 'https://planted.example.com/other', events: ['blocker.raised'] }),
  setWebhookEnabled: (f) => ({ webhookId: f.otherWebhookAId, enabled: false }),
  deleteWebhook: (f) => ({ webhookId: f.otherWebhookAId }),
  sendTestWebhook: (f) => ({ webhookId: f.webhookAId }),
  createPersonalApiToken: () => ({ name: 'Planted personal token' }),
  revokePersonalApiToken: (f) => ({ tokenId: f.personalTokenAId }),
  changeMemberRole: (f) => ({ userId: f.carolId, role: 'owner' }),
  moveBoardCard: () => ({ kind: 'cr', id: 'CR-2025-11-28-008', toStatus: 'in_progress', beforeId: null, afterId: null, version: 1 }),
  updateBoardCard: () => ({ kind: 'cr', id: 'CR-2025-12-01-011', version: 1, title: 'Upgrade the SQLite driver, planted' }),
  raiseBlocker: () => ({ targetType: 'program', targetId: 'foreman-office', kind: 'impossible_requirements', title: 'Planted blocker' }),
  resolveBlocker: () => ({ blockerId: 'BLK-103-1', resolution: 'Waived by the procedures test', justification: 'waiver' }),
  escalateBlocker: () => ({ blockerId: 'BLK-F-cycles', to: 'johan', reason: 'Escalated by the procedures test' }),
  countInboxUnread: () => ({}),
  markInboxEntryRead: (f) => ({ key: f.inboxKeyA }),
  markAllInboxEntriesRead: () => ({}),
  watchItem: () => ({ kind: 'program', id: 'foreman-office', watch: true }),
  findBlockerTargets: (f) => ({ organisationId: f.orgA, targetType: 'task', q: '' }),
  listResolutionEvidence: () => ({ blockerId: 'BLK-F-cycles' }),
  updateStallThreshold: (f) => ({ organisationId: f.orgA, seconds: 120 }),
  recordComplianceResult: () => ({ releaseId: 'motus-v0.2.0', standardId: 'STD-PRD-002', result: 'pass', value: '81', note: 'Re-run after more tests' }),
  // docs is not gated, so A's owner deploys; the gated pypi target is the releases tests' business.
  requestDeployment: () => ({ releaseId: 'motus-v0.2.0', target: 'docs', version: '0.2.0' }),
  createStandard: () => ({
    id: 'STD-NEW-001',
    name: 'Planted standard',
    levelKey: 'product',
    checkTypeKey: 'manual',
    failureMessage: 'Planted',
    entityType: 'product',
    entityId: 'motus',
  }),
  updateStandard: () => ({
    id: 'STD-PRD-001',
    name: 'Tests pass',
    levelKey: 'product',
    checkTypeKey: 'boolean',
    checkCommand: 'true',
    failureMessage: 'Planted',
    isBlocking: 'false',
  }),
  assignStandard: () => ({ standardId: 'STD-PRD-005', entityType: 'product', entityId: 'motus' }),
  unassignStandard: (f) => ({ assignmentId: f.assignmentAId }),
  addCharterDoc: () => ({
    id: 'charter-roadmap-v3',
    replacesId: 'charter-roadmap-v2',
    version: '3.0',
    title: 'Planted charter',
    content: '# Roadmap',
    activate: 'on',
  }),
  activateCharterDoc: () => ({ id: 'charter-roadmap-v1' }),
  addMember: () => ({ email: 'ivy@example.com', role: 'viewer' }),
  removeMember: (f) => ({ userId: f.erinId }),
  revokeInvitation: (f) => ({ invitationId: f.invitation.hankId }),
  createOrganisation: () => ({ name: 'Planted organisation' }),
  changePassword: () => ({ currentPassword: ALICE_PASSWORD, newPassword: 'a brand new passphrase' }),
  acceptInvitation: (f) => ({ token: f.invitation.dave }),
  createInvitedAccount: (f) => ({ token: f.invitation.gina, name: 'Gina', password: 'gina chooses a passphrase' }),
  issuePasswordReset: (f) => ({ userId: f.carolId }),
  resetPassword: (f) => ({ token: f.resetToken, password: 'judy sets a new passphrase' }),
  moveRoadmapItem: (f) => ({ id: 'RI-202', toPhase: 'phase_b', beforeId: null, afterId: null, version: f.versions['RI-202'] }),
  setRoadmapItemStatus: (f) => ({ id: 'RI-013', status: 'deferred', version: f.versions['RI-013'] }),
  addRoadmapDependency: () => ({ itemId: 'RI-013', dependsOnId: 'RI-011', dependencyType: 'related' }),
  removeRoadmapDependency: () => ({ itemId: 'RI-010', dependsOnId: 'RI-009' }),
  assignRoadmapItem: () => ({ itemId: 'RI-009', agentId: 'agent:builder-9', role: 'reviewer' }),
  attachRoadmapEvidence: () => ({ workId: 'RI-004', evidenceType: 'log', uri: 'artifacts/RI-004/build.log' }),
  addCrDependency: () => ({ crId: 'CR-2025-11-04-001', dependsOnId: 'CR-2025-10-02-004', dependencyType: 'related' }),
  removeCrDependency: () => ({ crId: 'CR-2025-11-20-005', dependsOnId: 'CR-2025-11-18-003' }),
  // The plan's forms (issue 15): programs/actions.ts.
  loadPlanOptions: () => ({}),
  loadPlanItem: () => ({ kind: 'product', id: 'motus' }),
  createProgram: () => ({ name: 'Planted program' }),
  updateProgram: () => ({ id: 'field-notes', name: 'Field notes, planted', typeKey: 'content', statusKey: 'active', state: 'planned' }),
  createProduct: () => ({ programId: 'motus-cli', name: 'Planted product' }),
  updateProduct: () => ({ id: 'motus-web', programId: 'motus-cli', name: 'Motus web, planted', statusKey: 'active' }),
  createFeature: () => ({ productId: 'motus', name: 'Planted feature' }),
  updateFeature: () => ({ id: 'docs-search', productId: 'motus-web', name: 'Docs search, planted', statusKey: 'planned' }),
  createRelease: () => ({ productId: 'motus', name: '9.9.9' }),
  updateRelease: () => ({ id: 'post-leases', productId: 'field-notes-blog', name: 'Planted post', typeKey: 'post', statusKey: 'pending' }),
  createChangeRequest: () => ({ productId: 'motus', title: 'Planted change request' }),
  updateChangeRequest: () => ({ id: 'CR-2025-11-30-012', title: 'Planted title', typeKey: 'enhancement', size: 'S', productId: 'motus' }),
  createBug: () => ({ featureId: 'lease-store', featureVersion: '0.2.0', title: 'Planted bug' }),
  updateBug: () => ({ id: 'BUG-2025-10-05-002', title: 'Planted bug title', featureId: 'lease-store', featureVersion: '0.1.3', severityKey: 'low' }),
  createRoadmapItem: () => ({ title: 'Planted item', phaseKey: 'phase_f', programId: 'motus-cli' }),
  updateRoadmapItem: () => ({ id: 'RI-012', title: 'Planted item title', phaseKey: 'phase_f', itemType: 'work' }),
  restoreFieldValue: () => ({ kind: 'roadmap_item', id: 'RI-012', version: 2, field: 'title' }),
  createWave: () => ({ programId: 'foreman-office', name: 'Planted wave' }),
  updateWave: (f) => ({ id: f.waveAId, name: 'Planted wave name', sequenceNumber: 90, state: 'planned' }),
  createTask: (f) => ({
    waveId: f.waveAId,
    name: 'Planted task',
    acceptanceCriteria: 'It is planted',
    architectureReference: 'docs/x.md',
    qaSuiteLocation: 'tests/',
  }),
  updateTask: (f) => ({
    id: f.taskAId,
    name: 'Planted task name',
    acceptanceCriteria: 'Planted',
    architectureReference: 'docs/x.md',
    qaSuiteLocation: 'tests/',
  }),
  deletePlanItem: () => ({ kind: 'bug', id: 'BUG-2025-09-30-006' }),
  restorePlanItem: (f) => ({ kind: 'bug', id: f.deletedBugAId }),
  // Planning runs (issue 18), against the demo project: resume the blocked heartbeat run, approve the
  // pending merge of the finished run, assign on the resumed run, cancel it, start another.
  savePlanningPolicy: () => ({ projectId: planning('motus-0.2'), requiredChecks: ['lint', 'unit'], forbiddenPaths: '.env\nsecrets/' }),
  resumePlanningAssignment: () => ({ assignmentId: planning('assignment:heartbeat') }),
  resolvePlanningApproval: (f) => ({ approvalId: f.planningApprovalAId, decision: 'approved' }),
  createPlanningAssignment: () => ({
    runId: planning('run:heartbeat'),
    cardId: planning('card:heartbeat'),
    agentRole: 'reviewer',
    agentProfile: 'api-builder',
    featureBranch: 'feat/heartbeat-review',
    allowedPaths: 'src/motus/leases',
  }),
  cancelPlanningRun: () => ({ runId: planning('run:heartbeat') }),
  startPlanningRun: () => ({ projectId: planning('motus-0.2'), scope: 'card', cardId: planning('card:write-leases') }),
  // Saved views (issue 17): views/actions.ts.
  saveSavedView: () => ({ name: 'Planted view', path: '/board', query: 'kind=cr&scope=product:motus' }),
  renameSavedView: (f) => ({ id: f.savedViewAId, name: 'Planted name' }),
  deleteSavedView: (f) => ({ id: f.otherSavedViewAId }),
  restoreSavedView: (f) => ({ id: f.deletedSavedViewAId }),
  // Planning (issue 18): planning/actions.ts.
  createProject: () => ({ name: 'Planted project' }),
  updateProject: (f) => ({ id: f.projectAId, name: 'Planted plan', repoUrl: 'https://github.com/acme/planted', defaultBranch: 'main', description: '' }),
  deleteProject: (f) => ({ id: f.otherProjectAId }),
  applyPlanningBatch: (f) => ({ projectId: f.projectAId, actions: [{ type: 'createWorkflow', title: 'Planted workflow' }] }),
};

/**
 * Actions whose credential is an invitation's one-time token in the input (access 'invitation'),
 * as a bearer token is a builder's: an anonymous caller with a made-up token is refused; with the
 * real one, the invitee is let in (the cases below).
 */
const CREDENTIAL_IN_INPUT = new Set(['acceptInvitation', 'createInvitedAccount', 'resetPassword']);

/**
 * Actions that make something new in the caller's own organisation (or a new organisation of
 * their own) rather than touch an existing row: a person of another organisation may call them,
 * for their own organisation. What must hold is that organisation A is untouched and unnamed.
 */
const CREATES_FOR_CALLER = new Set([
  'addMember',
  'createOrganisation',
  'createPersonalApiToken',
  'createProgram',
  'createProject',
  'createWebhook',
  'saveSavedView',
]);

/** Who sends each real case, where it is not A's owner. */
const REAL_CALLERS: Record<string, () => Headers> = {
  // Her session would move to the new organisation, and the later cases are about A.
  createOrganisation: () => secondOwnerOfA,
  acceptInvitation: () => dave,
  createInvitedAccount: () => anonymous,
  resetPassword: () => anonymous,
  // Only a builder token may send a builder heartbeat or open the MCP server.
  'app/api/v1/builder/heartbeat/route.ts POST': () => builderOfA,
  'app/api/mcp/route.ts POST': () => builderOfA,
};

/** For each route and method: a request for organisation A's data. */
const ROUTE_CASES: Record<string, { path: string; params: Record<string, string>; body?: unknown; headers?: Record<string, string> }> = {
  'app/api/builders/[builderId]/route.ts GET': { path: '/api/builders/ui-builder', params: { builderId: 'ui-builder' } },
  'app/api/search/route.ts GET': { path: '/api/search?q=motus', params: {} },
  'app/api/board/column/route.ts GET': { path: '/api/board/column?kind=cr&scope=product:motus&status=queue', params: {} },
  'app/api/board/changes/route.ts GET': { path: '/api/board/changes?kind=cr&scope=product:motus&since=0', params: {} },
  'app/api/board/move/route.ts POST': {
    path: '/api/board/move',
    params: {},
    headers: { 'content-type': 'application/json' },
    body: { kind: 'cr', id: 'CR-2025-11-12-002', toStatus: 'in_progress', beforeId: null, afterId: null, version: 1 },
  },
  'app/api/board/items/[kind]/[id]/route.ts GET': { path: '/api/board/items/cr/CR-2025-11-28-008', params: { kind: 'cr', id: 'CR-2025-11-28-008' } },
  'app/api/releases/[releaseId]/report/route.ts GET': { path: '/api/releases/motus-v0.2.0/report', params: { releaseId: 'motus-v0.2.0' } },
  'app/api/audit/export/route.ts GET': { path: '/api/audit/export?format=csv', params: {} },
  // Export and import (issue 17).
  'app/api/board/export/route.ts GET': { path: '/api/board/export?kind=cr&scope=product:motus&size=M', params: {} },
  'app/api/export/[list]/route.ts GET': { path: '/api/export/blockers?tab=history', params: { list: 'blockers' } },
  'app/api/import/route.ts POST': {
    path: '/api/import?kind=cr&format=json',
    params: {},
    headers: { 'content-type': 'application/json' },
    body: [{ product_id: 'motus', title: 'Planted import' }],
  },
  // The agent API (issue 14): attempts AT-PROC-* are held by A's owner (see insertAgentWork).
  'app/api/v1/work/ready/route.ts GET': { path: '/api/v1/work/ready?limit=5', params: {} },
  'app/api/v1/work/[workId]/route.ts GET': { path: '/api/v1/work/PROC-1', params: { workId: 'PROC-1' } },
  'app/api/v1/work/[workId]/claim/route.ts POST': { path: '/api/v1/work/PROC-1/claim', params: { workId: 'PROC-1' }, body: { ttlSeconds: 60 } },
  'app/api/v1/attempts/route.ts GET': { path: '/api/v1/attempts', params: {} },
  'app/api/v1/attempts/[attemptId]/heartbeat/route.ts POST': {
    path: '/api/v1/attempts/AT-PROC-2/heartbeat',
    params: { attemptId: 'AT-PROC-2' },
    body: { progress: 50 },
  },
  'app/api/v1/attempts/[attemptId]/evidence/route.ts POST': {
    path: '/api/v1/attempts/AT-PROC-3/evidence',
    params: { attemptId: 'AT-PROC-3' },
    body: { type: 'log', content: 'planted log' },
  },
  'app/api/v1/attempts/[attemptId]/complete/route.ts POST': { path: '/api/v1/attempts/AT-PROC-4/complete', params: { attemptId: 'AT-PROC-4' }, body: {} },
  'app/api/v1/attempts/[attemptId]/fail/route.ts POST': {
    path: '/api/v1/attempts/AT-PROC-5/fail',
    params: { attemptId: 'AT-PROC-5' },
    body: { reason: 'Planted failure' },
  },
  'app/api/v1/attempts/[attemptId]/hand-off/route.ts POST': {
    path: '/api/v1/attempts/AT-PROC-6/hand-off',
    params: { attemptId: 'AT-PROC-6' },
    body: { toBuilderId: 'api-builder', reason: 'Planted hand-off' },
  },
  'app/api/v1/attempts/[attemptId]/block/route.ts POST': {
    path: '/api/v1/attempts/AT-PROC-7/block',
    params: { attemptId: 'AT-PROC-7' },
    body: { reasonCode: 'missing_info', title: 'Planted blocker' },
  },
  'app/api/v1/blockers/route.ts POST': {
    path: '/api/v1/blockers',
    params: {},
    body: { targetType: 'roadmap_item', targetId: 'PROC-8', kind: 'other', title: 'Planted blocker' },
  },
  'app/api/v1/blockers/[blockerId]/resolve/route.ts POST': {
    path: '/api/v1/blockers/BLK-PROC-9/resolve',
    params: { blockerId: 'BLK-PROC-9' },
    body: { resolution: 'Waived by the procedures test', justification: 'waiver' },
  },
  'app/api/v1/releases/[releaseId]/results/route.ts POST': {
    path: '/api/v1/releases/motus-v0.2.0/results',
    params: { releaseId: 'motus-v0.2.0' },
    body: { standardId: 'STD-PRD-002', result: 'pass', value: '82' },
  },
  'app/api/v1/releases/[releaseId]/deployments/route.ts POST': {
    path: '/api/v1/releases/motus-v0.2.0/deployments',
    params: { releaseId: 'motus-v0.2.0' },
    body: { target: 'docs', version: '0.2.0' },
  },
  'app/api/v1/builder/route.ts GET': { path: '/api/v1/builder', params: {} },
  'app/api/v1/builder/heartbeat/route.ts POST': { path: '/api/v1/builder/heartbeat', params: {}, body: { message: 'Planted heartbeat' } },
  // Planning runs (issue 18): reports on the demo's finished run, as its owner.
  'app/api/v1/planning/assignments/route.ts GET': { path: '/api/v1/planning/assignments', params: {} },
  'app/api/v1/planning/assignments/[assignmentId]/executions/route.ts POST': {
    path: `/api/v1/planning/assignments/${planning('assignment:coder')}/executions`,
    params: { assignmentId: planning('assignment:coder') },
    body: { status: 'completed', summary: 'Planted execution' },
  },
  'app/api/v1/planning/assignments/[assignmentId]/commits/route.ts POST': {
    path: `/api/v1/planning/assignments/${planning('assignment:coder')}/commits`,
    params: { assignmentId: planning('assignment:coder') },
    body: { sha: 'c0ffee1234', message: 'Planted commit' },
  },
  'app/api/v1/planning/runs/[runId]/checks/route.ts POST': {
    path: `/api/v1/planning/runs/${planning('run:exclusive-lease')}/checks`,
    params: { runId: planning('run:exclusive-lease') },
    body: { checkType: 'e2e', status: 'passed' },
  },
  'app/api/v1/planning/runs/[runId]/pull-request/route.ts POST': {
    path: `/api/v1/planning/runs/${planning('run:exclusive-lease')}/pull-request`,
    params: { runId: planning('run:exclusive-lease') },
    body: { title: 'Planted title', description: 'Planted', status: 'open' },
  },
  // The change feed, replayed from the start and ended (follow=false), so that the answer ends.
  'app/api/v1/events/route.ts GET': { path: '/api/v1/events?lastEventId=0&follow=false', params: {} },
  // The MCP server: a tool call (JSON-RPC) reading A's work item.
  'app/api/mcp/route.ts POST': {
    path: '/api/mcp',
    params: {},
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_work_item', arguments: { workId: 'PROC-1' } } },
  },
};

/**
 * Agent API reads of the caller's own work (its ready queue, its attempts, itself): a caller of
 * another organisation gets its own organisation's answer. What must hold is that it learns
 * nothing of organisation A.
 */
const READS_OWN_WORK = new Set([
  'app/api/v1/planning/assignments/route.ts GET',
  'app/api/v1/work/ready/route.ts GET',
  'app/api/v1/attempts/route.ts GET',
  'app/api/v1/builder/route.ts GET',
  // The change feed: a caller of another organisation gets its own organisation's changes.
  'app/api/v1/events/route.ts GET',
  // The audit export: a caller of another organisation gets its own organisation's log.
  'app/api/audit/export/route.ts GET',
  'loadPlanOptions',
  // The inbox: every member has their own, so a caller of another organisation reads and marks theirs.
  'countInboxUnread',
  'markAllInboxEntriesRead',
  // A list's export: a caller of another organisation exports its own organisation's list.
  'app/api/export/[list]/route.ts GET',
  // The palette's search: a caller of another organisation searches their own organisation.
  'app/api/search/route.ts GET',
]);
/** Likewise a builder's heartbeat: a builder of another organisation beats for itself, in its own organisation. */
const ACTS_ON_OWN_BUILDER = new Set(['app/api/v1/builder/heartbeat/route.ts POST']);

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

type Callable = (headers: Headers, f: Fixtures) => Promise<{ ok: boolean; code?: string; text: string }>;

const { actionFiles, routeFiles } = procedureFiles();

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
        const init: RequestInit = { method, headers: { ...Object.fromEntries(headers), ...routeCase.headers } };
        if (routeCase.body !== undefined) init.body = JSON.stringify(routeCase.body);
        const response = await handler(new Request(`http://localhost${routeCase.path}`, init), { params: Promise.resolve(routeCase.params) });
        const text = await response.text();
        // The agent API answers `{ data }` or an RFC 9457 problem.
        if (response.headers.get('content-type')?.startsWith('application/problem+json')) {
          expect(response.ok, `${key}: a problem is a refusal`).toBe(false);
          return { ok: false, code: (JSON.parse(text) as { code: string }).code, text };
        }
        // The MCP server answers JSON-RPC: a refusal is a tool error carrying the problem, or a protocol error.
        if (file === 'app/api/mcp/route.ts') {
          const rpc = JSON.parse(text) as { error?: unknown; result?: { isError?: boolean; content: { text: string }[] } };
          if (rpc.error || !rpc.result) return { ok: false, code: 'invalid_input', text };
          if (rpc.result.isError) return { ok: false, code: (JSON.parse(rpc.result.content[0]!.text) as { code: string }).code, text };
          return { ok: response.ok, text };
        }
        // The change feed answers server-sent events.
        if (response.headers.get('content-type')?.startsWith('text/event-stream')) return { ok: response.ok, text };
        if (file.startsWith('app/api/v1/')) return { ok: response.ok && 'data' in (JSON.parse(text) as object), text };
        // A route may answer with a file (a CSV report) instead of JSON when it succeeds.
        if (!response.headers.get('content-type')?.startsWith('application/json')) return { ok: response.ok, text };
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
let secondOwnerOfA: Headers;
let dave: Headers;
let builderOfA: Headers;

const fingerprint = () => fingerprintDatabase(handle.db);

async function insertInvitation(organisationId: string, email: string, createdBy: string) {
  const { token, hash } = generateLinkToken();
  const [row] = await query<{ id: string }>(
    handle.db,
    `INSERT INTO invitations (organisation_id, email, role, token_hash, created_by, expires_at)
     VALUES ('${organisationId}', '${email}', 'viewer', '${hash}', '${createdBy}', now() + interval '1 day') RETURNING id`,
  );
  return { token, id: row!.id };
}

async function insertToken(organisationId: string, builderId: string, createdBy: string) {
  const { token, hash, prefix } = generateApiToken();
  const [row] = await query<{ id: string }>(
    handle.db,
    `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix, created_by)
     VALUES ('${organisationId}', '${builderId}', 'fixture', '${hash}', '${prefix}', '${createdBy}') RETURNING id`,
  );
  return { token, id: row!.id };
}

/** Work for the agent API's cases: items PROC-1…9, attempts AT-PROC-2…7 held by `userId` with live leases, a blocker on PROC-9. */
async function insertAgentWork(organisationId: string, userId: string) {
  const items = Array.from(
    { length: 9 },
    (_, i) => `('${organisationId}', 'PROC-${i + 1}', 'Agent API case ${i + 1}', 'post_launch', 'pending', 'work', ${900 + i})`,
  );
  await query(handle.db, `INSERT INTO roadmap_items (organisation_id, id, title, phase_key, status_key, item_type, rank) VALUES ${items.join(', ')}`);
  for (let i = 2; i <= 7; i++) {
    await query(
      handle.db,
      `INSERT INTO attempts (organisation_id, id, work_id, worker_id, worker_type) VALUES ('${organisationId}', 'AT-PROC-${i}', 'PROC-${i}', 'user:${userId}', 'human')`,
    );
    await query(
      handle.db,
      `INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, attempt_id, ttl_seconds, expires_at)
       VALUES ('${organisationId}', 'LS-PROC-${i}', 'work_item', 'PROC-${i}', 'exclusive', 'user:${userId}', 'AT-PROC-${i}', 3600, now() + interval '1 hour')`,
    );
  }
  await query(
    handle.db,
    `INSERT INTO evidence (organisation_id, id, work_id, attempt_id, evidence_type, uri, sha256, created_by)
     VALUES ('${organisationId}', 'EV-PROC-4', 'PROC-4', 'AT-PROC-4', 'log', 'https://ci.example.com/4', '${'a'.repeat(64)}', 'user:${userId}')`,
  );
  await query(
    handle.db,
    `INSERT INTO blockers (organisation_id, id, work_id, reason_code, severity, title, description, created_by)
     VALUES ('${organisationId}', 'BLK-PROC-9', 'PROC-9', 'missing_info', 'blocking', 'Needs a decision', 'Needs a decision', 'test')`,
  );
}

async function insertPersonalToken(organisationId: string, userId: string) {
  const { token, hash, prefix } = generateApiToken();
  const [row] = await query<{ id: string }>(
    handle.db,
    `INSERT INTO api_tokens (organisation_id, user_id, name, token_hash, token_prefix, created_by)
     VALUES ('${organisationId}', '${userId}', 'personal', '${hash}', '${prefix}', '${userId}') RETURNING id`,
  );
  return { token, id: row!.id };
}

beforeAll(async () => {
  const demo = await openAttachedDemoDatabase();
  handle = demo.handle;
  const orgA = demo.organisationId;
  const orgB = await createOrganisation(handle.db, 'beta');
  await createBuilder(handle.db, orgB, 'beta-builder');
  const aliceId = await createMember(handle.db, 'alice@example.com', [[orgA, 'owner']], ALICE_PASSWORD);
  await createMember(handle.db, 'frank@example.com', [[orgA, 'owner']]);
  const carolId = await createMember(handle.db, 'carol@example.com', [[orgA, 'viewer']]);
  const erinId = await createMember(handle.db, 'erin@example.com', [[orgA, 'viewer']]);
  const bobId = await createMember(handle.db, 'bob@example.com', [[orgB, 'owner']]);
  // An account of no organisation yet, invited to A.
  await createMember(handle.db, 'dave@example.com', []);
  const tokenA = await insertToken(orgA, 'ui-builder', aliceId);
  const tokenB = await insertToken(orgB, 'beta-builder', bobId);
  const personalA = await insertPersonalToken(orgA, aliceId);
  const revokedB = await insertToken(orgB, 'beta-builder', bobId);
  await query(handle.db, `UPDATE api_tokens SET revoked_at = now(), revoked_by = '${bobId}' WHERE id = '${revokedB.id}'`);

  const [assignment] = await query<{ id: number }>(
    handle.db,
    `SELECT id FROM standard_assignments WHERE organisation_id = '${orgA}' AND entity_id = 'post-leases'`,
  );
  const invitation = {
    dave: (await insertInvitation(orgA, 'dave@example.com', aliceId)).token,
    gina: (await insertInvitation(orgA, 'gina@example.com', aliceId)).token,
    hankId: (await insertInvitation(orgA, 'hank@example.com', aliceId)).id,
  };

  const judyId = await createMember(handle.db, 'judy@example.com', [[orgA, 'viewer']]);
  const reset = generateLinkToken();
  await query(
    handle.db,
    `INSERT INTO password_resets (organisation_id, user_id, token_hash, created_by, expires_at)
     VALUES ('${orgA}', '${judyId}', '${reset.hash}', '${aliceId}', now() + interval '1 hour')`,
  );

  await insertAgentWork(orgA, aliceId);

  const versions = await query<{ id: string; row_version: number }>(handle.db, `SELECT id, row_version FROM roadmap_items WHERE organisation_id = '${orgA}'`);
  const [plan] = await query<{ wave: string; task: string }>(
    handle.db,
    `SELECT wave_id AS wave, task_id AS task FROM tasks WHERE organisation_id = '${orgA}' AND deleted_at IS NULL ORDER BY created_at LIMIT 1`,
  );
  const [deletedBug] = await query<{ id: string }>(
    handle.db,
    `UPDATE bugs SET deleted_at = now() WHERE organisation_id = '${orgA}' AND id = (SELECT id FROM bugs WHERE organisation_id = '${orgA}'
       AND id NOT IN ('BUG-2025-09-30-006', 'BUG-2025-10-05-002') ORDER BY id LIMIT 1) RETURNING id`,
  );
  const [webhook, otherWebhook] = await query<{ id: string }>(
    handle.db,
    `INSERT INTO webhooks (organisation_id, name, url, secret, events, created_by, updated_by)
     VALUES ('${orgA}', 'fixture', 'https://ci.example.com/gantry', 'whsec_${'f'.repeat(64)}', '{work.created}', '${aliceId}', '${aliceId}'),
            ('${orgA}', 'fixture 2', 'https://ci.example.com/other', 'whsec_${'e'.repeat(64)}', '{blocker.raised}', '${aliceId}', '${aliceId}')
     RETURNING id`,
  );
  await query(
    handle.db,
    `INSERT INTO roadmap_items (organisation_id, id, title, phase_key, status_key) VALUES ('${orgA}', 'INBOX-1', 'Review me', 'phase_a', 'pending')`,
  );
  const [review] = await query<{ id: number }>(
    handle.db,
    `INSERT INTO roadmap_assignments (organisation_id, item_id, agent_id, role) VALUES ('${orgA}', 'INBOX-1', 'user:${aliceId}', 'reviewer') RETURNING id`,
  );
  const [savedView, otherSavedView, deletedSavedView] = await query<{ id: string }>(
    handle.db,
    `INSERT INTO saved_views (organisation_id, name, path, query, created_by, updated_by, deleted_at, deleted_by)
     VALUES ('${orgA}', 'Motus queue', '/board', 'kind=cr&scope=product:motus', 'user:${aliceId}', 'user:${aliceId}', NULL, NULL),
            ('${orgA}', 'Open blockers', '/blockers', '', 'user:${aliceId}', 'user:${aliceId}', NULL, NULL),
            ('${orgA}', 'Old view', '/releases', 'verdict=blocked', 'user:${aliceId}', 'user:${aliceId}', now(), 'user:${aliceId}')
     RETURNING id`,
  );
  const [planningApproval] = await query<{ id: string }>(
    handle.db,
    `SELECT id FROM approval_request WHERE organisation_id = '${orgA}' AND run_id = '${planning('run:exclusive-lease')}' AND status = 'pending'`,
  );
  const [projectA, otherProjectA] = await query<{ id: string }>(
    handle.db,
    `INSERT INTO project (organisation_id, name) VALUES ('${orgA}', 'Fixture plan'), ('${orgA}', 'Fixture plan 2') RETURNING id`,
  );
  fixtures = {
    planningApprovalAId: planningApproval!.id,
    projectAId: projectA!.id,
    otherProjectAId: otherProjectA!.id,
    savedViewAId: savedView!.id,
    otherSavedViewAId: otherSavedView!.id,
    deletedSavedViewAId: deletedSavedView!.id,
    inboxKeyA: `review:${review!.id}`,
    orgA,
    webhookAId: webhook!.id,
    otherWebhookAId: otherWebhook!.id,
    carolId,
    erinId,
    tokenAId: tokenA.id,
    personalTokenAId: personalA.id,
    assignmentAId: Number(assignment!.id),
    invitation,
    resetToken: reset.token,
    versions: Object.fromEntries(versions.map((v) => [v.id, Number(v.row_version)])),
    waveAId: plan!.wave,
    taskAId: plan!.task,
    deletedBugAId: deletedBug!.id,
  };
  anonymous = new Headers();
  madeUpToken = new Headers({ authorization: `Bearer ${generateApiToken().token}` });
  otherOrganisation = {
    'the owner of another organisation': await signIn('bob@example.com'),
    'a builder token of another organisation': new Headers({ authorization: `Bearer ${tokenB.token}` }),
    'a revoked token of another organisation': new Headers({ authorization: `Bearer ${revokedB.token}` }),
  };
  ownerOfA = await signIn('alice@example.com', ALICE_PASSWORD);
  secondOwnerOfA = await signIn('frank@example.com');
  dave = await signIn('dave@example.com');
  // Its own token: tokenA is revoked by the revokeApiToken case before the real cases run.
  builderOfA = new Headers({ authorization: `Bearer ${(await insertToken(orgA, 'api-builder', aliceId)).token}` });
});
afterAll(() => closeAttachedDatabase(handle));

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

  it('keeps the public routes to the documented ones, reading only', async () => {
    for (const file of ['app/api/health/route.ts', 'app/api/v1/openapi.json/route.ts', 'app/api/docs/route.ts']) {
      const route = (await import(path.join(root, file))) as Record<string, unknown>;
      expect(
        Object.keys(route).filter((k) => HTTP_METHODS.includes(k)),
        file,
      ).toEqual(['GET']);
    }
  });
});

describe.each(procedures.map((p) => [p.label, p] as const))('%s', (_label, procedure) => {
  const forged = CREDENTIAL_IN_INPUT.has(procedure.exportName);
  // A made-up invitation token in place of the real one.
  const withForgedToken = (f: Fixtures): Fixtures => ({
    ...f,
    invitation: { ...f.invitation, dave: generateLinkToken().token, gina: generateLinkToken().token },
    resetToken: generateLinkToken().token,
  });

  const refusedUnchanged = async (headers: Headers, codes: string[], f = fixtures) => {
    const before = await fingerprint();
    const result = await procedure.call(headers, f);
    expect(result.ok, result.text).toBe(false);
    expect(codes, result.text).toContain(result.code);
    expect(await fingerprint()).toEqual(before);
    return result;
  };

  it('refuses an anonymous caller, and nothing changes', async () => {
    await refusedUnchanged(anonymous, ['unauthenticated', 'setup_done'], forged ? withForgedToken(fixtures) : fixtures);
  });

  it('refuses a made-up API token, and nothing changes', async () => {
    await refusedUnchanged(madeUpToken, ['unauthenticated', 'setup_done'], forged ? withForgedToken(fixtures) : fixtures);
  });

  it('refuses callers of another organisation, and nothing changes', async () => {
    for (const [who, headers] of Object.entries(otherOrganisation)) {
      if (READS_OWN_WORK.has(procedure.exportName) || ACTS_ON_OWN_BUILDER.has(procedure.exportName)) {
        const before = await fingerprintOrganisation(handle.db, fixtures.orgA);
        const result = await procedure.call(headers, fixtures);
        if (!result.ok) expect(['unauthenticated', 'forbidden'], result.text).toContain(result.code);
        expect(result.text, `${who} must learn nothing of organisation A`).not.toMatch(new RegExp(`${fixtures.orgA}|PROC-|RI-0|ui-builder|motus`));
        expect(await fingerprintOrganisation(handle.db, fixtures.orgA), `${who} must change nothing of organisation A`).toEqual(before);
        continue;
      }
      if (CREATES_FOR_CALLER.has(procedure.exportName) && who === 'the owner of another organisation') {
        const before = await fingerprintOrganisation(handle.db, fixtures.orgA);
        const result = await procedure.call(headers, fixtures);
        expect(result.text, `${who} must learn nothing of organisation A`).not.toContain(fixtures.orgA);
        expect(await fingerprintOrganisation(handle.db, fixtures.orgA), `${who} must change nothing of organisation A`).toEqual(before);
        continue;
      }
      const result = await refusedUnchanged(headers, ['unauthenticated', 'forbidden', 'not_found', 'setup_done']);
      expect(result.text, `${who} must learn nothing of organisation A`).not.toContain(fixtures.orgA);
    }
  });
});

describe("the auth library's routes", () => {
  type LibraryEndpoint = { path?: string; options?: { metadata?: { SERVER_ONLY?: boolean } } };
  const libraryEndpoints = async () =>
    Object.entries((await getAuth()).api as unknown as Record<string, LibraryEndpoint>).map(([name, endpoint]) => ({
      name,
      path: endpoint.path,
      serverOnly: endpoint.options?.metadata?.SERVER_ONLY === true,
    }));
  const authRoute = async () =>
    (await import(path.join(root, 'app/api/auth/[...all]/route.ts'))) as Record<'GET' | 'POST', (request: Request) => Promise<Response>>;
  const request = async (method: 'GET' | 'POST', route: string, headers: Headers, body: unknown = {}) => {
    const base = (await getAuth()).options.baseURL as string;
    const url = new URL(`/api/auth${route.replace(/:\w+/g, 'x')}`, base);
    const sent = new Headers(headers);
    sent.set('origin', url.origin);
    if (method === 'POST') sent.set('content-type', 'application/json');
    return new Request(url, { method, headers: sent, ...(method === 'POST' ? { body: JSON.stringify(body) } : {}) });
  };

  it('classifies every endpoint the library has, and only those (an upgrade that adds one fails here)', async () => {
    const endpoints = await libraryEndpoints();
    expect(endpoints.length).toBeGreaterThanOrEqual(30);
    // An endpoint without a path is callable from server code only, never over HTTP.
    expect(endpoints.filter((e) => !e.path && !e.serverOnly).map((e) => e.name)).toEqual([]);
    const routed = endpoints.flatMap((e) => (e.path ? [e.path] : [])).sort();
    expect(Object.keys(AUTH_LIBRARY_ROUTES).sort()).toEqual(routed);
  });

  it('serves sign-in, sign-out and the session, nothing else', () => {
    expect(
      Object.entries(AUTH_LIBRARY_ROUTES)
        .filter(([, r]) => r.served)
        .map(([p]) => p)
        .sort(),
    ).toEqual(['/get-session', '/sign-in/email', '/sign-out']);
  });

  it('answers 404 to every other endpoint, for a signed-in owner, by GET and POST, and nothing changes', async () => {
    const route = await authRoute();
    const before = await fingerprint();
    const disabled = Object.keys(AUTH_LIBRARY_ROUTES).filter((p) => !AUTH_LIBRARY_ROUTES[p]!.served);
    for (const libraryPath of disabled) {
      for (const method of ['GET', 'POST'] as const) {
        const body = {
          name: 'ben',
          email: 'ben@example.com',
          newEmail: 'mallory@example.com',
          newPassword: 'a takeover passphrase',
          currentPassword: ALICE_PASSWORD,
          password: ALICE_PASSWORD,
        };
        const response = await route[method](await request(method, libraryPath, ownerOfA, body));
        expect(response.status, `${method} ${libraryPath}`).toBe(404);
      }
      // The library itself refuses it too (its disabledPaths), where the path has no parameter.
      if (!libraryPath.includes(':')) {
        const direct = await (await getAuth()).handler(await request('POST', libraryPath, ownerOfA, { name: 'agent:builder-1' }));
        expect(direct.status, `library POST ${libraryPath}`).toBe(404);
      }
    }
    // Extra slashes, a trailing slash or another case do not reach it either.
    for (const trick of ['//update-user', '/update-user/', '/Update-User', '/update-user//']) {
      expect((await route.POST(await request('POST', trick, ownerOfA, { name: 'ben' }))).status, trick).toBe(404);
    }
    expect(await fingerprint()).toEqual(before);
    const [alice] = await query<{ name: string }>(handle.db, `SELECT name FROM "user" WHERE email = 'alice@example.com'`);
    expect(alice).toEqual({ name: 'alice' });
  });

  it('still serves the session to its owner, and only by GET', async () => {
    const route = await authRoute();
    const response = await route.GET(await request('GET', '/get-session', ownerOfA));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { email: string } }).user.email).toBe('alice@example.com');
    expect((await route.POST(await request('POST', '/get-session', ownerOfA))).status).toBe(404);
    expect((await route.GET(await request('GET', '/sign-in/email', anonymous))).status).toBe(404);
  });
});

describe('the cases are real', () => {
  // Run last: these change organisation A. First-admin set-up is closed once any account exists.
  it.each(procedures.filter((p) => p.exportName !== 'createFirstAdmin').map((p) => [p.label, p] as const))(
    '%s succeeds for organisation A’s own owner (or the invitee)',
    async (_label, procedure) => {
      const result = await procedure.call(REAL_CALLERS[procedure.exportName]?.() ?? ownerOfA, fixtures);
      expect(result.ok, result.text).toBe(true);
    },
  );
});
