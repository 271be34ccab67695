import dagre from '@dagrejs/dagre';

import type { GraphData } from '@/lib/roadmap/types';

export const NODE_WIDTH = 224;
export const NODE_HEIGHT = 68;

/**
 * Left-to-right positions for a dependency graph: what an item depends on is drawn to its left,
 * so the work reads in the order it can be done.
 */
export function layoutGraph(data: GraphData): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 20, ranksep: 70, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of data.nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of data.edges) {
    // 'related' edges do not order the work: they weigh nothing when dagre straightens edges.
    // (minlen stays 1: dagre 3 fails on a minlen of 0.)
    if (graph.hasNode(edge.to) && graph.hasNode(edge.from)) graph.setEdge(edge.to, edge.from, { weight: edge.type === 'related' ? 0 : 1, minlen: 1 });
  }
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const id of graph.nodes()) {
    const { x, y } = graph.node(id);
    positions.set(id, { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 });
  }
  return positions;
}
