/**
 * The kinds of work item a board can show, and what each offers: its scopes and filters. Safe
 * for client components (it imports nothing); the SQL behind each kind is in kind-sql.ts.
 */
export const BOARD_KINDS = ['cr', 'roadmap', 'task', 'card', 'bug'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export const SCOPE_TYPES = ['program', 'product', 'wave', 'project'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export const FILTER_KEYS = ['owner', 'type', 'size', 'severity', 'phase', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type BoardFilters = Partial<Record<FilterKey, string>>;

export interface KindInfo {
  label: string;
  /** One of them, in the singular, for sentences. */
  noun: string;
  /** The terminology domain whose keys, in order, are the columns. */
  statusDomain: string;
  scopes: readonly ScopeType[];
  /** Filters beyond owner and text that this kind understands. */
  filters: readonly Exclude<FilterKey, 'q'>[];
}

export const KINDS: Record<BoardKind, KindInfo> = {
  cr: { label: 'Change requests', noun: 'change request', statusDomain: 'cr_status', scopes: ['program', 'product'], filters: ['owner', 'type', 'size'] },
  roadmap: {
    label: 'Roadmap items',
    noun: 'roadmap item',
    statusDomain: 'roadmap_status',
    scopes: ['program', 'product'],
    filters: ['owner', 'type', 'phase'],
  },
  task: { label: 'Foreman tasks', noun: 'task', statusDomain: 'task_state', scopes: ['program', 'wave'], filters: ['owner'] },
  card: { label: 'Planning cards', noun: 'card', statusDomain: 'card_status', scopes: ['project'], filters: [] },
  bug: { label: 'Bugs', noun: 'bug', statusDomain: 'bug_status', scopes: ['program', 'product'], filters: ['owner', 'severity'] },
};

export const FILTER_LABELS: Record<Exclude<FilterKey, 'q'>, string> = {
  owner: 'Owner',
  type: 'Type',
  size: 'Size',
  severity: 'Severity',
  phase: 'Phase',
};

export interface BoardScope {
  type: ScopeType;
  id: string;
}

/** `program:abc` ⇄ { type: 'program', id: 'abc' }: how a scope travels in the URL. */
export function parseScope(value: string | undefined | null): BoardScope | null {
  if (!value) return null;
  const at = value.indexOf(':');
  const type = value.slice(0, at) as ScopeType;
  const id = value.slice(at + 1);
  return at > 0 && id && (SCOPE_TYPES as readonly string[]).includes(type) ? { type, id } : null;
}

export function formatScope(scope: BoardScope): string {
  return `${scope.type}:${scope.id}`;
}

export function isBoardKind(value: unknown): value is BoardKind {
  return typeof value === 'string' && (BOARD_KINDS as readonly string[]).includes(value);
}
