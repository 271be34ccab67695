import { Badge, type Tone } from './badge';

/**
 * One colour per status of each domain, for every page that shows it. A state keeps its colour
 * wherever it appears (a task that is "assigned" is violet on the builder's page and on the
 * roadmap's waves alike); the same word may differ between domains (a blocked builder is amber,
 * a blocked task red).
 */
const TONES = {
  /** Foreman's tasks, waves and programs. */
  foreman: { planned: 'neutral', assigned: 'violet', 'in-progress': 'blue', blocked: 'red', completed: 'green', failed: 'red' },
  builder: { active: 'green', idle: 'neutral', blocked: 'amber', failed: 'red' },
  qa: { RED: 'red', PARTIAL: 'amber', GREEN: 'green' },
  roadmap: { pending: 'neutral', in_progress: 'blue', blocked: 'red', completed: 'green', deferred: 'violet' },
  cr: { queue: 'neutral', in_progress: 'blue', review: 'amber', done: 'green' },
  release: { pending: 'neutral', in_progress: 'blue', ready: 'violet', published: 'green', archived: 'neutral' },
  feature: { planned: 'neutral', in_development: 'blue', beta: 'amber', stable: 'green', deprecated: 'red' },
  product: { active: 'green', maintenance: 'amber', deprecated: 'red', archived: 'neutral' },
  bug: { open: 'red', confirmed: 'amber', in_progress: 'blue', fixed: 'violet', verified: 'green', wont_fix: 'neutral' },
  severity: { critical: 'red', high: 'amber', medium: 'blue', low: 'neutral' },
  /** Planning: build runs, their assignments and executions; run checks; approvals; pull-request candidates. */
  run: { queued: 'neutral', running: 'blue', blocked: 'amber', failed: 'red', completed: 'green', cancelled: 'neutral' },
  check: { passed: 'green', failed: 'red', skipped: 'amber', 'not run': 'neutral' },
  approval: { pending: 'amber', approved: 'green', rejected: 'red' },
  pullRequest: { not_created: 'neutral', draft_open: 'violet', open: 'blue', merged: 'green', closed: 'neutral' },
} as const satisfies Record<string, Record<string, Tone>>;

export type StatusDomain = keyof typeof TONES;

export function statusTone(domain: StatusDomain, status: string): Tone {
  return (TONES[domain] as Record<string, Tone>)[status] ?? 'neutral';
}

/** A status key as words: 'in-progress' and 'in_progress' → 'In progress'. */
export function statusLabel(status: string): string {
  const words = status.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A status as a badge in its domain's colour; `label` where the terminology table names it. */
export function StatusBadge({ domain, status, label }: { domain: StatusDomain; status: string; label?: string }) {
  return <Badge tone={statusTone(domain, status)}>{label ?? statusLabel(status)}</Badge>;
}
