/**
 * Word lists that the generator combines into names and titles, so that pages at scale read
 * like an organisation's work rather than "item 41,337".
 */
export const programNames = [
  'Atlas platform',
  'Beacon mobile',
  'Cobalt data',
  'Delta payments',
  'Ember search',
  'Fjord identity',
  'Granite infra',
  'Harbor messaging',
  'Iris analytics',
  'Juniper partner',
] as const;

export const productParts = ['API', 'Console', 'Agent', 'Worker', 'SDK', 'Mobile app', 'Docs site', 'Gateway'] as const;

export const featureNames = [
  'Sign-in',
  'Audit trail',
  'Bulk import',
  'Exports',
  'Notifications',
  'Billing',
  'Search',
  'Rate limits',
  'Webhooks',
  'Dashboards',
  'Permissions',
  'Offline mode',
  'Sharing',
  'Tagging',
  'Scheduling',
  'Retention',
  'Onboarding',
  'Settings',
  'Reports',
  'Caching',
] as const;

export const verbs = [
  'Add',
  'Fix',
  'Speed up',
  'Document',
  'Harden',
  'Migrate',
  'Split',
  'Retire',
  'Test',
  'Cache',
  'Paginate',
  'Instrument',
  'Refactor',
  'Secure',
  'Localise',
  'Simplify',
] as const;

export const subjects = [
  'the lease store',
  'token refresh',
  'the export job',
  'webhook retries',
  'the search index',
  'the billing ledger',
  'session storage',
  'the import parser',
  'rate-limit headers',
  'the audit writer',
  'the settings page',
  'the sync worker',
  'the report builder',
  'the upload path',
  'the permission cache',
  'the job queue',
  'the release pipeline',
  'the notification fan-out',
  'the schema migrator',
  'the health check',
] as const;

export const owners = [
  'agent:builder-1',
  'agent:builder-2',
  'agent:builder-3',
  'agent:qa-1',
  'agent:planner',
  'ana',
  'ben',
  'chen',
  'dara',
  'eli',
  'farah',
  'johan',
] as const;

export const builderModels = ['claude-sonnet-4.5', 'gpt-4.1', 'qwen2.5-coder-32b', 'gemini-2.5-pro'] as const;

export const heartbeatMessages = [
  'Running the test suite',
  'Editing source files',
  'Waiting for CI',
  'Reading the architecture notes',
  'Writing evidence',
  'Rebasing on main',
  'Waiting for review',
  'Idle: no task assigned',
] as const;

export const standardDefinitions = [
  { name: 'Tests pass', level: 'product', check: 'boolean', blocking: true },
  { name: 'Coverage at least 80%', level: 'product', check: 'threshold', blocking: true },
  { name: 'Lint clean', level: 'product', check: 'boolean', blocking: true },
  { name: 'No critical vulnerabilities', level: 'product', check: 'boolean', blocking: true },
  { name: 'Bundle under 300 kB', level: 'product', check: 'threshold', blocking: false },
  { name: 'Accessibility checks pass', level: 'product', check: 'boolean', blocking: false },
  { name: 'Changelog entry', level: 'release', check: 'pattern', blocking: true },
  { name: 'Release notes reviewed', level: 'release', check: 'manual', blocking: false },
  { name: 'Migration rehearsed', level: 'release', check: 'manual', blocking: true },
  { name: 'Smoke tests on staging', level: 'release', check: 'boolean', blocking: true },
] as const;
