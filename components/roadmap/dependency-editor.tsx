'use client';

import { useState } from 'react';

import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { Link } from '@/components/ui/link';
import type { ActionResult } from '@/lib/procedure/result';
import type { CrDependencyType, DependencyType } from '@/lib/roadmap/types';

import { useAction } from '@/components/ui/use-action';
import { statusTone } from '@/components/ui/status';

export interface DependencyLink {
  id: string;
  title: string;
  status: { key: string; label: string };
  dependencyType: string;
}

type Result = Promise<ActionResult<unknown>>;

/** The page's actions for its kind of item: roadmap items (blocks, soft, related) or change requests (blocks, related, supersedes). */
export type DependencyActions =
  | {
      kind: 'roadmap';
      add?: (input: { itemId: string; dependsOnId: string; dependencyType: DependencyType }) => Result;
      remove?: (input: { itemId: string; dependsOnId: string }) => Result;
    }
  | {
      kind: 'cr';
      add?: (input: { crId: string; dependsOnId: string; dependencyType: CrDependencyType }) => Result;
      remove?: (input: { crId: string; dependsOnId: string }) => Result;
    };

const KINDS = {
  roadmap: {
    noun: 'roadmap item',
    href: (id: string) => `/roadmap/items/${encodeURIComponent(id)}`,
    tone: (status: string) => statusTone('roadmap', status),
    placeholder: 'RI-…',
  },
  cr: {
    noun: 'change request',
    href: (id: string) => `/change-requests/${encodeURIComponent(id)}`,
    tone: (status: string) => statusTone('cr', status),
    placeholder: 'CR-…',
  },
} as const;

const control = 'h-9 rounded-md border border-border bg-surface px-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-primary';

/**
 * An item's dependencies, both ways, with a form to add one and a button to remove each. Used for
 * roadmap items (blocks, soft, related; cycles refused by the database) and change requests
 * (blocks, related, supersedes).
 */
export function DependencyEditor({
  subject,
  actions,
  types,
  dependsOn,
  dependents,
  suggestions = [],
}: {
  subject: string;
  actions: DependencyActions;
  types: readonly string[];
  dependsOn: DependencyLink[];
  dependents: DependencyLink[];
  suggestions?: { id: string; title: string }[];
}) {
  const [target, setTarget] = useState('');
  const [type, setType] = useState<string>(types[0]!);
  const { kind } = actions;
  const adding = useAction(
    (dependsOnId: string) =>
      actions.kind === 'roadmap'
        ? actions.add!({ itemId: subject, dependsOnId, dependencyType: type as DependencyType })
        : actions.add!({ crId: subject, dependsOnId, dependencyType: type as CrDependencyType }),
    { success: (_, dependsOnId) => `${subject} now depends on ${dependsOnId} (${type}).`, onSuccess: () => setTarget('') },
  );
  const removing = useAction(
    (dependsOnId: string) => (actions.kind === 'roadmap' ? actions.remove!({ itemId: subject, dependsOnId }) : actions.remove!({ crId: subject, dependsOnId })),
    { success: (_, dependsOnId) => `${subject} no longer depends on ${dependsOnId}.` },
  );
  const { noun, href: hrefOf, tone: toneOf, placeholder } = KINDS[kind];
  const listId = `${kind}-dependency-suggestions`;

  return (
    <div className="space-y-4">
      <EdgeList
        title={`${subject} depends on`}
        empty="Nothing: it can start whenever its own status allows."
        links={dependsOn}
        hrefOf={hrefOf}
        toneOf={toneOf}
        onRemove={actions.remove ? (link) => removing.run(link.id) : undefined}
        pending={removing.pending}
        subject={subject}
      />
      <FormMessage error={removing.error} success={removing.success} testId="dependency-remove-message" />
      <EdgeList title={`Depends on ${subject}`} empty={`No ${noun} depends on it.`} links={dependents} hrefOf={hrefOf} toneOf={toneOf} subject={subject} />
      {actions.add && (
        <form
          aria-label="Add a dependency"
          className="space-y-2 rounded-lg border border-dashed border-border p-3"
          onSubmit={(event) => adding.submit(event, () => target.trim())}
        >
          <p className="text-sm font-medium">Add a dependency</p>
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-48 flex-1 space-y-1">
              <label htmlFor="dependency-target" className="block text-xs font-medium text-muted-foreground">
                {subject} depends on ({noun} id)
              </label>
              <input
                id="dependency-target"
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                list={suggestions.length ? listId : undefined}
                required
                placeholder={placeholder}
                aria-invalid={adding.fieldErrors.dependsOnId ? true : undefined}
                className={`${control} w-full`}
              />
              {suggestions.length > 0 && (
                <datalist id={listId}>
                  {suggestions.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </datalist>
              )}
            </div>
            <div className="space-y-1">
              <label htmlFor="dependency-type" className="block text-xs font-medium text-muted-foreground">
                Type
              </label>
              <select id="dependency-type" value={type} onChange={(e) => setType(e.target.value)} className={control}>
                {types.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" size="sm" disabled={adding.pending || !target.trim()}>
              {adding.pending ? 'Adding…' : 'Add'}
            </Button>
          </div>
          <FormMessage error={adding.error} success={adding.success} testId="dependency-message" />
        </form>
      )}
    </div>
  );
}

function EdgeList({
  title,
  empty,
  links,
  hrefOf,
  toneOf,
  onRemove,
  pending,
  subject,
}: {
  title: string;
  empty: string;
  links: DependencyLink[];
  hrefOf: (id: string) => string;
  toneOf: (status: string) => Tone;
  onRemove?: (link: DependencyLink) => void;
  pending?: boolean;
  subject: string;
}) {
  return (
    <div className="space-y-1.5">
      <h3 className="text-sm font-semibold">{title}</h3>
      {links.length === 0 ? (
        <p className="text-sm text-muted-foreground">{empty}</p>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border" aria-label={title}>
          {links.map((link) => (
            <li key={link.id} className="flex items-center gap-2 px-3 py-2 text-sm">
              <Badge tone={link.dependencyType === 'blocks' ? 'red' : link.dependencyType === 'soft' ? 'amber' : 'neutral'}>{link.dependencyType}</Badge>
              <Link href={hrefOf(link.id)} className="font-mono text-xs text-primary hover:underline">
                {link.id}
              </Link>
              <span className="min-w-0 flex-1 truncate">{link.title}</span>
              <Badge tone={toneOf(link.status.key)}>{link.status.label}</Badge>
              {onRemove && (
                <Button variant="ghost" size="sm" disabled={pending} onClick={() => onRemove(link)} aria-label={`Remove: ${subject} depends on ${link.id}`}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
