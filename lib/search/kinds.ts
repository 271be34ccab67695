/** What the palette's search answers, for server and client alike. */
/** The kinds of thing the palette finds, in the order they rank among equals. */
export const SEARCH_KINDS = ['program', 'product', 'feature', 'release', 'roadmap', 'cr', 'bug', 'task', 'card', 'blocker', 'builder', 'standard'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  program: 'Program',
  product: 'Product',
  feature: 'Feature',
  release: 'Release',
  roadmap: 'Roadmap item',
  cr: 'Change request',
  bug: 'Bug',
  task: 'Foreman task',
  card: 'Planning card',
  blocker: 'Blocker',
  builder: 'Builder',
  standard: 'Standard',
};

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  href: string;
}
