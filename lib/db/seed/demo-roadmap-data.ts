/**
 * The demo organisation's change requests, roadmap and bugs, tied to the portfolio of
 * demo-portfolio.ts. Statuses are walked one step at a time by the seed (`history`), so that
 * the version history and the audit log tell how each item got where it is. Days are offsets
 * from the day the seed runs.
 */

export const demoChangeRequests = [
  { id: 'CR-2025-09-15-010', productId: 'motus', featureId: 'lease-store', title: 'Lease prototype on file locks', typeKey: 'enhancement', size: 'XL', owner: null, targetVersion: '0.1.2', completedVersion: null, history: ['queue', 'in_progress', 'done'], createdDays: -100, description: 'Superseded by the lease store: file locks do not survive a crashed builder.' },
  { id: 'CR-2025-10-02-004', productId: 'motus', featureId: 'evidence-ledger', title: 'Hash evidence with SHA-256 everywhere', typeKey: 'bugfix', size: 'M', owner: 'ben', targetVersion: '0.1.3', completedVersion: '0.1.3', history: ['queue', 'in_progress', 'review', 'done'], createdDays: -80, description: 'One hash function for every artifact, on every platform.' },
  { id: 'CR-2025-10-20-009', productId: 'foreman-app', featureId: 'blocker-desk', title: 'Blocker desk: escalate to the governor', typeKey: 'enhancement', size: 'M', owner: 'johan', targetVersion: '1.0.0', completedVersion: '1.0.0', history: ['queue', 'in_progress', 'review', 'done'], createdDays: -60, description: 'A blocker nobody can resolve goes to Johan with its diagnostics.' },
  { id: 'CR-2025-11-04-001', productId: 'motus', featureId: 'lease-store', title: 'Exclusive leases on shared resources', typeKey: 'enhancement', size: 'L', owner: 'agent:builder-2', targetVersion: '0.2.0', completedVersion: null, history: ['queue', 'in_progress'], createdDays: -40, description: 'Read, write and exclusive leases with heartbeats and expiry.' },
  { id: 'CR-2025-11-12-002', productId: 'motus', featureId: 'roadmap-planner', title: 'Ready queue in `motus roadmap`', typeKey: 'enhancement', size: 'M', owner: null, targetVersion: '0.2.0', completedVersion: null, history: ['queue'], createdDays: -30, description: 'Show what can start now, and what waits for what.' },
  { id: 'CR-2025-11-15-013', productId: 'builder-fleet', featureId: 'burst-builders', title: 'Burst builders reuse warm workspaces', typeKey: 'enhancement', size: 'L', owner: null, targetVersion: '0.10.0', completedVersion: null, history: ['queue'], createdDays: -22, description: null },
  { id: 'CR-2025-11-18-003', productId: 'motus', featureId: 'policy-gates', title: 'Deploy gate names the failing claims', typeKey: 'enhancement', size: 'S', owner: 'agent:builder-1', targetVersion: '0.2.0', completedVersion: null, history: ['queue', 'in_progress', 'review'], createdDays: -25, description: 'POLICY-001 and POLICY-002 list the claims and the tests to run.' },
  { id: 'CR-2025-11-20-005', productId: 'motus-web', featureId: 'claims-pages', title: 'Link every number on the site to its test', typeKey: 'enhancement', size: 'M', owner: 'agent:builder-3', targetVersion: null, completedVersion: null, history: ['queue', 'in_progress'], createdDays: -20, description: null },
  { id: 'CR-2025-11-21-007', productId: 'builder-fleet', featureId: 'heartbeat-monitor', title: 'Stall detection drifts with clock skew', typeKey: 'bugfix', size: 'S', owner: 'agent:qa-1', targetVersion: '0.10.0', completedVersion: null, history: ['queue', 'in_progress', 'review'], createdDays: -18, description: 'Compare heartbeats with the server clock, not the builder clock.' },
  { id: 'CR-2025-11-25-006', productId: 'motus-web', featureId: 'docs-search', title: 'Docs search: specification', typeKey: 'spec', size: 'S', owner: 'ben', targetVersion: null, completedVersion: null, history: ['queue'], createdDays: -12, description: null },
  { id: 'CR-2025-11-28-008', productId: 'foreman-app', featureId: 'qa-gates', title: 'QA gates: a PARTIAL result', typeKey: 'enhancement', size: 'L', owner: 'johan', targetVersion: '1.1.0', completedVersion: null, history: ['queue'], createdDays: -8, description: 'Some suites green, some red: show which, and hold the wave.' },
  { id: 'CR-2025-11-30-012', productId: 'field-notes-blog', featureId: null, title: 'Post: leases without tears', typeKey: 'spec', size: 'M', owner: 'ben', targetVersion: null, completedVersion: null, history: ['queue', 'in_progress'], createdDays: -6, description: null },
  { id: 'CR-2025-12-01-011', productId: 'motus', featureId: null, title: 'Upgrade the SQLite driver', typeKey: 'chore', size: 'S', owner: null, targetVersion: null, completedVersion: null, history: ['queue'], createdDays: -3, description: null },
] as const;

/** [cr_id, depends_on_id, type] */
export const demoCrDependencies = [
  ['CR-2025-11-04-001', 'CR-2025-09-15-010', 'supersedes'],
  ['CR-2025-11-12-002', 'CR-2025-11-04-001', 'related'],
  ['CR-2025-11-20-005', 'CR-2025-11-18-003', 'blocks'],
  ['CR-2025-11-30-012', 'CR-2025-11-04-001', 'blocks'],
  ['CR-2025-11-28-008', 'CR-2025-10-20-009', 'related'],
] as const;

interface DemoRoadmapItem {
  id: string;
  programId: string;
  productId?: string;
  featureId?: string;
  crId?: string;
  phaseKey: string;
  statusKey: 'pending' | 'in_progress' | 'blocked' | 'completed' | 'deferred';
  itemType?: 'work' | 'gate' | 'holding' | 'integration';
  title: string;
  owner?: string;
  rank: number;
  targetDays?: number;
}

export const demoRoadmapItems: DemoRoadmapItem[] = [
  // motus-cli
  { id: 'RI-001', programId: 'motus-cli', productId: 'motus', featureId: 'evidence-ledger', phaseKey: 'phase_a', statusKey: 'completed', title: 'Kernel tables: attempts, decisions, evidence', owner: 'agent:builder-1', rank: 1 },
  { id: 'RI-002', programId: 'motus-cli', productId: 'motus', featureId: 'coordination-api', phaseKey: 'phase_a', statusKey: 'completed', title: 'Blockers need a justification', owner: 'agent:builder-1', rank: 2 },
  { id: 'RI-003', programId: 'motus-cli', productId: 'motus', featureId: 'lease-store', crId: 'CR-2025-11-04-001', phaseKey: 'phase_b', statusKey: 'in_progress', title: 'Read and write leases', owner: 'agent:builder-2', rank: 1, targetDays: 10 },
  { id: 'RI-004', programId: 'motus-cli', productId: 'motus', featureId: 'lease-store', crId: 'CR-2025-11-04-001', phaseKey: 'phase_b', statusKey: 'pending', title: 'Exclusive leases', rank: 2, targetDays: 14 },
  { id: 'RI-005', programId: 'motus-cli', productId: 'motus', phaseKey: 'phase_b', statusKey: 'pending', itemType: 'gate', title: 'Gate: lease design review', owner: 'ben', rank: 3, targetDays: 5 },
  { id: 'RI-006', programId: 'motus-cli', productId: 'motus', featureId: 'roadmap-planner', crId: 'CR-2025-11-12-002', phaseKey: 'phase_c', statusKey: 'pending', title: 'Ready and blocked queues in the CLI', rank: 1 },
  { id: 'RI-007', programId: 'motus-cli', productId: 'motus', featureId: 'roadmap-planner', phaseKey: 'phase_c', statusKey: 'blocked', title: 'Export the dependency graph', rank: 2 },
  { id: 'RI-008', programId: 'motus-cli', productId: 'motus', featureId: 'policy-gates', crId: 'CR-2025-11-18-003', phaseKey: 'phase_c', statusKey: 'in_progress', title: 'Deploy gate names the failing claims', owner: 'agent:builder-1', rank: 3, targetDays: 4 },
  { id: 'RI-009', programId: 'motus-cli', productId: 'motus-web', featureId: 'claims-pages', crId: 'CR-2025-11-20-005', phaseKey: 'phase_d', statusKey: 'pending', title: 'Claims pages for 0.2', rank: 1 },
  { id: 'RI-010', programId: 'motus-cli', productId: 'motus-web', featureId: 'docs-search', crId: 'CR-2025-11-25-006', phaseKey: 'phase_d', statusKey: 'deferred', title: 'Search the docs', rank: 2 },
  { id: 'RI-011', programId: 'motus-cli', productId: 'motus', phaseKey: 'phase_e', statusKey: 'pending', itemType: 'integration', title: 'Release 0.2.0', owner: 'ben', rank: 1, targetDays: 12 },
  { id: 'RI-012', programId: 'motus-cli', phaseKey: 'post_launch', statusKey: 'deferred', itemType: 'holding', title: 'Federation upstream (parked)', rank: 1 },
  { id: 'RI-013', programId: 'motus-cli', phaseKey: 'phase_f', statusKey: 'pending', title: 'Several instances, one audit trail', rank: 1 },
  // foreman-office
  { id: 'RI-101', programId: 'foreman-office', productId: 'foreman-app', featureId: 'wave-planner', phaseKey: 'phase_a', statusKey: 'completed', title: 'Wave planner: dependencies between waves', owner: 'johan', rank: 11 },
  { id: 'RI-102', programId: 'foreman-office', productId: 'foreman-app', featureId: 'qa-gates', crId: 'CR-2025-11-28-008', phaseKey: 'phase_b', statusKey: 'in_progress', title: 'QA gates: RED, PARTIAL, GREEN', owner: 'agent:qa-1', rank: 11, targetDays: 9 },
  { id: 'RI-103', programId: 'foreman-office', productId: 'foreman-app', featureId: 'blocker-desk', phaseKey: 'phase_b', statusKey: 'blocked', title: 'Blocker desk: resolution history', rank: 12 },
  { id: 'RI-104', programId: 'foreman-office', productId: 'foreman-app', phaseKey: 'phase_c', statusKey: 'pending', itemType: 'gate', title: 'Gate: QA sign-off for 1.1', owner: 'johan', rank: 11, targetDays: 25 },
  { id: 'RI-105', programId: 'foreman-office', productId: 'foreman-app', phaseKey: 'phase_c', statusKey: 'pending', itemType: 'integration', title: 'Foreman 1.1 release', owner: 'johan', rank: 12, targetDays: 30 },
  { id: 'RI-106', programId: 'foreman-office', productId: 'builder-fleet', featureId: 'burst-builders', crId: 'CR-2025-11-15-013', phaseKey: 'phase_d', statusKey: 'pending', title: 'Burst builders for every program', rank: 11 },
  { id: 'RI-107', programId: 'foreman-office', productId: 'builder-fleet', featureId: 'heartbeat-monitor', phaseKey: 'phase_d', statusKey: 'completed', title: 'Stall detection from heartbeats', owner: 'agent:qa-1', rank: 10 },
  // field-notes
  { id: 'RI-201', programId: 'field-notes', productId: 'field-notes-blog', crId: 'CR-2025-11-30-012', phaseKey: 'phase_d', statusKey: 'pending', title: 'Post: leases without tears', owner: 'ben', rank: 20, targetDays: 20 },
  { id: 'RI-202', programId: 'field-notes', productId: 'field-notes-blog', phaseKey: 'phase_a', statusKey: 'completed', title: 'Post: the first hundred claims', owner: 'ben', rank: 20 },
];

/** [item_id, depends_on_id, type]: acyclic, with blocks, soft and related edges and two gates. */
export const demoRoadmapDependencies = [
  ['RI-003', 'RI-001', 'blocks'],
  ['RI-004', 'RI-003', 'blocks'],
  ['RI-004', 'RI-005', 'blocks'],
  ['RI-006', 'RI-004', 'blocks'],
  ['RI-006', 'RI-002', 'blocks'],
  ['RI-007', 'RI-006', 'blocks'],
  ['RI-008', 'RI-002', 'blocks'],
  ['RI-009', 'RI-008', 'blocks'],
  ['RI-010', 'RI-009', 'soft'],
  ['RI-011', 'RI-004', 'blocks'],
  ['RI-011', 'RI-008', 'blocks'],
  ['RI-011', 'RI-009', 'soft'],
  ['RI-011', 'RI-005', 'soft'],
  ['RI-013', 'RI-012', 'related'],
  ['RI-102', 'RI-101', 'blocks'],
  ['RI-103', 'RI-102', 'blocks'],
  ['RI-105', 'RI-103', 'blocks'],
  ['RI-105', 'RI-104', 'blocks'],
  ['RI-105', 'RI-102', 'blocks'],
  ['RI-106', 'RI-107', 'blocks'],
  ['RI-106', 'RI-102', 'soft'],
  ['RI-201', 'RI-003', 'soft'],
  ['RI-201', 'RI-011', 'related'],
] as const;

/**
 * In this order, one at a time: RI-006's and RI-105's assignments surface their unassigned
 * prerequisites, and Johan's review of RI-104 then resolves one of them.
 */
export const demoAssignments = [
  { itemId: 'RI-001', agentId: 'agent:builder-1', role: 'implementer', status: 'completed', assignedBy: 'ben' },
  { itemId: 'RI-003', agentId: 'agent:builder-2', role: 'implementer', status: 'active', assignedBy: 'ben' },
  { itemId: 'RI-003', agentId: 'ben', role: 'reviewer', status: 'assigned', assignedBy: 'ben' },
  { itemId: 'RI-008', agentId: 'agent:builder-1', role: 'implementer', status: 'active', assignedBy: 'ben' },
  { itemId: 'RI-102', agentId: 'agent:qa-1', role: 'implementer', status: 'active', assignedBy: 'johan' },
  { itemId: 'RI-006', agentId: 'agent:builder-3', role: 'implementer', status: 'assigned', assignedBy: 'ben' },
  { itemId: 'RI-105', agentId: 'johan', role: 'owner', status: 'assigned', assignedBy: 'johan' },
  { itemId: 'RI-104', agentId: 'johan', role: 'reviewer', status: 'assigned', assignedBy: 'johan' },
  { itemId: 'RI-010', agentId: 'agent:builder-4', role: 'observer', status: 'dropped', assignedBy: null },
  { itemId: 'RI-009', agentId: 'agent:builder-3', role: 'implementer', status: 'assigned', assignedBy: 'ben' },
] as const;

export const demoBugs = [
  { id: 'BUG-2025-09-30-006', featureId: 'coordination-api', featureVersion: '1.2', title: 'An empty claim body returns 500', severityKey: 'medium', history: ['open', 'confirmed', 'fixed', 'verified'], reportedBy: 'agent:builder-2', assignedTo: 'agent:builder-1', fixCrId: null, fixedInVersion: '0.1.3', createdDays: -85, resolvedDays: -28 },
  { id: 'BUG-2025-10-05-002', featureId: 'evidence-ledger', featureVersion: '1.0', title: 'SHA-256 differs for Windows paths', severityKey: 'high', history: ['open', 'confirmed', 'in_progress', 'fixed'], reportedBy: 'johan', assignedTo: 'ben', fixCrId: 'CR-2025-10-02-004', fixedInVersion: '0.1.3', createdDays: -78, resolvedDays: -30 },
  { id: 'BUG-2025-11-15-007', featureId: 'burst-builders', featureVersion: '0.4', title: 'Burst builder logs arrive out of order', severityKey: 'low', history: ['open', 'wont_fix'], reportedBy: 'johan', assignedTo: null, fixCrId: null, fixedInVersion: null, createdDays: -22, resolvedDays: -15 },
  { id: 'BUG-2025-11-19-004', featureId: 'policy-gates', featureVersion: '0.3', title: 'The gate message is cut at 80 characters', severityKey: 'low', history: ['open', 'confirmed'], reportedBy: 'ben', assignedTo: 'agent:builder-1', fixCrId: 'CR-2025-11-18-003', fixedInVersion: null, createdDays: -19, resolvedDays: null },
  { id: 'BUG-2025-11-22-001', featureId: 'heartbeat-monitor', featureVersion: '1.1', title: 'Builders flagged as stalled after a clock skew', severityKey: 'critical', history: ['open', 'confirmed', 'in_progress'], reportedBy: 'johan', assignedTo: 'agent:qa-1', fixCrId: 'CR-2025-11-21-007', fixedInVersion: null, createdDays: -17, resolvedDays: null },
  { id: 'BUG-2025-11-26-003', featureId: 'claims-pages', featureVersion: '0.2', title: 'A passing claim still shows the stale badge', severityKey: 'medium', history: ['open'], reportedBy: 'ben', assignedTo: null, fixCrId: null, fixedInVersion: null, createdDays: -10, resolvedDays: null },
  { id: 'BUG-2025-11-27-005', featureId: 'blocker-desk', featureVersion: '0.8', title: 'The filter forgets the classification on reload', severityKey: 'high', history: ['open'], reportedBy: 'agent:qa-1', assignedTo: null, fixCrId: null, fixedInVersion: null, createdDays: -9, resolvedDays: null },
] as const;
