'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

import { cn } from '@/lib/utils';
import type { GraphNode } from '@/lib/roadmap/types';

import { NODE_HEIGHT, NODE_WIDTH } from './layout';

export type ItemNodeData = GraphNode & { dimmed: boolean; editable: boolean };
export type ItemNode = Node<ItemNodeData, 'item'>;

/** Status colours, light and dark: the same tones as the status badges. */
const STATUS = {
  pending: 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900',
  queue: 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900',
  in_progress: 'border-blue-400 bg-blue-50 dark:border-blue-400/60 dark:bg-blue-950',
  review: 'border-amber-400 bg-amber-50 dark:border-amber-400/60 dark:bg-amber-950',
  blocked: 'border-red-400 bg-red-50 dark:border-red-400/60 dark:bg-red-950',
  completed: 'border-emerald-400 bg-emerald-50 dark:border-emerald-400/60 dark:bg-emerald-950',
  done: 'border-emerald-400 bg-emerald-50 dark:border-emerald-400/60 dark:bg-emerald-950',
  deferred: 'border-violet-300 bg-violet-50 dark:border-violet-400/50 dark:bg-violet-950',
} as Record<string, string>;

const DOT = {
  in_progress: 'bg-blue-500',
  review: 'bg-amber-500',
  blocked: 'bg-red-500',
  completed: 'bg-emerald-500',
  done: 'bg-emerald-500',
  deferred: 'bg-violet-500',
} as Record<string, string>;

export function ItemNodeView({ data, selected }: NodeProps<ItemNode>) {
  return (
    <div
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
      data-testid={`graph-node-${data.id}`}
      className={cn(
        'flex flex-col justify-center rounded-lg border-2 px-2.5 py-1.5 text-left shadow-sm transition-opacity',
        STATUS[data.status.key] ?? STATUS.pending,
        data.kind === 'gate' && 'border-dashed',
        data.focus && 'ring-2 ring-primary ring-offset-2 ring-offset-background',
        selected && 'outline-2 outline-offset-2 outline-primary',
        data.dimmed && 'opacity-40',
      )}
    >
      <Handle type="target" position={Position.Left} isConnectable={data.editable} className="!size-2.5 !bg-slate-400" />
      <div className="flex items-center gap-1.5 text-[11px] text-slate-500 dark:text-slate-400">
        <span aria-hidden className={cn('size-2 rounded-full', DOT[data.status.key] ?? 'bg-slate-400')} />
        <span className="font-mono">{data.id}</span>
        <span className="ml-auto">{data.kind === 'work' || data.kind === 'cr' ? data.status.label : `${data.kind} · ${data.status.label}`}</span>
      </div>
      <p className="line-clamp-2 text-xs font-medium leading-snug text-slate-900 dark:text-slate-100">{data.label}</p>
      <Handle type="source" position={Position.Right} isConnectable={data.editable} className="!size-2.5 !bg-slate-400" />
    </div>
  );
}
