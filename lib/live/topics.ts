/**
 * Which changes each page follows (entity types are the tables the change feed announces,
 * migration change_feed). A page made live with `<LiveRefresh on={LIVE.blockers} />`; a new page
 * picks a list here or names its own (docs/live.md). Safe for client components.
 */
import { INBOX_TOPICS } from '../inbox/kinds';

const work = [
  'roadmap_items',
  'roadmap_dependencies',
  'roadmap_assignments',
  'change_requests',
  'cr_dependencies',
  'blockers',
  'tasks',
  'attempts',
  'evidence',
];
const releases = ['releases', 'compliance_results', 'deployment_events', 'deploy_gates', 'standard_assignments', 'standards', 'blockers'];
const builders = ['builders', 'builder_capabilities', 'attempts', 'leases', 'claims', 'tasks', 'blockers', 'preferences'];

export const LIVE = {
  overview: ['programs', 'products', 'features', 'bugs', 'releases', 'roadmap_items', 'change_requests', 'blockers', 'compliance_results', 'deployment_events'],
  // The pages of a program, a product, a feature and a bug: the plan, its work and who works on it.
  portfolio: ['programs', 'products', 'features', 'bugs', 'releases', 'compliance_results', 'waves', ...work, 'builders'],
  board: work,
  roadmap: [...work, 'roadmap_phase_limits', 'programs', 'products', 'features'],
  changeRequest: [...work, 'decisions', 'approval_request'],
  blockers: ['blockers', 'roadmap_items', 'change_requests', 'tasks', 'attempts', 'builders'],
  builders,
  task: [...builders, 'evidence', 'decisions'],
  releases,
  settings: ['memberships', 'invitations', 'api_tokens', 'builders', 'preferences'],
  standards: ['standards', 'standard_assignments', 'charter_docs'],
  webhooks: ['webhooks', 'webhook_deliveries'],
  // A planning project's build runs and the run page: the run, its assignments and everything agents report.
  planningRuns: [
    'orchestration_run',
    'card_assignment',
    'agent_execution',
    'agent_commit',
    'run_check',
    'pull_request_candidate',
    'approval_request',
    'event_log',
    'system_policy_profile',
    'card',
  ],
  // A planning project's story map, cards and action history (issue 18).
  planning: [
    'project',
    'workflow',
    'workflow_activity',
    'card',
    'planning_action',
    'context_artifact',
    'card_context_artifact',
    'card_requirement',
    'card_known_fact',
    'card_assumption',
    'card_question',
    'card_planned_file',
  ],
  // The "needs you" inbox and the header's count (lib/inbox/kinds.ts lists why each is here).
  inbox: INBOX_TOPICS,
} as const satisfies Record<string, readonly string[]>;
