import type { KnowledgeKind } from '@/lib/planning/action-types';

/** The four kinds of a card's knowledge, in the card page's order (a plain module: the server page maps over it). */
export const KNOWLEDGE_SECTIONS: { kind: KnowledgeKind; title: string; one: string; hint: string }[] = [
  { kind: 'requirement', title: 'Requirements', one: 'requirement', hint: 'What the build must do. A card is finalized only with at least one.' },
  { kind: 'fact', title: 'Known facts', one: 'known fact', hint: 'What is true already and the builder can rely on.' },
  { kind: 'assumption', title: 'Assumptions', one: 'assumption', hint: 'What is taken as true until someone checks.' },
  { kind: 'question', title: 'Questions', one: 'question', hint: 'What is still open.' },
];
