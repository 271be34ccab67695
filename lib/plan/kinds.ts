/**
 * The kinds of the plan a manager creates, edits and soft-deletes, with their names in words.
 * Safe for client components: it imports nothing.
 */
export const PLAN_KINDS = ['program', 'product', 'feature', 'release', 'cr', 'bug', 'roadmap', 'wave', 'task', 'standard'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_NOUNS: Record<PlanKind, { one: string; many: string }> = {
  program: { one: 'program', many: 'programs' },
  product: { one: 'product', many: 'products' },
  feature: { one: 'feature', many: 'features' },
  release: { one: 'release', many: 'releases' },
  cr: { one: 'change request', many: 'change requests' },
  bug: { one: 'bug', many: 'bugs' },
  roadmap: { one: 'roadmap item', many: 'roadmap items' },
  wave: { one: 'wave', many: 'waves' },
  task: { one: 'task', many: 'tasks' },
  standard: { one: 'standard', many: 'standards' },
};

export function isPlanKind(value: unknown): value is PlanKind {
  return typeof value === 'string' && (PLAN_KINDS as readonly string[]).includes(value);
}
