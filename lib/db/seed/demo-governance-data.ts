/**
 * The demo organisation's governance: the standards its releases are held to, their results
 * over several releases (v0.2.0 of motus is blocked by coverage), the claims behind the
 * motus-web site and the motus package, the gates those claims hold, and the roadmap charter.
 * Dates are offsets in days from the day the seed runs.
 */

export const demoStandards = [
  {
    id: 'STD-PRG-001',
    name: 'Security review signed off',
    levelKey: 'program',
    checkTypeKey: 'manual',
    isBlocking: true,
    sortOrder: 1,
    docPath: 'docs/standards/security-review.md',
    failureMessage: 'No signed security review on record for this program.',
    description: 'A person reviews threat model and secrets handling once per program increment.',
  },
  {
    id: 'STD-PRD-001',
    name: 'Tests pass',
    levelKey: 'product',
    checkTypeKey: 'boolean',
    isBlocking: true,
    sortOrder: 1,
    checkCommand: 'npm test',
    failureMessage: 'The test suite failed.',
  },
  {
    id: 'STD-PRD-002',
    name: 'Coverage at least 80%',
    levelKey: 'product',
    checkTypeKey: 'threshold',
    isBlocking: true,
    sortOrder: 2,
    checkCommand: 'npm run coverage -- --reporter=json-summary',
    thresholdMin: 80,
    failureMessage: 'Line coverage is below 80%.',
  },
  {
    id: 'STD-PRD-003',
    name: 'Lint clean',
    levelKey: 'product',
    checkTypeKey: 'boolean',
    isBlocking: true,
    sortOrder: 3,
    checkCommand: 'npm run lint -- --max-warnings=0',
    failureMessage: 'Lint reported problems.',
  },
  {
    id: 'STD-PRD-004',
    name: 'No critical vulnerabilities',
    levelKey: 'product',
    checkTypeKey: 'boolean',
    isBlocking: true,
    sortOrder: 4,
    checkCommand: 'npm audit --audit-level=critical',
    failureMessage: 'A dependency has a known critical vulnerability.',
  },
  {
    id: 'STD-PRD-005',
    name: 'Page weight under 250 kB',
    levelKey: 'product',
    checkTypeKey: 'threshold',
    isBlocking: false,
    sortOrder: 5,
    checkCommand: 'npm run size -- --json',
    thresholdMax: 250,
    failureMessage: 'The heaviest page ships more than 250 kB of JavaScript.',
  },
  {
    id: 'STD-FEA-001',
    name: 'Feature documented',
    levelKey: 'feature',
    checkTypeKey: 'pattern',
    isBlocking: false,
    sortOrder: 1,
    checkCommand: 'cat docs/features/$FEATURE.md',
    checkPattern: '^## Usage$',
    failureMessage: 'The feature page has no Usage section.',
  },
  {
    id: 'STD-REL-001',
    name: 'Changelog entry for the release',
    levelKey: 'release',
    checkTypeKey: 'pattern',
    isBlocking: true,
    sortOrder: 1,
    checkCommand: 'cat CHANGELOG.md',
    checkPattern: '^## \\[\\d+\\.\\d+\\.\\d+\\]',
    failureMessage: 'CHANGELOG.md has no entry for this version.',
  },
  {
    id: 'STD-REL-002',
    name: 'Release notes reviewed',
    levelKey: 'release',
    checkTypeKey: 'manual',
    isBlocking: false,
    sortOrder: 2,
    failureMessage: 'Nobody has reviewed the release notes yet.',
  },
  {
    id: 'STD-CR-001',
    name: 'Linked to a roadmap item',
    levelKey: 'cr',
    checkTypeKey: 'manual',
    isBlocking: false,
    sortOrder: 1,
    failureMessage: 'The change request names no roadmap item.',
  },
] as const;

type EntityType = 'program' | 'product' | 'feature' | 'release';

export const demoStandardAssignments: ReadonlyArray<{ standardId: string; entityType: EntityType; entityId: string; isInherited?: boolean }> = [
  { standardId: 'STD-PRG-001', entityType: 'program', entityId: 'motus-cli' },
  { standardId: 'STD-PRG-001', entityType: 'program', entityId: 'foreman-office' },
  ...['motus', 'motus-web', 'foreman-app', 'builder-fleet'].map((entityId) => ({
    standardId: 'STD-PRG-001',
    entityType: 'product' as const,
    entityId,
    isInherited: true,
  })),
  ...['motus', 'foreman-app', 'builder-fleet'].flatMap((entityId) =>
    ['STD-PRD-001', 'STD-PRD-002', 'STD-PRD-003'].map((standardId) => ({ standardId, entityType: 'product' as const, entityId })),
  ),
  { standardId: 'STD-PRD-001', entityType: 'product', entityId: 'motus-web' },
  { standardId: 'STD-PRD-003', entityType: 'product', entityId: 'motus-web' },
  { standardId: 'STD-PRD-004', entityType: 'product', entityId: 'motus' },
  { standardId: 'STD-PRD-004', entityType: 'product', entityId: 'motus-web' },
  { standardId: 'STD-PRD-005', entityType: 'product', entityId: 'motus-web' },
  { standardId: 'STD-FEA-001', entityType: 'feature', entityId: 'policy-gates' },
  { standardId: 'STD-FEA-001', entityType: 'feature', entityId: 'lease-store' },
  { standardId: 'STD-FEA-001', entityType: 'feature', entityId: 'claims-pages' },
  { standardId: 'STD-REL-001', entityType: 'release', entityId: 'motus-v0.2.0' },
  { standardId: 'STD-REL-001', entityType: 'release', entityId: 'foreman-1.1.0' },
  { standardId: 'STD-REL-001', entityType: 'release', entityId: 'fleet-0.10.0' },
  { standardId: 'STD-REL-002', entityType: 'release', entityId: 'motus-v0.1.3' },
  { standardId: 'STD-REL-002', entityType: 'release', entityId: 'motus-v0.2.0' },
  { standardId: 'STD-REL-002', entityType: 'release', entityId: 'fleet-0.10.0' },
  { standardId: 'STD-REL-002', entityType: 'release', entityId: 'post-leases' },
];

type Result = 'pass' | 'fail' | 'skip' | 'error';

interface DemoResult {
  releaseId: string;
  standardId: string;
  entityType: EntityType;
  entityId: string;
  result: Result;
  resultValue?: string;
  errorMessage?: string;
  checkedBy: string;
  checkedDays: number;
}

/** Product-level checks of one release, run by CI on the given day. */
function ciRun(releaseId: string, productId: string, checkedDays: number, outcomes: Record<string, [Result, string?]>): DemoResult[] {
  return Object.entries(outcomes).map(([standardId, [result, resultValue]]) => ({
    releaseId,
    standardId,
    entityType: 'product',
    entityId: productId,
    result,
    resultValue,
    checkedBy: 'ci:github-actions',
    checkedDays,
  }));
}

export const demoComplianceResults: DemoResult[] = [
  ...ciRun('motus-v0.1.0', 'motus', -119, { 'STD-PRD-001': ['pass'], 'STD-PRD-002': ['pass', '81.2'], 'STD-PRD-003': ['pass'], 'STD-PRD-004': ['pass'] }),
  {
    releaseId: 'motus-v0.1.0',
    standardId: 'STD-PRG-001',
    entityType: 'program',
    entityId: 'motus-cli',
    result: 'pass',
    checkedBy: 'user:ben',
    checkedDays: -120,
  },
  ...ciRun('motus-v0.1.3', 'motus', -29, { 'STD-PRD-001': ['pass'], 'STD-PRD-002': ['pass', '80.6'], 'STD-PRD-003': ['pass'], 'STD-PRD-004': ['pass'] }),
  {
    releaseId: 'motus-v0.1.3',
    standardId: 'STD-REL-002',
    entityType: 'release',
    entityId: 'motus-v0.1.3',
    result: 'fail',
    errorMessage: 'Shipped before anyone read the notes.',
    checkedBy: 'user:ben',
    checkedDays: -28,
  },
  // The upcoming 0.2.0 is blocked: the lease store landed without enough tests.
  ...ciRun('motus-v0.2.0', 'motus', -1, { 'STD-PRD-001': ['pass'], 'STD-PRD-002': ['fail', '76.4'], 'STD-PRD-003': ['pass'], 'STD-PRD-004': ['pass'] }),
  {
    releaseId: 'motus-v0.2.0',
    standardId: 'STD-REL-001',
    entityType: 'release',
    entityId: 'motus-v0.2.0',
    result: 'skip',
    errorMessage: 'Changelog is written at release time.',
    checkedBy: 'ci:github-actions',
    checkedDays: -1,
  },
  ...ciRun('motus-web-deploy-42', 'motus-web', -1, {
    'STD-PRD-001': ['pass'],
    'STD-PRD-003': ['pass'],
    'STD-PRD-004': ['pass'],
    'STD-PRD-005': ['fail', '268'],
  }),
  ...ciRun('foreman-1.0.0', 'foreman-app', -45, { 'STD-PRD-001': ['pass'], 'STD-PRD-002': ['pass', '84.0'], 'STD-PRD-003': ['pass'] }),
  {
    releaseId: 'foreman-1.0.0',
    standardId: 'STD-PRG-001',
    entityType: 'program',
    entityId: 'foreman-office',
    result: 'pass',
    checkedBy: 'user:johan',
    checkedDays: -46,
  },
  ...ciRun('fleet-0.10.0', 'builder-fleet', -2, { 'STD-PRD-001': ['pass'], 'STD-PRD-002': ['pass', '81.5'], 'STD-PRD-003': ['error'] }),
  // Lint crashed on the first run; the re-run passed.
  ...ciRun('fleet-0.10.0', 'builder-fleet', -1, { 'STD-PRD-003': ['pass'] }),
  {
    releaseId: 'fleet-0.10.0',
    standardId: 'STD-REL-001',
    entityType: 'release',
    entityId: 'fleet-0.10.0',
    result: 'pass',
    checkedBy: 'agent:builder-2',
    checkedDays: -1,
  },
  {
    releaseId: 'fleet-0.10.0',
    standardId: 'STD-REL-002',
    entityType: 'release',
    entityId: 'fleet-0.10.0',
    result: 'fail',
    errorMessage: 'Burst pricing section still a draft.',
    checkedBy: 'user:johan',
    checkedDays: -1,
  },
];

/**
 * Waivers of one standard for one release (decisions of type waiver naming both, with a reason):
 * the release's verdict counts the standard as met. v0.1.3 shipped on v0.1.0's security review.
 */
export const demoReleaseWaivers = [
  {
    id: 'DEC-REL-motus-013-security',
    releaseId: 'motus-v0.1.3',
    standardId: 'STD-PRG-001',
    authority: 'ben',
    decidedBy: 'ben',
    reason: 'A patch release with no new surface: the security review of v0.1.0 covers it.',
    decidedDays: -29,
  },
] as const;

export const demoClaims = [
  {
    id: 'claim-overhead',
    claimText: 'Claiming a work item adds under 5 ms of overhead',
    page: '/',
    claimType: 'quantitative',
    testFile: 'tests/claims/test_performance.py',
    testFunction: 'test_claim_overhead_under_5ms',
    testStatus: 'pass',
    verifiedDays: -2,
    productId: 'motus',
    releaseId: null,
  },
  {
    id: 'claim-no-double-claim',
    claimText: 'Two agents can never hold the same work item',
    page: '/how-it-works',
    claimType: 'qualitative',
    testFile: 'tests/claims/test_kernel.py',
    testFunction: 'test_no_double_claim',
    testStatus: 'pass',
    verifiedDays: -2,
    productId: 'motus',
    releaseId: null,
  },
  {
    id: 'claim-evidence',
    claimText: 'Every completed attempt carries hashed evidence',
    page: '/how-it-works',
    claimType: 'qualitative',
    testFile: 'tests/claims/test_kernel.py',
    testFunction: 'test_completion_requires_evidence',
    testStatus: 'pass',
    verifiedDays: -2,
    productId: 'motus',
    releaseId: null,
  },
  {
    id: 'claim-lease-expiry',
    claimText: 'A lease expires within 30 seconds of a missed heartbeat',
    page: '/leases',
    claimType: 'quantitative',
    testFile: 'tests/claims/test_leases.py',
    testFunction: 'test_lease_expires_within_30s',
    testStatus: 'fail',
    verifiedDays: -1,
    productId: null,
    releaseId: 'motus-v0.2.0',
  },
  {
    id: 'claim-search-latency',
    claimText: 'Docs search answers in under 200 ms',
    page: '/docs',
    claimType: 'quantitative',
    testFile: 'tests/claims/test_site.py',
    testFunction: 'test_search_under_200ms',
    testStatus: 'pending',
    verifiedDays: null,
    productId: 'motus-web',
    releaseId: null,
  },
  {
    id: 'claim-any-agent',
    claimText: 'Works with any coding agent that speaks HTTP',
    page: '/',
    claimType: 'qualitative',
    testFile: null,
    testFunction: null,
    testStatus: 'stale',
    verifiedDays: -60,
    productId: 'motus-web',
    releaseId: null,
  },
  {
    id: 'claim-wave-progress',
    claimText: "A wave's progress is always the average of its tasks",
    page: '/waves',
    claimType: 'qualitative',
    testFile: 'tests/test_progress.py',
    testFunction: 'test_wave_rollup',
    testStatus: 'pass',
    verifiedDays: -5,
    productId: 'foreman-app',
    releaseId: null,
  },
] as const;

/** Site deploys of motus-web and package uploads of motus are gated by their claims. */
export const demoDeployGates = [
  { target: 'website', productId: 'motus-web', releaseId: null },
  { target: 'pypi', productId: 'motus', releaseId: null },
] as const;

export const demoDeploymentEvents = [
  { target: 'pypi', version: '0.1.3', status: 'success', productId: 'motus', releaseId: 'motus-v0.1.3', triggeredBy: 'agent:release-bot', createdDays: -28 },
  { target: 'docs', version: '0.4.0', status: 'success', productId: 'motus-web', releaseId: null, triggeredBy: 'user:ben', createdDays: -7 },
] as const;

export const demoCharterDocs = [
  {
    id: 'charter-roadmap-v1',
    docTypeKey: 'roadmap',
    version: '1.0',
    title: 'Roadmap charter',
    filePath: 'docs/charters/roadmap-v1.md',
    isActive: false,
    approvedBy: 'ben',
    approvedDays: -90,
  },
  {
    id: 'charter-roadmap-v2',
    docTypeKey: 'roadmap',
    version: '2.0',
    title: 'Roadmap charter: leases before planner',
    filePath: 'docs/charters/roadmap-v2.md',
    isActive: true,
    approvedBy: 'ben',
    approvedDays: -10,
  },
  {
    id: 'charter-ethos-v1',
    docTypeKey: 'ethos',
    version: '1.0',
    title: 'Know, do not guess',
    filePath: 'docs/charters/ethos.md',
    isActive: true,
    approvedBy: 'johan',
    approvedDays: -120,
  },
] as const;
