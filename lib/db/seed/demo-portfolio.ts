/**
 * The demo organisation's portfolio: a coordination CLI built by its own agents (modelled on
 * motus, seed 000), the Foreman office that runs builder fleets (seed 001), and a small content
 * program. Progress of programs with waves is rolled up by the database from their tasks
 * (lib/db/seed/demo-foreman.ts). Dates are offsets in days from the day the seed runs, so
 * "upcoming" stays true.
 */
export const demoOrganisation = { slug: 'demo', name: 'Motus Labs (demo)' } as const;

export const demoPrograms = [
  {
    id: 'motus-cli',
    name: 'Motus coordination CLI',
    description:
      'The kernel that lets builder agents claim work, record evidence and pass policy gates from the command line.',
    typeKey: 'software',
    statusKey: 'active',
    owner: 'ben',
    objectives: ['Ship the 0.2 kernel with leases', 'Every claim backed by a test', 'Docs site in sync with releases'],
    state: 'in-progress',
  },
  {
    id: 'foreman-office',
    name: 'Foreman office',
    description:
      'An agent-built operations office: waves of tasks run by builder agents, watched through heartbeats and QA gates.',
    typeKey: 'software',
    statusKey: 'active',
    owner: 'johan',
    objectives: ['Builders report heartbeats every minute', 'No task closes without evidence', 'Wave 3 green before launch'],
    state: 'in-progress',
  },
  {
    id: 'field-notes',
    name: 'Field notes',
    description: 'Posts and talks about running software with agents, written from the program logs.',
    typeKey: 'content',
    statusKey: 'maintenance',
    owner: 'ben',
    objectives: ['One post per release'],
    state: 'planned',
    // No waves: nothing rolls up into this program, so its progress is set by hand.
    progressPercentage: 10,
  },
] as const;

export const demoProducts = [
  { id: 'motus', programId: 'motus-cli', name: 'motus', version: '0.1.3', statusKey: 'active', repositoryUrl: 'https://github.com/motus-os/motus', description: 'The coordination CLI and its SQLite kernel.' },
  { id: 'motus-web', programId: 'motus-cli', name: 'motus-web', version: '0.4.0', statusKey: 'active', repositoryUrl: 'https://github.com/motus-os/motus-web', description: 'Documentation site with verified claims.' },
  { id: 'foreman-app', programId: 'foreman-office', name: 'Foreman app', version: '1.0.0', statusKey: 'active', repositoryUrl: null, description: 'The office screens: programs, waves, builders, blockers.' },
  { id: 'builder-fleet', programId: 'foreman-office', name: 'Builder fleet', version: '0.9.2', statusKey: 'active', repositoryUrl: null, description: 'Local, hosted and burst builders with heartbeats.' },
  { id: 'field-notes-blog', programId: 'field-notes', name: 'Field notes blog', version: '0.0.0', statusKey: 'maintenance', repositoryUrl: null, description: 'Long-form posts.' },
] as const;

export const demoFeatures = [
  { id: 'coordination-api', productId: 'motus', name: 'Coordination API', statusKey: 'stable', version: '1.2', introducedIn: '0.1.0', description: 'Claim, heartbeat and release work over a stable API.' },
  { id: 'policy-gates', productId: 'motus', name: 'Policy gates', statusKey: 'beta', version: '0.3', introducedIn: '0.1.2', description: 'Deploy gates backed by claims and their tests.' },
  { id: 'lease-store', productId: 'motus', name: 'Lease store', statusKey: 'in_development', version: null, introducedIn: null, description: 'Read, write and exclusive leases on shared resources.' },
  { id: 'evidence-ledger', productId: 'motus', name: 'Evidence ledger', statusKey: 'stable', version: '1.0', introducedIn: '0.1.0', description: 'Typed, hashed artifacts attached to attempts.' },
  { id: 'roadmap-planner', productId: 'motus', name: 'Roadmap planner', statusKey: 'planned', version: null, introducedIn: null, description: 'Phases, dependencies and the ready queue.' },
  { id: 'claims-pages', productId: 'motus-web', name: 'Verified claims pages', statusKey: 'beta', version: '0.2', introducedIn: '0.3.0', description: 'Every number on the site links to the test that proves it.' },
  { id: 'docs-search', productId: 'motus-web', name: 'Docs search', statusKey: 'planned', version: null, introducedIn: null, description: 'Search across guides and the API reference.' },
  { id: 'wave-planner', productId: 'foreman-app', name: 'Wave planner', statusKey: 'stable', version: '1.0', introducedIn: '1.0.0', description: 'Sequence waves and their dependencies.' },
  { id: 'blocker-desk', productId: 'foreman-app', name: 'Blocker desk', statusKey: 'beta', version: '0.8', introducedIn: '0.9.0', description: 'Classified blockers resolved with justification.' },
  { id: 'qa-gates', productId: 'foreman-app', name: 'QA gates', statusKey: 'in_development', version: null, introducedIn: null, description: 'RED, PARTIAL and GREEN QA executions per task.' },
  { id: 'heartbeat-monitor', productId: 'builder-fleet', name: 'Heartbeat monitor', statusKey: 'stable', version: '1.1', introducedIn: '0.7.0', description: 'Stall detection from builder heartbeats.' },
  { id: 'burst-builders', productId: 'builder-fleet', name: 'Burst builders', statusKey: 'beta', version: '0.4', introducedIn: '0.9.0', description: 'Short-lived hosted builders for peaks.' },
] as const;

export const demoReleases = [
  { id: 'motus-v0.1.0', productId: 'motus', typeKey: 'version', name: 'v0.1.0', statusKey: 'published', targetDays: -120, publishedDays: -118, description: 'First kernel: attempts, decisions, evidence.' },
  { id: 'motus-v0.1.3', productId: 'motus', typeKey: 'version', name: 'v0.1.3', statusKey: 'published', targetDays: -30, publishedDays: -28, description: 'Blockers need justification; handoffs need reasons.' },
  { id: 'motus-v0.2.0', productId: 'motus', typeKey: 'version', name: 'v0.2.0', statusKey: 'in_progress', targetDays: 12, publishedDays: null, description: 'Leases and the roadmap planner.' },
  { id: 'motus-web-deploy-42', productId: 'motus-web', typeKey: 'deploy', name: 'Site deploy #42', statusKey: 'ready', targetDays: 3, publishedDays: null, description: 'Claims pages for 0.2.' },
  { id: 'foreman-1.0.0', productId: 'foreman-app', typeKey: 'version', name: 'v1.0.0', statusKey: 'published', targetDays: -45, publishedDays: -44, description: 'The office opens.' },
  { id: 'foreman-1.1.0', productId: 'foreman-app', typeKey: 'version', name: 'v1.1.0', statusKey: 'pending', targetDays: 30, publishedDays: null, description: 'QA gates and the blocker desk.' },
  { id: 'fleet-0.10.0', productId: 'builder-fleet', typeKey: 'version', name: 'v0.10.0', statusKey: 'in_progress', targetDays: 9, publishedDays: null, description: 'Burst builders for everyone.' },
  { id: 'post-leases', productId: 'field-notes-blog', typeKey: 'post', name: 'Leases without tears', statusKey: 'pending', targetDays: 20, publishedDays: null, description: 'Why every write needs a lease.' },
] as const;
