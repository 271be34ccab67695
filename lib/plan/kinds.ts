import { keyedList } from '@/lib/keyed-list';

/**
 * The kinds of the plan a manager creates, edits and soft-deletes, with their names in words.
 * Safe for client components: it imports only the pure keyed-list helper.
 */

export const {
  keys: PLAN_KINDS,
  words: PLAN_NOUNS,
  is: isPlanKind,
} = keyedList({
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
});
export type PlanKind = (typeof PLAN_KINDS)[number];
