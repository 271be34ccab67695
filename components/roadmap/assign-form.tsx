'use client';

import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { FormMessage, SubmitButton } from '@/components/ui/field';
import { Link } from '@/components/ui/link';
import { useAction } from '@/components/ui/use-action';
import { StatusBadge, statusLabel } from '@/components/ui/status';
import type { ActionResult } from '@/lib/procedure/result';
import type { AssignmentOutcome } from '@/lib/roadmap/assign';

const ROLES = ['implementer', 'reviewer', 'owner', 'observer'] as const;
type Role = (typeof ROLES)[number];

export type AssignRoadmapItem = (input: { itemId: string; agentId: string; role: Role }) => Promise<ActionResult<AssignmentOutcome>>;
const control = 'h-9 w-full rounded-md border border-border bg-surface px-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-primary';

/**
 * Assigns an agent (or a person) to an item, then shows what the assignment surfaced: the item's
 * open prerequisites, which of them nobody holds (the database's assignment cascade), and who
 * holds the others.
 */
export function AssignForm({
  itemId,
  items = [],
  assignRoadmapItem,
}: {
  /** A fixed item (the item panel); without it, the form asks which. */
  itemId?: string;
  items?: { id: string; title: string }[];
  assignRoadmapItem: AssignRoadmapItem;
}) {
  const [item, setItem] = useState(itemId ?? '');
  const [agent, setAgent] = useState('');
  const [role, setRole] = useState<Role>('implementer');
  const assign = useAction(assignRoadmapItem, {
    success: (o) =>
      o.surfacedCount
        ? `${o.agentId} is ${o.role} of ${o.itemId}. The assignment surfaced ${o.surfacedCount} prerequisite${o.surfacedCount === 1 ? '' : 's'} that nobody holds.`
        : `${o.agentId} is ${o.role} of ${o.itemId}. No prerequisite was left without a holder.`,
  });
  const outcome = assign.data;

  return (
    <div className="space-y-3">
      <form
        aria-label="Assign an item"
        className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_10rem_auto]"
        onSubmit={(event) => assign.submit(event, () => ({ itemId: item.trim(), agentId: agent.trim(), role }))}
      >
        <div className="space-y-1">
          <label htmlFor="assign-item" className="block text-xs font-medium text-muted-foreground">
            Item
          </label>
          <input
            id="assign-item"
            value={item}
            onChange={(e) => setItem(e.target.value)}
            readOnly={Boolean(itemId)}
            required
            list={items.length ? 'assign-items' : undefined}
            placeholder="RI-…"
            className={control}
          />
          {items.length > 0 && (
            <datalist id="assign-items">
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </datalist>
          )}
        </div>
        <div className="space-y-1">
          <label htmlFor="assign-agent" className="block text-xs font-medium text-muted-foreground">
            Agent or person
          </label>
          <input id="assign-agent" value={agent} onChange={(e) => setAgent(e.target.value)} required placeholder="agent:builder-2" className={control} />
        </div>
        <div className="space-y-1">
          <label htmlFor="assign-role" className="block text-xs font-medium text-muted-foreground">
            Role
          </label>
          <select id="assign-role" value={role} onChange={(e) => setRole(e.target.value as Role)} className={control}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {statusLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton size="sm" className="h-9" pending={assign.pending} pendingLabel="Assigning…" disabled={!item.trim() || !agent.trim()}>
          Assign
        </SubmitButton>
      </form>
      <FormMessage error={assign.error} success={assign.success} testId="assign-message" />
      {outcome && outcome.prerequisites.length > 0 && (
        <div className="space-y-1.5" data-testid="assignment-cascade">
          <h3 className="text-sm font-semibold">Open prerequisites of {outcome.itemId}</h3>
          <ul className="divide-y divide-border rounded-lg border border-border text-sm">
            {outcome.prerequisites.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
                <span className="w-14 text-xs text-muted-foreground">depth {p.depth}</span>
                <Link href={`/roadmap/items/${encodeURIComponent(p.id)}`} className="font-mono text-xs text-primary hover:underline">
                  {p.id}
                </Link>
                <span className="min-w-0 flex-1 truncate">{p.title}</span>
                <StatusBadge domain="roadmap" status={p.status} />
                {p.holders.length ? (
                  <span className="text-xs">held by {p.holders.join(', ')}</span>
                ) : (
                  <Badge tone="amber">{p.surfaced ? 'surfaced: nobody holds it' : 'nobody holds it'}</Badge>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
