/**
 * What the roadmap's pages receive from lib/roadmap: small objects shaped for the UI. Safe for
 * client components (types only).
 */
export interface Term {
  key: string;
  label: string;
}

export interface PhaseProgress {
  total: number;
  completed: number;
  inProgress: number;
  blocked: number;
  percent: number;
}

export interface LaneItem {
  id: string;
  title: string;
  status: Term;
  type: Term;
  owner: string | null;
  /** The owner as a person reads it (a member's name, a builder's id), or null without an owner. */
  ownerName: string | null;
  programId: string | null;
  rank: number | null;
  /** The row version the page saw: a move sends it back, and is refused if someone changed the item since. */
  version: number;
  /** Blocking dependencies not yet completed. */
  unmetDependencies: number;
  targetDate: string | null;
}

export interface PhaseLane {
  phase: Term;
  /** Counts of the lane's items (matching the filters, when there are any). */
  progress: PhaseProgress;
  /** Live items of the phase that are neither completed nor deferred, whatever the filters: what the limit counts. */
  active: number;
  limit: number;
  items: LaneItem[];
}

export interface RoadmapOptions {
  programs: { id: string; name: string }[];
  products: { id: string; name: string; programId: string }[];
  statuses: Term[];
  types: Term[];
}

export interface MoveResult {
  id: string;
  phaseKey: string;
  rank: number;
  version: number;
}

export type DependencyType = 'blocks' | 'soft' | 'related';
export type CrDependencyType = 'blocks' | 'related' | 'supersedes';

// A type, not an interface: React Flow's node data must be indexable.
export type GraphNode = {
  id: string;
  label: string;
  status: Term;
  /** 'work', 'gate', … for roadmap items; 'cr' for change requests. */
  kind: string;
  href: string;
  focus?: boolean;
  /** On the focused item's prerequisite chain. */
  inChain?: boolean;
};

export interface GraphEdge {
  /** The dependent item. */
  from: string;
  /** What it depends on. */
  to: string;
  type: string;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Set when the graph shows a neighbourhood rather than everything. */
  truncated: boolean;
}
