/**
 * The inbox's words (docs/inbox.md). Safe for client components: it imports nothing but types and the
 * pure keyed-list helper.
 */
import { keyedList } from '@/lib/keyed-list';
import type { EntityKind } from '../links/entity-href';

export const { keys: INBOX_KINDS, words: INBOX_KIND_LABELS } = keyedList({
  blocker: 'Blocker on your item',
  escalation: 'Escalated to you',
  blocked_work: 'Your work is blocked',
  review: 'Review waiting',
  release: 'Release not ready',
  watched: 'Watched item changed',
});
export type InboxKind = (typeof INBOX_KINDS)[number];

export interface InboxEntry {
  key: string;
  kind: InboxKind;
  link: { kind: Exclude<EntityKind, 'wave'>; id: string };
  title: string;
  detail: string;
  occurredAt: string;
  read: boolean;
}

export interface InboxView {
  entries: InboxEntry[];
  unread: number;
  /** More entries than the page holds exist (the oldest are left out). */
  truncated: boolean;
}

/** The tables a person can watch, by the kind of page they are shown on. */
export const WATCH_TABLE_OF = {
  program: 'programs',
  product: 'products',
  feature: 'features',
  bug: 'bugs',
  release: 'releases',
  cr: 'change_requests',
  roadmap: 'roadmap_items',
} as const;
export type WatchableKind = keyof typeof WATCH_TABLE_OF;

/** What the header's count and the inbox page follow on the change feed (lib/live/topics.ts names it). */
export const INBOX_TOPICS = [
  'inbox_reads',
  'watches',
  'blockers',
  'roadmap_items',
  'roadmap_assignments',
  'releases',
  'compliance_results',
  'decisions',
  'memberships',
  ...Object.values(WATCH_TABLE_OF),
] as const;
