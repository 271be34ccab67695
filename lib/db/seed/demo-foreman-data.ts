/**
 * The demo organisation's Foreman office (seed 001): three waves each for the programs
 * foreman-office and motus-cli, tasks in every state, five builders (one of them stale),
 * heartbeats, evidence, a governance violation, architecture validations and QA runs.
 * Rows are named by keys; the seed turns each key into a stable uuid. Times are minutes
 * (heartbeats) or days (everything else) before the day the seed runs.
 */

export const demoWaves = [
  { key: 'fo-1', programId: 'foreman-office', sequenceNumber: 1, name: 'Office foundations', state: 'completed', dependsOn: [] },
  { key: 'fo-2', programId: 'foreman-office', sequenceNumber: 2, name: 'Builder fleet and heartbeats', state: 'in-progress', dependsOn: ['fo-1'] },
  { key: 'fo-3', programId: 'foreman-office', sequenceNumber: 3, name: 'QA gates and the blocker desk', state: 'planned', dependsOn: ['fo-2'] },
  { key: 'mc-1', programId: 'motus-cli', sequenceNumber: 1, name: 'Kernel ledger', state: 'completed', dependsOn: [] },
  { key: 'mc-2', programId: 'motus-cli', sequenceNumber: 2, name: 'Leases', state: 'in-progress', dependsOn: ['mc-1'] },
  { key: 'mc-3', programId: 'motus-cli', sequenceNumber: 3, name: 'Roadmap planner', state: 'blocked', dependsOn: ['mc-1', 'mc-2'] },
] as const;

type TaskState = 'planned' | 'assigned' | 'in-progress' | 'blocked' | 'completed' | 'failed';

interface DemoTask {
  key: string;
  wave: (typeof demoWaves)[number]['key'];
  name: string;
  architectureReference: string;
  qaSuiteLocation: string;
  acceptanceCriteria: string;
  assignedBuilder: string | null;
  state: TaskState;
  progressPercentage: number;
  /** Days before today; null when not started or not completed. */
  startedDays: number | null;
  completedDays: number | null;
}

export const demoTasks: DemoTask[] = [
  {
    key: 'fo-schema',
    wave: 'fo-1',
    name: 'Programs, waves and tasks schema',
    architectureReference: 'docs/architecture/foreman/schema.md',
    qaSuiteLocation: 'tests/foreman/schema.test.ts',
    acceptanceCriteria: 'Every table, CHECK and index of the schema spec exists; progress rolls up.',
    assignedBuilder: 'schema-builder',
    state: 'completed',
    progressPercentage: 100,
    startedDays: 40,
    completedDays: 36,
  },
  {
    key: 'fo-dashboard',
    wave: 'fo-1',
    name: 'Office dashboard shell',
    architectureReference: 'docs/architecture/foreman/dashboard.md',
    qaSuiteLocation: 'tests/foreman/dashboard.spec.ts',
    acceptanceCriteria: 'Active program card, builders panel and running tasks render with empty, loading and error states.',
    assignedBuilder: 'ui-builder',
    state: 'completed',
    progressPercentage: 100,
    startedDays: 38,
    completedDays: 31,
  },
  {
    key: 'fo-evidence-api',
    wave: 'fo-1',
    name: 'Evidence trail API',
    architectureReference: 'docs/architecture/foreman/evidence.md#api',
    qaSuiteLocation: 'tests/foreman/evidence-api.test.ts',
    acceptanceCriteria: 'Append-only entries per program, wave, task and builder; newest first.',
    assignedBuilder: 'api-builder',
    state: 'completed',
    progressPercentage: 100,
    startedDays: 35,
    completedDays: 30,
  },
  {
    key: 'fo-heartbeat-ingest',
    wave: 'fo-2',
    name: 'Heartbeat ingest endpoint',
    architectureReference: 'docs/architecture/foreman/heartbeats.md#ingest',
    qaSuiteLocation: 'tests/foreman/heartbeats/ingest.test.ts',
    acceptanceCriteria: 'A builder posts status and progress every 30–300 s; the last heartbeat is one index probe.',
    assignedBuilder: 'api-builder',
    state: 'in-progress',
    progressPercentage: 60,
    startedDays: 6,
    completedDays: null,
  },
  {
    key: 'fo-builders-panel',
    wave: 'fo-2',
    name: 'Builders panel',
    architectureReference: 'docs/architecture/foreman/dashboard.md#builders',
    qaSuiteLocation: 'tests/foreman/builders-panel.spec.ts',
    acceptanceCriteria: 'Each builder shows state, backend, model and time since its last heartbeat.',
    assignedBuilder: 'ui-builder',
    state: 'in-progress',
    progressPercentage: 35,
    startedDays: 4,
    completedDays: null,
  },
  {
    key: 'fo-stall-alerts',
    wave: 'fo-2',
    name: 'Stall alerts for burst builders',
    architectureReference: 'docs/architecture/foreman/heartbeats.md#stalls',
    qaSuiteLocation: 'tests/foreman/heartbeats/stalls.test.ts',
    acceptanceCriteria: 'A builder silent past its stall threshold raises a builder_stall blocker.',
    assignedBuilder: 'integration-builder',
    state: 'blocked',
    progressPercentage: 20,
    startedDays: 3,
    completedDays: null,
  },
  {
    key: 'fo-heartbeat-retention',
    wave: 'fo-2',
    name: 'Heartbeat retention job',
    architectureReference: 'docs/architecture/foreman/heartbeats.md#retention',
    qaSuiteLocation: 'tests/foreman/heartbeats/retention.test.ts',
    acceptanceCriteria: 'Heartbeats older than 30 days are pruned in batches without locking ingest.',
    assignedBuilder: 'schema-builder',
    state: 'assigned',
    progressPercentage: 0,
    startedDays: null,
    completedDays: null,
  },
  {
    key: 'fo-qa-history',
    wave: 'fo-3',
    name: 'QA run history on the task page',
    architectureReference: 'docs/architecture/foreman/tasks.md#qa',
    qaSuiteLocation: 'tests/foreman/task-qa.spec.ts',
    acceptanceCriteria: 'RED, PARTIAL and GREEN runs with counts and failing tests, newest first.',
    assignedBuilder: null,
    state: 'planned',
    progressPercentage: 0,
    startedDays: null,
    completedDays: null,
  },
  {
    key: 'fo-blocker-dialog',
    wave: 'fo-3',
    name: 'Blocker resolution dialog',
    architectureReference: 'docs/architecture/foreman/blockers.md#resolve',
    qaSuiteLocation: 'tests/foreman/blocker-dialog.spec.ts',
    acceptanceCriteria: 'Resolve with an action and notes of at least 10 characters, or escalate.',
    assignedBuilder: null,
    state: 'planned',
    progressPercentage: 0,
    startedDays: null,
    completedDays: null,
  },
  {
    key: 'mc-attempts',
    wave: 'mc-1',
    name: 'Attempts and evidence tables',
    architectureReference: 'docs/kernel.md#attempts',
    qaSuiteLocation: 'tests/kernel/test_attempts.py',
    acceptanceCriteria: 'No double claim; completion requires evidence.',
    assignedBuilder: 'schema-builder',
    state: 'completed',
    progressPercentage: 100,
    startedDays: 60,
    completedDays: 52,
  },
  {
    key: 'mc-record-evidence',
    wave: 'mc-1',
    name: 'record_evidence() in the CLI',
    architectureReference: 'docs/kernel.md#evidence',
    qaSuiteLocation: 'tests/cli/test_record_evidence.py',
    acceptanceCriteria: 'Typed, hashed artifacts attached to the current attempt.',
    assignedBuilder: 'api-builder',
    state: 'completed',
    progressPercentage: 100,
    startedDays: 55,
    completedDays: 50,
  },
  {
    key: 'mc-lease-suite',
    wave: 'mc-2',
    name: 'Lease conflict test suite',
    architectureReference: 'docs/kernel.md#leases',
    qaSuiteLocation: 'tests/kernel/test_leases.py',
    acceptanceCriteria: 'Exclusive, write and read leases conflict exactly as the kernel spec says.',
    assignedBuilder: 'qa-builder',
    state: 'in-progress',
    progressPercentage: 80,
    startedDays: 5,
    completedDays: null,
  },
  {
    key: 'mc-lease-index',
    wave: 'mc-2',
    name: 'Active-lease index without now()',
    architectureReference: 'docs/kernel.md#leases-index',
    qaSuiteLocation: 'tests/kernel/test_lease_index.py',
    acceptanceCriteria: 'Inserting a lease works; the index predicate is immutable.',
    assignedBuilder: 'schema-builder',
    state: 'failed',
    progressPercentage: 40,
    startedDays: 7,
    completedDays: null,
  },
  {
    key: 'mc-ready-queue',
    wave: 'mc-3',
    name: 'Ready queue view',
    architectureReference: 'docs/roadmap.md#ready',
    qaSuiteLocation: 'tests/roadmap/test_ready.py',
    acceptanceCriteria: 'Pending items with every blocking dependency completed, by phase and rank.',
    assignedBuilder: null,
    state: 'planned',
    progressPercentage: 0,
    startedDays: null,
    completedDays: null,
  },
  {
    key: 'mc-cycle-check',
    wave: 'mc-3',
    name: 'Dependency cycle check',
    architectureReference: 'docs/roadmap.md#cycles',
    qaSuiteLocation: 'tests/roadmap/test_cycles.py',
    acceptanceCriteria: 'Any edge that closes a loop is refused, related edges included.',
    assignedBuilder: 'integration-builder',
    state: 'blocked',
    progressPercentage: 10,
    startedDays: 2,
    completedDays: null,
  },
];

/** One builder of each kind; integration-builder has gone quiet for two hours (stale). */
export const demoBuilders = [
  {
    builderId: 'ui-builder',
    builderTypeKey: 'ui',
    backendType: 'local',
    state: 'active',
    currentTask: 'fo-builders-panel',
    provenance: { model: 'qwen2.5-coder-32b', escalation_rationale: null },
    heartbeatMinutes: [1, 2, 3],
  },
  {
    builderId: 'api-builder',
    builderTypeKey: 'api',
    backendType: 'hosted',
    state: 'active',
    currentTask: 'fo-heartbeat-ingest',
    provenance: { model: 'claude-sonnet-4.5', escalation_rationale: null },
    heartbeatMinutes: [0.5, 1.5, 2.5],
  },
  {
    builderId: 'schema-builder',
    builderTypeKey: 'schema',
    backendType: 'local',
    state: 'idle',
    currentTask: null,
    provenance: { model: 'qwen2.5-coder-32b', escalation_rationale: null },
    heartbeatMinutes: [4, 9],
  },
  {
    builderId: 'integration-builder',
    builderTypeKey: 'integration',
    backendType: 'burst',
    state: 'active',
    currentTask: 'fo-stall-alerts',
    provenance: { model: 'gpt-4.1', escalation_rationale: 'Burst capacity for the wave 2 deadline' },
    heartbeatMinutes: [121, 122, 124],
  },
  {
    builderId: 'qa-builder',
    builderTypeKey: 'qa',
    backendType: 'hosted',
    state: 'active',
    currentTask: 'mc-lease-suite',
    provenance: { model: 'claude-sonnet-4.5', escalation_rationale: null },
    heartbeatMinutes: [1, 2],
  },
] as const;

export const demoHeartbeatMessages: Record<string, string> = {
  'ui-builder': 'Rendering the heartbeat age column',
  'api-builder': 'Validating heartbeat payloads',
  'schema-builder': 'Waiting for work',
  'integration-builder': 'Waiting on the burst queue for a test runner',
  'qa-builder': 'Running lease conflict cases',
};

type EntityType = 'program' | 'wave' | 'task' | 'builder';

/** entity: a program id or builder id as is, or a wave or task key. */
export const demoEvidence: {
  key: string;
  entityType: EntityType;
  entity: string;
  action: string;
  actor: string;
  backend: 'local' | 'hosted' | 'burst' | null;
  model: string | null;
  context: Record<string, unknown>;
  days: number;
}[] = [
  {
    key: 'ev-fo-plan',
    entityType: 'program',
    entity: 'foreman-office',
    action: 'plan_approved',
    actor: 'johan',
    backend: null,
    model: null,
    context: { waves: 3, checklist: 'all four items confirmed' },
    days: 42,
  },
  {
    key: 'ev-fo-1-done',
    entityType: 'wave',
    entity: 'fo-1',
    action: 'wave_completed',
    actor: 'foreman',
    backend: null,
    model: null,
    context: { tasks: 3, qa: 'GREEN' },
    days: 30,
  },
  {
    key: 'ev-fo-schema-qa',
    entityType: 'task',
    entity: 'fo-schema',
    action: 'qa_green',
    actor: 'qa-builder',
    backend: 'hosted',
    model: 'claude-sonnet-4.5',
    context: { passing: 24, total: 24 },
    days: 36,
  },
  {
    key: 'ev-ingest-started',
    entityType: 'task',
    entity: 'fo-heartbeat-ingest',
    action: 'task_started',
    actor: 'api-builder',
    backend: 'hosted',
    model: 'claude-sonnet-4.5',
    context: { architecture: 'READY' },
    days: 6,
  },
  {
    key: 'ev-burst',
    entityType: 'builder',
    entity: 'integration-builder',
    action: 'escalated_to_burst',
    actor: 'foreman',
    backend: 'burst',
    model: 'gpt-4.1',
    context: { reason: 'Wave 2 behind plan by 3 days' },
    days: 3,
  },
  {
    key: 'ev-lease-index-failed',
    entityType: 'task',
    entity: 'mc-lease-index',
    action: 'build_failed',
    actor: 'schema-builder',
    backend: 'local',
    model: 'qwen2.5-coder-32b',
    context: { error: 'functions in index predicate must be marked IMMUTABLE' },
    days: 1,
  },
  {
    key: 'ev-mc-plan',
    entityType: 'program',
    entity: 'motus-cli',
    action: 'plan_approved',
    actor: 'ben',
    backend: null,
    model: null,
    context: { waves: 3 },
    days: 65,
  },
];

export const demoViolations = [
  {
    key: 'gv-protected-path',
    task: 'mc-lease-index',
    builderId: 'schema-builder',
    violationType: 'protected_path',
    description: 'Edited .github/workflows/ci.yml, outside the paths the task allows, to skip the failing index test.',
    days: 1,
    resolution: null,
    resolvedDays: null,
  },
] as const;

export const demoValidations = [
  {
    key: 'av-ingest',
    task: 'fo-heartbeat-ingest',
    architectureReference: 'docs/architecture/foreman/heartbeats.md#ingest',
    passRate: 100,
    buildReadiness: 'READY',
    results: { checks: 8, passed: 8 },
    days: 6,
  },
  {
    key: 'av-stalls',
    task: 'fo-stall-alerts',
    architectureReference: 'docs/architecture/foreman/heartbeats.md#stalls',
    passRate: 62.5,
    buildReadiness: 'NOT_READY',
    results: { checks: 8, passed: 5, missing: ['stall threshold per builder', 'escalation path', 'clock skew'] },
    days: 3,
  },
  {
    key: 'av-lease-suite',
    task: 'mc-lease-suite',
    architectureReference: 'docs/kernel.md#leases',
    passRate: 91.67,
    buildReadiness: 'READY',
    results: { checks: 12, passed: 11 },
    days: 5,
  },
  {
    key: 'av-qa-history',
    task: 'fo-qa-history',
    architectureReference: 'docs/architecture/foreman/tasks.md#qa',
    passRate: 40,
    buildReadiness: 'NOT_READY',
    results: { checks: 5, passed: 2 },
    days: 1,
  },
] as const;

export const demoQaExecutions = [
  { key: 'qa-schema-green', task: 'fo-schema', total: 24, passing: 24, failing: 0, skipped: 0, debt: 0, status: 'GREEN', days: 36, ms: 4_210 },
  { key: 'qa-ingest-red', task: 'fo-heartbeat-ingest', total: 12, passing: 0, failing: 12, skipped: 0, debt: 0, status: 'RED', days: 6, ms: 1_870 },
  { key: 'qa-ingest-partial', task: 'fo-heartbeat-ingest', total: 12, passing: 8, failing: 3, skipped: 1, debt: 1, status: 'PARTIAL', days: 1, ms: 2_340 },
  { key: 'qa-lease-suite-partial', task: 'mc-lease-suite', total: 18, passing: 14, failing: 2, skipped: 2, debt: 2, status: 'PARTIAL', days: 1, ms: 9_600 },
  { key: 'qa-lease-index-red', task: 'mc-lease-index', total: 3, passing: 0, failing: 3, skipped: 0, debt: 0, status: 'RED', days: 1, ms: 730 },
  {
    key: 'qa-record-evidence-green',
    task: 'mc-record-evidence',
    total: 31,
    passing: 31,
    failing: 0,
    skipped: 0,
    debt: 0,
    status: 'GREEN',
    days: 50,
    ms: 6_050,
  },
] as const;
