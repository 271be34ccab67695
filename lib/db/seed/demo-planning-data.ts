import type { CardStatus } from '../schema/planning-values';

/**
 * The demo organisation's planning project: the story map for motus 0.2 (leases and the roadmap
 * planner, see demo-portfolio.ts), as a product planner and its builder agents would write it.
 * Keys are stable names; demo-planning.ts turns them into stable uuids.
 */
export const demoProject = {
  key: 'motus-0.2',
  name: 'Motus 0.2 planning',
  productId: 'motus',
  description: 'Leases and the roadmap planner for the 0.2 kernel, built card by card by builder agents.',
  repoUrl: 'https://github.com/motus-os/motus',
  customerPersonas: 'Agent operators running several builders on one repository; maintainers reviewing their work.',
  techStack: 'Python 3.12, SQLite kernel (coordination.db), pytest',
  deployment: 'PyPI package and the docs site',
} as const;

export const demoWorkflows = [
  { key: 'lease-store', title: 'Lease store', description: 'Read, write and exclusive leases on shared resources.', position: 0 },
  { key: 'roadmap-planner', title: 'Roadmap planner', description: 'Phases, dependencies and the ready queue.', position: 1 },
] as const;

export const demoActivities = [
  { key: 'acquire', workflow: 'lease-store', title: 'Acquire a lease', color: 'blue', position: 0 },
  { key: 'keep-alive', workflow: 'lease-store', title: 'Keep it alive', color: 'green', position: 1 },
  { key: 'release', workflow: 'lease-store', title: 'Release and audit', color: 'purple', position: 2 },
  { key: 'dependencies', workflow: 'roadmap-planner', title: 'Map dependencies', color: 'yellow', position: 0 },
  { key: 'ready-work', workflow: 'roadmap-planner', title: 'Pick ready work', color: 'orange', position: 1 },
] as const;

type PlannedFile = {
  name: string;
  kind: 'component' | 'endpoint' | 'service' | 'schema' | 'hook' | 'util' | 'middleware' | 'job' | 'config';
  action: 'create' | 'edit';
  intent: string;
  status: 'proposed' | 'user_edited' | 'approved';
};

export interface DemoCard {
  key: string;
  activity: (typeof demoActivities)[number]['key'];
  title: string;
  description: string;
  status: CardStatus;
  rank: number;
  position: number;
  priority: number;
  finalized: boolean;
  quickAnswer?: string;
  requirements: string[];
  facts: { text: string; evidence: string }[];
  assumptions: string[];
  questions: string[];
  files: PlannedFile[];
}

export const demoCards: DemoCard[] = [
  {
    key: 'exclusive-lease',
    activity: 'acquire',
    title: 'Exclusive lease refuses every other mode',
    status: 'production',
    rank: 1,
    position: 0,
    priority: 1,
    finalized: true,
    description: 'An exclusive lease is granted only when no active lease of any mode exists on the resource.',
    requirements: ['Refuse an exclusive lease while any active lease exists on (resource_type, resource_id)', 'Name the blocking lease in the refusal'],
    facts: [{ text: 'The kernel refuses with "Cannot acquire exclusive lease - resource has active leases"', evidence: 'migrations/019_leases.sql' }],
    assumptions: ['Expired leases (expires_at in the past) do not count as active'],
    questions: [],
    files: [
      { name: 'src/motus/leases/exclusive.py', kind: 'service', action: 'create', intent: 'Grant or refuse exclusive leases', status: 'approved' },
      { name: 'src/motus/leases/store.py', kind: 'service', action: 'edit', intent: 'Route exclusive requests to the new check', status: 'approved' },
    ],
  },
  {
    key: 'write-leases',
    activity: 'acquire',
    title: 'Write leases coexist; an exclusive lease blocks them',
    status: 'review',
    rank: 1,
    position: 1,
    priority: 2,
    finalized: true,
    description: 'Several writers may hold a resource together, but never beside an exclusive holder.',
    requirements: ['Allow several write leases on one resource', 'Refuse a write lease while an exclusive lease is active'],
    facts: [{ text: 'Read and write leases share the same refusal path in leases_any_check', evidence: 'SEMANTICS.md 1.1' }],
    assumptions: ['Writers coordinate their own conflicts above the lease layer'],
    questions: ['Should a writer be told which exclusive lease blocks it?'],
    files: [{ name: 'src/motus/leases/write.py', kind: 'service', action: 'create', intent: 'Write lease rules', status: 'approved' }],
  },
  {
    key: 'heartbeat',
    activity: 'keep-alive',
    title: 'Heartbeat extends expires_at',
    status: 'active',
    rank: 1,
    position: 0,
    priority: 1,
    finalized: true,
    description: 'A holder keeps its lease by sending heartbeats before the lease expires.',
    requirements: ['A heartbeat moves expires_at to now + ttl_seconds', 'A heartbeat on a released lease is refused'],
    facts: [{ text: 'Builders already send heartbeats every 60 seconds', evidence: 'builder-fleet heartbeat monitor' }],
    assumptions: ['ttl_seconds stays fixed for the life of a lease'],
    questions: [],
    files: [
      { name: 'src/motus/leases/heartbeat.py', kind: 'service', action: 'create', intent: 'Extend a live lease', status: 'approved' },
      { name: 'src/motus/cli/lease_cmd.py', kind: 'endpoint', action: 'edit', intent: 'motus lease heartbeat command', status: 'user_edited' },
    ],
  },
  {
    key: 'expiry',
    activity: 'keep-alive',
    title: 'Expired leases free the resource',
    status: 'questions',
    rank: 1,
    position: 1,
    priority: 2,
    finalized: false,
    quickAnswer: 'Expire lazily on read; a sweeper job is optional.',
    description: 'A lease whose holder stopped sending heartbeats must not block others forever.',
    requirements: ['Treat a lease past expires_at as inactive everywhere'],
    facts: [{ text: "SQLite cannot index on datetime('now'): the original partial index was dropped", evidence: 'SEMANTICS.md 1.1, lease triggers' }],
    assumptions: ['Clock skew between builders stays under a few seconds'],
    questions: ['Do we need a sweeper job, or is lazy expiry enough?', 'Should an expired lease write an audit row?'],
    files: [{ name: 'src/motus/leases/sweeper.py', kind: 'job', action: 'create', intent: 'Optional sweep of expired leases', status: 'proposed' }],
  },
  {
    key: 'release-audit',
    activity: 'release',
    title: 'Every release writes an audit row',
    status: 'todo',
    rank: 1,
    position: 0,
    priority: 3,
    finalized: false,
    description: 'Releasing a lease is recorded with who released it and why.',
    requirements: ['Write an audit_log row on release with the lease id and worker'],
    facts: [],
    assumptions: ['audit_log keeps its append-only triggers'],
    questions: ['Is a release by another worker (forced) allowed at all?'],
    files: [],
  },
  {
    key: 'no-cycles',
    activity: 'dependencies',
    title: 'Refuse dependency cycles',
    status: 'todo',
    rank: 2,
    position: 0,
    priority: 1,
    finalized: false,
    description: 'Adding an edge that closes a loop is refused, whatever the edge type.',
    requirements: ['Refuse a dependency that reaches its own item through any chain of edges'],
    facts: [{ text: 'The kernel walks edges of every type up to depth 100', evidence: 'roadmap_dep_no_cycles' }],
    assumptions: [],
    questions: [],
    files: [{ name: 'src/motus/roadmap/dependencies.py', kind: 'service', action: 'edit', intent: 'Cycle check before insert', status: 'proposed' }],
  },
  {
    key: 'ready-queue',
    activity: 'ready-work',
    title: 'Ready queue ordered by phase and rank',
    status: 'questions',
    rank: 2,
    position: 0,
    priority: 1,
    finalized: false,
    description: 'Pending items with no unmet blocking dependency, in phase order, then rank.',
    requirements: ['List pending items whose blocking dependencies are all completed'],
    facts: [{ text: 'Items with status blocked never appear in v_ready_items', evidence: 'SEMANTICS.md 1.2' }],
    assumptions: ['Soft-deleted dependencies still count as unmet'],
    questions: ['Should deferred dependencies block readiness?'],
    files: [],
  },
  {
    key: 'blocked-queue',
    activity: 'ready-work',
    title: 'Blocked queue names the unmet dependencies',
    status: 'active',
    rank: 2,
    position: 1,
    priority: 2,
    finalized: true,
    description: 'Each blocked item shows how many blocking dependencies are unmet, and which.',
    requirements: ['Show blocking_count and the list of blocking item ids'],
    facts: [],
    assumptions: ['A comma-and-space list is enough for the CLI'],
    questions: [],
    files: [{ name: 'src/motus/roadmap/queues.py', kind: 'service', action: 'create', intent: 'Ready and blocked queues', status: 'approved' }],
  },
];

export const demoArtifacts = [
  {
    key: 'lease-spec',
    name: 'lease-semantics',
    type: 'spec',
    title: 'Lease semantics',
    content: '# Leases\n\nModes: read, write, exclusive. A lease is active while released_at is NULL and expires_at is in the future.',
    uri: null,
    integrationRef: null,
    cards: ['exclusive-lease', 'write-leases', 'expiry'],
  },
  {
    key: 'kernel-doc',
    name: 'kernel-schema',
    type: 'doc',
    title: 'Kernel schema',
    content: null,
    uri: 'docs/schema/kernel.md',
    integrationRef: null,
    cards: ['exclusive-lease', 'no-cycles'],
  },
  {
    key: 'lease-tests',
    name: 'lease-tests',
    type: 'test',
    title: 'Lease tests',
    content: null,
    uri: 'tests/test_leases.py',
    integrationRef: null,
    cards: ['exclusive-lease', 'heartbeat'],
  },
  {
    key: 'tracker',
    name: 'roadmap-issue',
    type: 'link',
    title: 'Roadmap planner issue',
    content: null,
    uri: null,
    integrationRef: { provider: 'github', repository: 'motus-os/motus', issue: 212 },
    cards: ['ready-queue', 'blocked-queue'],
  },
] as const;

export const demoPolicy = {
  requiredChecks: ['lint', 'unit'],
  protectedPaths: ['src/motus/kernel/migrations'],
  forbiddenPaths: ['.env', 'secrets/'],
};
