import 'server-only';

import { sql } from 'drizzle-orm';

import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rows, textArray } from './sql';
import { getRoadmapTerms } from './terms';
import type { GraphData, GraphEdge, Term } from './types';
import type { OrganisationCaller } from '../auth/identity';

/** Up to this many live items, the graph shows the whole roadmap; beyond, one item's neighbourhood. */
export const WHOLE_GRAPH_LIMIT = 150;
/** The most nodes a neighbourhood shows. */
export const NEIGHBOURHOOD_LIMIT = 120;

/** How far the chain of a large roadmap is walked on a page view (the whole chain can hold tens of thousands of items). */
export const CHAIN_STEPS = 4;

export interface ChainSummary {
  /** The focused item's prerequisites through blocking edges, nearest first. */
  items: { id: string; title: string; status: Term; depth: number }[];
  total: number;
  open: number;
  /** Null when this is the whole chain (v_prerequisite_chain); else the number of steps walked. */
  steps: number | null;
}

export interface DependencyGraph extends GraphData {
  focus: { id: string; title: string; status: Term; version: number } | null;
  /** The roadmap is too large to draw whole and no item was chosen. */
  needsFocus: boolean;
  suggestions: { id: string; title: string }[];
  chain: ChainSummary | null;
  hops: number;
}

interface NodeRow {
  id: string;
  title: string;
  status_key: string;
  item_type: string;
}

/**
 * The dependency graph: every live item and edge of a small roadmap, or the neighbourhood of
 * one item (items within `hops` edges of it, either way, at most NEIGHBOURHOOD_LIMIT), with the
 * focused item's prerequisite chain marked.
 */
export async function getDependencyGraph(
  member: OrganisationCaller,
  {
    focus,
    hops = 2,
    fullChain = false,
  }: {
    focus?: string;
    hops?: number;
    /** Walk the focused item's whole chain even on a large roadmap (slow: seconds at scale L). */
    fullChain?: boolean;
  } = {},
): Promise<DependencyGraph> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    const terms = await getRoadmapTerms(tx);
    const status = (key: string) => terms.label('roadmap_status', key);
    const [{ n }] = (await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::integer AS n FROM (SELECT 1 FROM roadmap_items WHERE organisation_id = ${organisationId} AND deleted_at IS NULL LIMIT ${WHOLE_GRAPH_LIMIT + 1}) s`,
    )) as [{ n: number }];
    const small = Number(n) <= WHOLE_GRAPH_LIMIT;

    let focusRow: (NodeRow & { row_version: number }) | undefined;
    if (focus) {
      [focusRow] = await rows<NodeRow & { row_version: number }>(
        tx,
        sql`SELECT id, title, status_key, item_type, row_version FROM roadmap_items
            WHERE organisation_id = ${organisationId} AND id = ${focus} AND deleted_at IS NULL`,
      );
    }
    if (!focusRow && !small) {
      const suggestions = await rows<{ id: string; title: string }>(
        tx,
        sql`SELECT id, title FROM v_blocked_items WHERE organisation_id = ${organisationId} ORDER BY id LIMIT 8`,
      );
      return { nodes: [], edges: [], truncated: true, focus: null, needsFocus: true, suggestions, chain: null, hops };
    }

    let nodeIds: string[] = [];
    let truncated = false;
    if (!small) ({ ids: nodeIds, truncated } = await neighbourhood(tx, organisationId, focusRow!.id, hops));
    const nodes = await rows<NodeRow>(
      tx,
      small
        ? sql`SELECT id, title, status_key, item_type FROM roadmap_items WHERE organisation_id = ${organisationId} AND deleted_at IS NULL ORDER BY id`
        : sql`SELECT id, title, status_key, item_type FROM roadmap_items
              WHERE organisation_id = ${organisationId} AND id = ANY (${textArray(nodeIds)}) AND deleted_at IS NULL ORDER BY id`,
    );
    const ids = nodes.map((node) => node.id);
    const edges = await rows<{ item_id: string; depends_on_id: string; dependency_type: string }>(
      tx,
      sql`SELECT item_id, depends_on_id, dependency_type FROM roadmap_dependencies
          WHERE organisation_id = ${organisationId} AND item_id = ANY (${textArray(ids)}) AND depends_on_id = ANY (${textArray(ids)})
          ORDER BY item_id, depends_on_id`,
    );
    const chain = focusRow ? await readChain(tx, organisationId, focusRow.id, status, small || fullChain ? null : CHAIN_STEPS) : null;
    const inChain = new Set(chain?.items.map((c) => c.id));
    return {
      nodes: nodes.map((node) => ({
        id: node.id,
        label: node.title,
        status: status(node.status_key),
        kind: node.item_type,
        href: `/roadmap/graph?focus=${encodeURIComponent(node.id)}`,
        focus: node.id === focusRow?.id,
        inChain: inChain.has(node.id),
      })),
      edges: edges.map((e): GraphEdge => ({ from: e.item_id, to: e.depends_on_id, type: e.dependency_type })),
      truncated,
      focus: focusRow ? { id: focusRow.id, title: focusRow.title, status: status(focusRow.status_key), version: Number(focusRow.row_version) } : null,
      needsFocus: false,
      suggestions: [],
      chain,
      hops,
    };
  });
}

/** Items within `hops` edges of the focus (either direction, any type), nearest first, at most NEIGHBOURHOOD_LIMIT. */
async function neighbourhood(tx: Database, organisationId: string, focus: string, hops: number) {
  const seen = new Set([focus]);
  let frontier = [focus];
  let truncated = false;
  for (let hop = 0; hop < hops && frontier.length && !truncated; hop++) {
    const edges = await rows<{ item_id: string; depends_on_id: string }>(
      tx,
      sql`SELECT item_id, depends_on_id FROM roadmap_dependencies
          WHERE organisation_id = ${organisationId} AND (item_id = ANY (${textArray(frontier)}) OR depends_on_id = ANY (${textArray(frontier)}))
          ORDER BY item_id, depends_on_id`,
    );
    const next: string[] = [];
    for (const e of edges) {
      for (const id of [e.item_id, e.depends_on_id]) {
        if (seen.has(id)) continue;
        if (seen.size >= NEIGHBOURHOOD_LIMIT) {
          truncated = true;
          break;
        }
        seen.add(id);
        next.push(id);
      }
    }
    frontier = next;
  }
  return { ids: [...seen], truncated };
}

async function readChain(tx: Database, organisationId: string, root: string, status: (key: string) => Term, steps: number | null): Promise<ChainSummary> {
  const chain = await rows<{ prereq_id: string; prereq_title: string; prereq_status: string; depth: number }>(
    tx,
    steps === null
      ? sql`SELECT prereq_id, prereq_title, prereq_status, depth FROM v_prerequisite_chain
            WHERE organisation_id = ${organisationId} AND root_item_id = ${root}`
      : // The same walk as roadmap_prerequisite_chain (blocking edges, live prerequisites, each item at
        // its least depth), stopped after a few steps.
        sql`WITH RECURSIVE walk (id, depth) AS (
              SELECT d.depends_on_id, 1 FROM roadmap_dependencies d
              JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id AND p.deleted_at IS NULL
              WHERE d.organisation_id = ${organisationId} AND d.item_id = ${root} AND d.dependency_type = 'blocks'
              UNION
              SELECT d.depends_on_id, w.depth + 1 FROM walk w
              JOIN roadmap_dependencies d ON d.organisation_id = ${organisationId} AND d.item_id = w.id AND d.dependency_type = 'blocks'
              JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id AND p.deleted_at IS NULL
              WHERE w.depth < ${steps}
            )
            SELECT p.id AS prereq_id, p.title AS prereq_title, p.status_key AS prereq_status, min(w.depth) AS depth
            FROM walk w JOIN roadmap_items p ON p.organisation_id = ${organisationId} AND p.id = w.id
            WHERE w.id <> ${root}
            GROUP BY p.id, p.title, p.status_key
            ORDER BY depth, p.id`,
  );
  return {
    total: chain.length,
    open: chain.filter((c) => c.prereq_status !== 'completed').length,
    steps,
    items: chain.slice(0, 50).map((c) => ({ id: c.prereq_id, title: c.prereq_title, status: status(c.prereq_status), depth: Number(c.depth) })),
  };
}
