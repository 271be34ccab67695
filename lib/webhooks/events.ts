/**
 * The events a webhook may follow (docs/webhooks.md): each is one kind of change of the change
 * feed (change_log's table and operation, migration change_feed). Migration 0037_webhooks refuses
 * any other name. Safe for client components: it imports nothing.
 */
export const WEBHOOK_EVENTS = {
  'work.created': { table: 'roadmap_items', op: 'insert', label: 'A work item is created' },
  'work.updated': { table: 'roadmap_items', op: 'update', label: 'A work item changes (moved, edited, completed)' },
  'work.deleted': { table: 'roadmap_items', op: 'delete', label: 'A work item is deleted for good' },
  'blocker.raised': { table: 'blockers', op: 'insert', label: 'A blocker is raised' },
  'blocker.updated': { table: 'blockers', op: 'update', label: 'A blocker is escalated or resolved' },
  'release.created': { table: 'releases', op: 'insert', label: 'A release is created' },
  'release.updated': { table: 'releases', op: 'update', label: 'A release changes (status, date, published)' },
  'result.recorded': { table: 'compliance_results', op: 'insert', label: 'A compliance result is recorded (with the release’s verdict)' },
  'deployment.recorded': { table: 'deployment_events', op: 'insert', label: 'A deployment is recorded' },
} as const satisfies Record<string, { table: string; op: 'insert' | 'update' | 'delete'; label: string }>;

export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as WebhookEvent[];

/** The event a test delivery carries ("Send test"); never chosen, always allowed. */
export const PING_EVENT = 'ping';

/** The event a change of the log stands for, if any. */
export function eventOfChange(table: string, op: string): WebhookEvent | null {
  for (const name of WEBHOOK_EVENT_NAMES) {
    const event = WEBHOOK_EVENTS[name];
    if (event.table === table && event.op === op) return name;
  }
  return null;
}
