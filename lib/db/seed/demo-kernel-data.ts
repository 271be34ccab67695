/**
 * The demo organisation's coordination kernel (seed 003) on the roadmap of
 * demo-roadmap-data.ts and the Foreman office of demo-foreman-data.ts: attempts that completed
 * with evidence, a handoff, a blocked attempt, decisions, blockers on roadmap items, an
 * attempt, a program, a wave and tasks, leases and a plan event. Times are hours relative to
 * the day the seed runs (negative: before it). Each attempt and blocker walks its history in
 * order, so the kernel's triggers check the demo as they would check real work.
 */

export const demoContracts = [
  {
    contractHash: 'sha256:4d1c0e-kernel-tables',
    compiledJson: { work: 'RI-001', goal: 'Attempts, decisions and evidence tables with their rules', checks: ['pytest tests/kernel'] },
    sourceRefsJson: ['docs/kernel.md#tables', 'CR-2025-10-02-004'],
    hours: -24 * 40,
  },
  {
    contractHash: 'sha256:9b77a2-read-write-leases',
    compiledJson: { work: 'RI-003', goal: 'Read and write leases with heartbeats and expiry', checks: ['pytest tests/kernel/test_leases.py'] },
    sourceRefsJson: ['docs/kernel.md#leases', 'CR-2025-11-04-001'],
    hours: -24 * 12,
  },
] as const;

interface DemoAttempt {
  id: string;
  workId: string;
  workerId: string;
  workerType: 'agent' | 'human';
  contractHash?: string;
  role: string;
  startedHours: number;
  handoffFrom?: string;
  handoffReason?: string;
  /** Where it ends: its outcome and when; open attempts have none. */
  end?: { outcome: 'completed' | 'blocked' | 'failed' | 'handed_off'; hours: number };
  notes?: string;
}

/** In this order: a handoff follows the attempt it takes over. */
export const demoAttempts: DemoAttempt[] = [
  {
    id: 'AT-001-1',
    workId: 'RI-001',
    workerId: 'agent:builder-1',
    workerType: 'agent',
    contractHash: 'sha256:4d1c0e-kernel-tables',
    role: 'implementer',
    startedHours: -24 * 40,
    end: { outcome: 'completed', hours: -24 * 33 },
  },
  {
    id: 'AT-002-1',
    workId: 'RI-002',
    workerId: 'agent:builder-1',
    workerType: 'agent',
    role: 'implementer',
    startedHours: -24 * 30,
    end: { outcome: 'completed', hours: -24 * 25 },
  },
  {
    id: 'AT-003-1',
    workId: 'RI-003',
    workerId: 'agent:builder-4',
    workerType: 'agent',
    contractHash: 'sha256:9b77a2-read-write-leases',
    role: 'implementer',
    startedHours: -24 * 12,
    end: { outcome: 'handed_off', hours: -24 * 9 },
  },
  {
    id: 'AT-003-2',
    workId: 'RI-003',
    workerId: 'agent:builder-2',
    workerType: 'agent',
    contractHash: 'sha256:9b77a2-read-write-leases',
    role: 'implementer',
    startedHours: -24 * 9,
    handoffFrom: 'AT-003-1',
    handoffReason: 'builder-4 moved to the burst pool; the read path is done, the write path and heartbeats remain (see notes).',
    notes: 'Read leases pass tests/kernel/test_leases.py::test_read_*; write leases next.',
  },
  { id: 'AT-008-1', workId: 'RI-008', workerId: 'agent:builder-1', workerType: 'agent', role: 'implementer', startedHours: -24 * 6 },
  {
    id: 'AT-007-1',
    workId: 'RI-007',
    workerId: 'agent:builder-3',
    workerType: 'agent',
    role: 'implementer',
    startedHours: -24 * 5,
    end: { outcome: 'blocked', hours: -24 * 4 },
  },
  { id: 'AT-102-1', workId: 'RI-102', workerId: 'agent:qa-1', workerType: 'agent', role: 'implementer', startedHours: -24 * 8 },
];

/** Typed, hashed artifacts; `content` is what the seed hashes for sha256. */
export const demoEvidence = [
  {
    id: 'EV-001-1',
    workId: 'RI-001',
    attemptId: 'AT-001-1',
    evidenceType: 'test_result',
    uri: 'artifacts/RI-001/pytest-kernel.xml',
    title: 'tests/kernel: 46 passed',
    sizeBytes: 18_432,
    createdBy: 'agent:builder-1',
    hours: -24 * 34,
  },
  {
    id: 'EV-001-2',
    workId: 'RI-001',
    attemptId: 'AT-001-1',
    evidenceType: 'diff',
    uri: 'artifacts/RI-001/migration-016.diff',
    title: 'Migration 016: kernel tables and triggers',
    sizeBytes: 9_120,
    createdBy: 'agent:builder-1',
    hours: -24 * 33.5,
  },
  {
    id: 'EV-002-1',
    workId: 'RI-002',
    attemptId: 'AT-002-1',
    evidenceType: 'document',
    uri: 'docs/kernel.md#blocker-resolution',
    title: 'Spec: evidence or waiver, strictly after the blocker',
    sizeBytes: 2_048,
    createdBy: 'ben',
    hours: -24 * 27,
  },
  {
    id: 'EV-002-2',
    workId: 'RI-002',
    attemptId: 'AT-002-1',
    evidenceType: 'test_result',
    uri: 'artifacts/RI-002/pytest-blockers.xml',
    title: 'tests/kernel/test_blockers.py: 12 passed',
    sizeBytes: 6_210,
    createdBy: 'agent:builder-1',
    hours: -24 * 25.5,
  },
  {
    id: 'EV-003-1',
    workId: 'RI-003',
    attemptId: 'AT-003-1',
    evidenceType: 'log',
    uri: 'artifacts/RI-003/handoff-notes.md',
    title: 'Handoff notes from builder-4',
    sizeBytes: 3_300,
    createdBy: 'agent:builder-4',
    hours: -24 * 9,
  },
] as const;

type Target = { workId: string; attemptId?: string } | { taskKey: string } | { waveKey: string } | { programId: string };

interface DemoBlocker {
  id: string;
  target: Target;
  reasonCode?: string;
  classification?: string;
  title?: string;
  description: string;
  needs?: string;
  severity?: 'blocking' | 'warning';
  createdBy: string;
  hours: number;
  /** Resolved blockers: when, by whom, and what was done. */
  resolution?: { hours: number; by: string; text: string; action?: string };
}

export const demoBlockers: DemoBlocker[] = [
  {
    id: 'BLK-002-1',
    target: { workId: 'RI-002', attemptId: 'AT-002-1' },
    reasonCode: 'missing_info',
    title: 'Does a waiver count if it predates the blocker?',
    description: 'The spec does not say whether evidence or waivers made before a blocker can resolve it.',
    needs: 'A rule in docs/kernel.md',
    createdBy: 'agent:builder-1',
    hours: -24 * 28,
    resolution: { hours: -24 * 26.5, by: 'ben', text: 'Only evidence or waivers made after the blocker count; spec updated (EV-002-1).' },
  },
  {
    id: 'BLK-008-1',
    target: { workId: 'RI-008', attemptId: 'AT-008-1' },
    reasonCode: 'missing_credential',
    title: 'No token for the claims test runner in CI',
    description: 'The deploy-gate tests call the claims runner, which needs a CI token nobody has issued yet.',
    needs: 'CLAIMS_RUNNER_TOKEN in CI secrets',
    severity: 'warning',
    createdBy: 'agent:builder-1',
    hours: -24 * 3,
    resolution: { hours: -24 * 2, by: 'johan', text: 'Waived: run the claims tests locally until the CI token arrives (DEC-008-waiver).' },
  },
  {
    id: 'BLK-007-1',
    target: { workId: 'RI-007', attemptId: 'AT-007-1' },
    reasonCode: 'missing_dependency',
    title: 'Graph export needs the ready queue',
    description: 'Exporting the graph reuses the queue queries of RI-006, which has not started.',
    needs: 'RI-006 merged',
    createdBy: 'agent:builder-3',
    hours: -24 * 4.5,
  },
  {
    id: 'BLK-103-1',
    target: { workId: 'RI-103' },
    reasonCode: 'missing_approval',
    title: 'Retention policy for resolution history',
    description: 'How long resolved blockers stay visible needs Johan’s sign-off.',
    needs: 'A decision from Johan',
    createdBy: 'ben',
    hours: -24 * 6,
  },
  {
    id: 'BLK-F-stall',
    target: { taskKey: 'fo-stall-alerts' },
    classification: 'builder_stall',
    description: 'integration-builder has sent no heartbeat for two hours while holding the task.',
    needs: 'A live builder on the task',
    createdBy: 'foreman',
    hours: -2,
  },
  {
    id: 'BLK-F-cycles',
    target: { taskKey: 'mc-cycle-check' },
    classification: 'architecture_qa_mismatch',
    description: 'The QA suite allows a related edge to close a loop; the architecture refuses edges of every type.',
    createdBy: 'qa-builder',
    hours: -24 * 2,
  },
  {
    id: 'BLK-F-lease-index',
    target: { taskKey: 'mc-lease-index' },
    classification: 'impossible_requirements',
    description: 'The task asks for an active-lease index whose predicate calls now(); PostgreSQL refuses non-immutable predicates.',
    createdBy: 'schema-builder',
    hours: -24 * 2,
    resolution: {
      hours: -24,
      by: 'johan',
      action: 'update_architecture',
      text: 'Dropped the time condition from the index predicate; the lease triggers compare the clock instead.',
    },
  },
  {
    id: 'BLK-F-wave',
    target: { waveKey: 'mc-3' },
    classification: 'protected_path',
    description: 'Roadmap planner tasks need to edit migrations/, a protected path for builders.',
    needs: 'An exception for migrations/ or a schema-builder task',
    createdBy: 'foreman',
    hours: -24 * 3,
  },
  {
    id: 'BLK-F-program',
    target: { programId: 'foreman-office' },
    classification: 'constitutional_violation',
    description: 'Wave 1 merged a task before its QA evidence was recorded.',
    createdBy: 'foreman',
    hours: -24 * 31,
    resolution: {
      hours: -24 * 29,
      by: 'johan',
      action: 'update_qa',
      text: 'Waived once: the QA run existed but was filed late; the gate now checks before merge.',
    },
  },
];

/**
 * In this order. waiver-by-blocker names a blocker; the escalation sends the stalled builder's
 * blocker to Johan (authority).
 */
export const demoDecisions = [
  {
    id: 'DEC-001-plan',
    workId: 'RI-001',
    decisionType: 'approval',
    authority: 'ben',
    decidedBy: 'ben',
    reason: 'Contract covers every rule in migration 016.',
    hours: -24 * 40.5,
  },
  {
    id: 'DEC-001-done',
    workId: 'RI-001',
    attemptId: 'AT-001-1',
    decisionType: 'completion_accepted',
    authority: 'ben',
    decidedBy: 'ben',
    reason: 'Tests and diff reviewed.',
    hours: -24 * 32,
  },
  {
    id: 'DEC-002-done',
    workId: 'RI-002',
    attemptId: 'AT-002-1',
    decisionType: 'completion_accepted',
    authority: 'ben',
    decidedBy: 'ben',
    reason: 'Blocker rules match the spec.',
    hours: -24 * 24,
  },
  {
    id: 'DEC-008-waiver',
    workId: 'RI-008',
    decisionType: 'waiver',
    authority: 'johan',
    decidedBy: 'johan',
    reason: 'Local claims runs are enough until CI has its token.',
    conditions: 'Re-run in CI within a week',
    hours: -24 * 2.2,
  },
  {
    id: 'DEC-F-program-waiver',
    blockerId: 'BLK-F-program',
    decisionType: 'waiver',
    authority: 'johan',
    decidedBy: 'johan',
    reason: 'The QA evidence existed; it was filed late.',
    hours: -24 * 29.5,
  },
  {
    id: 'DEC-F-stall-escalation',
    blockerId: 'BLK-F-stall',
    decisionType: 'escalation',
    authority: 'johan',
    decidedBy: 'foreman',
    reason: 'The burst builder is unreachable; only the governor can reassign burst capacity.',
    hours: -1,
  },
] as const;

/** Foreman evidence-trail entries that justify resolving a Foreman blocker. */
export const demoTrail = [
  {
    key: 'ev-kernel-lease-index-spec',
    taskKey: 'mc-lease-index',
    action: 'architecture_updated',
    actor: 'johan',
    context: { section: 'docs/kernel.md#leases-index', change: 'no now() in index predicates' },
    hours: -24 * 1.5,
  },
] as const;

export const demoCapabilities = [
  { workId: 'RI-003', capabilityId: 'python', requiredBy: 'sha256:9b77a2-read-write-leases' },
  { workId: 'RI-003', capabilityId: 'sqlite', requiredBy: 'sha256:9b77a2-read-write-leases' },
  { workId: 'RI-008', capabilityId: 'claims-runner', requiredBy: 'ben' },
] as const;

/**
 * What the demo's builders can do: between them, every capability the demo's work requires
 * (demoCapabilities), and not every builder every one, so that the ready queue's capability
 * filter has something to filter when the simulated demo builders (`npm start`) look for work.
 */
export const demoBuilderCapabilities = [
  { builderId: 'schema-builder', capabilityId: 'python' },
  { builderId: 'schema-builder', capabilityId: 'sqlite' },
  { builderId: 'qa-builder', capabilityId: 'claims-runner' },
] as const;

/** In this order: the released exclusive lease, then the write lease that holds the file now. */
export const demoLeases = [
  {
    id: 'LEASE-003-1',
    resourceType: 'file',
    resourceId: 'packages/cli/src/motus/coordination/api/lease_store.py',
    mode: 'exclusive',
    workerId: 'agent:builder-4',
    attemptId: 'AT-003-1',
    acquiredHours: -24 * 10,
    ttlSeconds: 7_200,
    releasedHours: -24 * 10 + 1.5,
  },
  {
    id: 'LEASE-003-2',
    resourceType: 'file',
    resourceId: 'packages/cli/src/motus/coordination/api/lease_store.py',
    mode: 'write',
    workerId: 'agent:builder-2',
    attemptId: 'AT-003-2',
    acquiredHours: -0.25,
    ttlSeconds: 3_600,
    releasedHours: null,
  },
] as const;

export const demoPlanEvent = {
  eventId: 'pe-2025-12-01-0001',
  idempotencyKey: 'cli:ben:RI-006:rank:1',
  actor: 'ben',
  actorType: 'user',
  source: 'motus-cli',
  eventType: 'item.reranked',
  itemId: 'RI-006',
  payload: { from_rank: 2, to_rank: 1, phase: 'phase_c' },
  expectedVersion: '3',
  conflictPolicy: 'reject',
  hours: -24 * 2,
  processResult: 'applied',
} as const;

/** LeaseStore's view of the same work: the Coordination API's lease and its latest events. */
export const demoCoordinationLease = {
  leaseId: 'lease-demo-003-2',
  ownerAgentId: 'agent:builder-2',
  mode: 'write',
  resources: [{ type: 'file', path: 'packages/cli/src/motus/coordination/api/lease_store.py' }],
  issuedHours: -0.25,
  ttlSeconds: 3_600,
  /** Renewed by the last heartbeat: five minutes from it. */
  heartbeatDeadlineHours: 4 / 60,
  snapshotId: 'snap-RI-003-0009',
  policyVersion: 'policy-2025-11',
  lensDigest: 'lens:7f3a91c2',
  workId: 'RI-003',
  attemptId: 'AT-003-2',
  events: [
    { eventId: 'evt-demo-003-2-progress', eventType: 'progress', payload: { step: 'write path', tests: '9/12' }, hours: -0.1 },
    { eventId: 'evt-demo-003-2-heartbeat', eventType: 'heartbeat', payload: { ttl_s: 300 }, hours: -1 / 60 },
  ],
} as const;
