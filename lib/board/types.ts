/** What the board's server code answers and its client components read. Safe for client components. */
import type { BoardFilters, BoardKind, BoardScope } from './kinds';

export interface BoardCard {
  id: string;
  title: string;
  status: string;
  rank: number;
  version: number;
  /** The stored owner: `user:<userId>`, `agent:<builderId>`, a builder id (tasks) or free text; see ownerName. */
  owner: string | null;
  /** The owner as the card shows it: a member's name, a builder id, or the free text. */
  ownerName: string | null;
  /** Small facts the card shows as labels, already in words (size, type, phase, severity, …). */
  labels: string[];
  progress: number | null;
  blockers: number;
  dependencies: number;
  /** Blocking dependencies not yet done. */
  waitingOn: number;
  evidence: number;
  /** When it entered its column, ms since the epoch. */
  statusChangedAt: number;
}

export interface BoardColumn {
  key: string;
  label: string;
  count: number;
  cards: BoardCard[];
  /** More cards below the loaded ones. */
  hasMore: boolean;
}

export interface BoardData {
  kind: BoardKind;
  scope: BoardScope;
  filters: BoardFilters;
  columns: BoardColumn[];
  /** The database's clock when read (ms): the next poll asks for changes since. */
  readAt: number;
}

export interface ScopeOption {
  value: string;
  label: string;
  group: string;
}

export interface BoardChange {
  card: BoardCard;
  /** Still on this board under its filters (false: deleted, or filtered out now). */
  visible: boolean;
}

export interface BoardChanges {
  changes: BoardChange[];
  counts: Record<string, number>;
  readAt: number;
  /** More changed than one answer carries (a bulk import): read the board afresh. */
  truncated: boolean;
}

export interface MoveResult {
  card: BoardCard;
}
