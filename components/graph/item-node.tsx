'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

import { Dot, type Tone } from '@/components/ui/badge';
import { statusTone } from '@/components/ui/status';
import { cn } from '@/lib/utils';
import type { GraphNode } from '@/lib/roadmap/types';

import { NODE_HEIGHT, NODE_WIDTH } from './layout';

export type ItemNodeData = GraphNode & { dimmed: boolean; editable: boolean };
export type ItemNode = Node<ItemNodeData, 'item'>;

/** A node's colours, light and dark, in its status's tone (the status badges' tones). */
const NODE: Record<Tone, string> = {
  neutral: 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900',
  blue: 'border-blue-400 bg-blue-50 dark:border-blue-400/60 dark:bg-blue-950',
  amber: 'border-amber-400 bg-amber-50 dark:border-amber-400/60 dark:bg-amber-950',
  red: 'border-red-400 bg-red-50 dark:border-red-400/60 dark:bg-red-950',
  green: 'border-emerald-400 bg-emerald-50 dark:border-emerald-400/60 dark:bg-emerald-950',
  violet: 'border-violet-300 bg-violet-50 dark:border-violet-400/50 dark:bg-violet-950',
};

export function ItemNodeView({ data, selected }: NodeProps<ItemNode>) {
  const tone = statusTone(data.kind === 'cr' ? 'cr' : 'roadmap', data.status.key);
  return (
    <div
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
      data-testid={`graph-node-${data.id}`}
      className={cn(
        'flex flex-col justify-center rounded-lg border-2 px-2.5 py-1.5 text-left shadow-sm transition-opacity',
        NODE[tone],
        data.kind === 'gate' && 'border-dashed',
        data.focus && 'ring-2 ring-primary ring-offset-2 ring-offset-background',
        selected && 'outline-2 outline-offset-2 outline-primary',
        data.dimmed && 'opacity-40',
      )}
    >
      <Handle type="target" position={Position.Left} isConnectable={data.editable} className="!size-2.5 !bg-slate-400" />
      <div className="flex items-center gap-1.5 text-[11px] text-slate-500 dark:text-slate-400">
        <Dot tone={tone} />
        <span className="font-mono">{data.id}</span>
        <span className="ml-auto">{data.kind === 'work' || data.kind === 'cr' ? data.status.label : `${data.kind} · ${data.status.label}`}</span>
      </div>
      <p className="line-clamp-2 text-xs font-medium leading-snug text-slate-900 dark:text-slate-100">{data.label}</p>
      <Handle type="source" position={Position.Right} isConnectable={data.editable} className="!size-2.5 !bg-slate-400" />
    </div>
  );
}
