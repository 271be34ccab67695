'use client';

import '@xyflow/react/dist/style.css';

import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Connection, type Edge, type EdgeMouseHandler, type NodeMouseHandler } from '@xyflow/react';
import { useTheme } from 'next-themes';
import { useMemo, useState, useSyncExternalStore } from 'react';

import type { DependencyActions } from '@/components/roadmap/dependency-editor';
import { Link } from '@/components/ui/link';
import { useAction } from '@/components/ui/use-action';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { FormMessage } from '@/components/ui/field';
import type { CrDependencyType, DependencyType, GraphData } from '@/lib/roadmap/types';

import { ItemNodeView, type ItemNode } from './item-node';
import { layoutGraph } from './layout';

const nodeTypes = { item: ItemNodeView };
const noSubscription = () => () => {};

const EDGE_STYLE: Record<string, { stroke: string; strokeDasharray?: string; arrow: boolean }> = {
  blocks: { stroke: '#ef4444', arrow: true },
  soft: { stroke: '#f59e0b', strokeDasharray: '6 4', arrow: true },
  related: { stroke: '#94a3b8', strokeDasharray: '2 4', arrow: false },
  supersedes: { stroke: '#8b5cf6', strokeDasharray: '8 3', arrow: true },
};

type Selection = { kind: 'node'; id: string } | { kind: 'edge'; from: string; to: string; type: string } | null;

/**
 * An interactive dependency graph (React Flow, laid out left to right by dagre): what an item
 * depends on sits to its left, an arrow runs from it to what waits for it. Zoom and pan with the
 * mouse or the controls; select a node or an edge to see it; drag from a node's right handle to
 * another node's left handle to add a dependency (of the type chosen above), or remove a
 * selected edge. The database refuses a loop, and the graph then stays as it was.
 */
export function DependencyGraph({
  data,
  actions,
  edgeTypes,
  height = 560,
  itemHref,
}: {
  data: GraphData;
  actions: DependencyActions;
  edgeTypes: readonly string[];
  height?: number;
  /** Where a node's "Open" link goes (its page); the node's own href focuses the graph on it. */
  itemHref: 'roadmap' | 'cr';
}) {
  const { resolvedTheme } = useTheme();
  // Drawn in the browser only: the layout and React Flow's measuring need it, and the server
  // then sends a placeholder instead of laying out a hundred nodes on every render.
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [selection, setSelection] = useState<Selection>(null);
  const [newType, setNewType] = useState<string>(edgeTypes[0]!);
  const editable = Boolean(actions.add);

  const adding = useAction(
    ({ from, to }: { from: string; to: string }) =>
      actions.kind === 'roadmap'
        ? actions.add!({ itemId: from, dependsOnId: to, dependencyType: newType as DependencyType })
        : actions.add!({ crId: from, dependsOnId: to, dependencyType: newType as CrDependencyType }),
    { success: (_, edge) => `${edge.from} now depends on ${edge.to} (${newType}).` },
  );
  const removing = useAction(
    ({ from, to }: { from: string; to: string }) =>
      actions.kind === 'roadmap' ? actions.remove!({ itemId: from, dependsOnId: to }) : actions.remove!({ crId: from, dependsOnId: to }),
    { success: (_, edge) => `${edge.from} no longer depends on ${edge.to}.`, onSuccess: () => setSelection(null) },
  );

  const focus = data.nodes.find((n) => n.focus)?.id;
  const near = useMemo(() => {
    const ids = new Set<string>(focus ? [focus] : []);
    if (focus) for (const e of data.edges) if (e.from === focus || e.to === focus) ids.add(e.from === focus ? e.to : e.from);
    return ids;
  }, [data, focus]);
  const { nodes, edges } = useMemo(() => {
    if (!inBrowser) return { nodes: [], edges: [] };
    const positions = layoutGraph(data);
    const nodes: ItemNode[] = data.nodes.map((node) => ({
      id: node.id,
      type: 'item',
      position: positions.get(node.id) ?? { x: 0, y: 0 },
      data: { ...node, dimmed: Boolean(focus) && !near.has(node.id) && !node.inChain, editable },
      ariaLabel: `${node.id}: ${node.label} (${node.status.label})`,
    }));
    const edges: Edge[] = data.edges.map((e) => {
      const style = EDGE_STYLE[e.type] ?? EDGE_STYLE.related!;
      return {
        id: `${e.from}->${e.to}`,
        source: e.to,
        target: e.from,
        data: { type: e.type },
        ariaLabel: `${e.from} depends on ${e.to} (${e.type})`,
        style: { stroke: style.stroke, strokeWidth: e.type === 'blocks' ? 2 : 1.5, strokeDasharray: style.strokeDasharray },
        markerEnd: style.arrow ? { type: MarkerType.ArrowClosed, color: style.stroke } : undefined,
      };
    });
    return { nodes, edges };
  }, [data, focus, near, editable, inBrowser]);

  const onNodeClick: NodeMouseHandler<ItemNode> = (_event, node) => setSelection({ kind: 'node', id: node.id });
  const onEdgeClick: EdgeMouseHandler = (_event, edge) =>
    setSelection({ kind: 'edge', from: edge.target, to: edge.source, type: String((edge.data as { type?: string })?.type ?? '') });
  const onConnect = (connection: Connection) => {
    if (!connection.source || !connection.target) return;
    // Dragged from the prerequisite (right handle) to the item that will wait for it (left handle).
    const edge = { from: connection.target, to: connection.source };
    adding.run(edge);
  };

  const selectedNode = selection?.kind === 'node' ? data.nodes.find((n) => n.id === selection.id) : undefined;
  const pageOf = (id: string) => (itemHref === 'cr' ? `/change-requests/${encodeURIComponent(id)}` : `/roadmap/items/${encodeURIComponent(id)}`);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-muted-foreground">
        <Legend types={edgeTypes} />
        {editable && (
          <div className="ml-auto flex items-center gap-2">
            <label htmlFor="new-edge-type">New edges drawn on the graph are</label>
            <select
              id="new-edge-type"
              value={newType}
              onChange={(e) => setNewType(e.target.value)}
              className="h-8 rounded-md border border-border bg-surface px-2 text-sm text-foreground"
            >
              {edgeTypes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <FormMessage error={adding.error ?? removing.error} success={adding.success ?? removing.success} testId="graph-message" />
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_17rem]">
        <div style={{ height }} className="overflow-hidden rounded-xl border border-border bg-surface" data-testid="dependency-graph">
          {!inBrowser ? (
            <Skeleton className="size-full rounded-none" />
          ) : (
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              colorMode={resolvedTheme === 'dark' ? 'dark' : 'light'}
              onNodeClick={onNodeClick}
              onEdgeClick={onEdgeClick}
              onPaneClick={() => setSelection(null)}
              onConnect={editable ? onConnect : undefined}
              nodesDraggable={false}
              nodesConnectable={editable}
              deleteKeyCode={null}
              fitView
              // A focused item is framed with its neighbours and its chain; the rest stays a pan away.
              fitViewOptions={{
                padding: 0.15,
                maxZoom: 1.2,
                nodes: focus ? data.nodes.filter((n) => near.has(n.id) || n.inChain).map((n) => ({ id: n.id })) : undefined,
              }}
              minZoom={0.1}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={20} />
              <Controls showInteractive={false} />
              {data.nodes.length > 30 && <MiniMap pannable zoomable />}
            </ReactFlow>
          )}
        </div>
        <aside aria-label="Selection" className="space-y-3 rounded-xl border border-border bg-surface p-4 text-sm" data-testid="graph-selection">
          {selectedNode ? (
            <>
              <div>
                <p className="font-mono text-xs text-muted-foreground">{selectedNode.id}</p>
                <p className="font-medium">{selectedNode.label}</p>
                <p className="text-xs text-muted-foreground">{selectedNode.status.label}</p>
              </div>
              <div className="flex flex-wrap gap-2">
                <Link href={pageOf(selectedNode.id)} className="font-medium text-primary hover:underline">
                  Open
                </Link>
                {!selectedNode.focus && (
                  <Link href={selectedNode.href} className="font-medium text-primary hover:underline">
                    Focus the graph here
                  </Link>
                )}
              </div>
            </>
          ) : selection?.kind === 'edge' ? (
            <>
              <p>
                <span className="font-mono">{selection.from}</span> depends on <span className="font-mono">{selection.to}</span> ({selection.type}).
              </p>
              {actions.remove && (
                <Button variant="danger" size="sm" disabled={removing.pending} onClick={() => removing.run(selection)}>
                  Remove this dependency
                </Button>
              )}
            </>
          ) : (
            <p className="text-muted-foreground">
              Select an item or an edge.
              {editable ? ' To add a dependency, drag from the right edge of what must come first to the left edge of what waits for it.' : ''}
            </p>
          )}
        </aside>
      </div>
    </div>
  );
}

function Legend({ types }: { types: readonly string[] }) {
  return (
    <ul className="flex flex-wrap items-center gap-3" aria-label="Legend">
      {types
        .map((type) => [type, EDGE_STYLE[type] ?? EDGE_STYLE.related!] as const)
        .map(([type, style]) => (
          <li key={type} className="flex items-center gap-1.5">
            <svg width="28" height="8" aria-hidden>
              <line x1="0" y1="4" x2="28" y2="4" stroke={style.stroke} strokeWidth="2" strokeDasharray={style.strokeDasharray} />
            </svg>
            {type}
          </li>
        ))}
      <li>An arrow runs from what must come first to what waits for it.</li>
    </ul>
  );
}
