/** What the palette's search answers, for server and client alike. */
import { keyedList } from '@/lib/keyed-list';

/** The kinds of thing the palette finds, in the order they rank among equals. */

export const { keys: SEARCH_KINDS, words: SEARCH_KIND_LABELS } = keyedList({
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
});
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  href: string;
}
