'use client';

import { Pencil, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { knowledgeItemSources, knowledgeItemStatuses } from '@/lib/db/schema/planning-values';
import type { KnowledgeKind } from '@/lib/planning/action-types';
import type { KnowledgeItemView } from '@/lib/planning/story-map-types';

import { usePlanning } from './use-planning';

const control =
  'h-8 rounded-md border border-border bg-surface px-2 text-sm outline-none focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30';

type Status = (typeof knowledgeItemStatuses)[number];
type Source = (typeof knowledgeItemSources)[number];

/** One kind of knowledge of a card (requirements, facts, assumptions or questions): list, add, edit, delete. */
export function KnowledgeSection({
  projectId,
  cardId,
  kind,
  title,
  one,
  hint,
  items,
  canEdit,
}: {
  projectId: string;
  cardId: string;
  kind: KnowledgeKind;
  title: string;
  one: string;
  hint: string;
  items: KnowledgeItemView[];
  canEdit: boolean;
}) {
  const planning = usePlanning(projectId);
  const [editing, setEditing] = useState<string | null>(null);
  const add = (event: FormEvent<HTMLFormElement>) =>
    planning.submit(event, (data) => [
      { type: 'upsertCardKnowledgeItem', cardId, kind, text: String(data.get('text') ?? ''), source: String(data.get('source') ?? 'user') as Source },
    ]);
  const edit = (itemId: string) => (event: FormEvent<HTMLFormElement>) =>
    planning.submit(event, (data) => {
      setEditing(null);
      return [
        {
          type: 'upsertCardKnowledgeItem',
          cardId,
          kind,
          itemId,
          text: String(data.get('text') ?? ''),
          status: String(data.get('status')) as Status,
          source: String(data.get('source')) as Source,
        },
      ];
    });
  return (
    <section
      aria-labelledby={`knowledge-${kind}`}
      className="space-y-3 rounded-xl border border-border bg-surface p-4 shadow-sm"
      data-testid={`knowledge-${kind}`}
    >
      <div>
        <h3 id={`knowledge-${kind}`} className="font-semibold">
          {title} <span className="text-sm font-normal text-muted-foreground">({items.length})</span>
        </h3>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No {title.toLowerCase()} yet.</p>
      ) : (
        <ul className="divide-y divide-border">
          {items.map((item) =>
            editing === item.id ? (
              <li key={item.id} className="py-2">
                <form onSubmit={edit(item.id)} className="flex flex-wrap items-center gap-2">
                  <input
                    name="text"
                    aria-label={`Text of the ${one}`}
                    defaultValue={item.text}
                    required
                    maxLength={5000}
                    className={`${control} min-w-48 flex-1`}
                    autoFocus
                  />
                  <select name="status" aria-label="Status" defaultValue={item.status} className={control}>
                    {knowledgeItemStatuses.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                  <select name="source" aria-label="Source" defaultValue={item.source} className={control}>
                    {knowledgeItemSources.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                  <Button type="submit" size="sm" variant="secondary" disabled={planning.pending}>
                    Save
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
                    Cancel
                  </Button>
                </form>
              </li>
            ) : (
              <li key={item.id} className="flex items-start gap-2 py-2 text-sm" data-testid="knowledge-item">
                <p className="min-w-0 flex-1 whitespace-pre-wrap">{item.text}</p>
                <span className="shrink-0 rounded bg-muted px-1.5 py-0.5 text-[11px] text-muted-foreground">{item.status}</span>
                <span className="shrink-0 text-[11px] text-muted-foreground">by {item.source}</span>
                {canEdit && (
                  <>
                    <Button
                      size="sm"
                      variant="ghost"
                      className="h-7 px-1.5"
                      aria-label={`Edit the ${one} “${item.text.slice(0, 40)}”`}
                      onClick={() => setEditing(item.id)}
                    >
                      <Pencil className="size-3.5" aria-hidden />
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      className="h-7 px-1.5"
                      aria-label={`Delete the ${one} “${item.text.slice(0, 40)}”`}
                      disabled={planning.pending}
                      onClick={() => planning.run([{ type: 'upsertCardKnowledgeItem', cardId, kind, itemId: item.id, deleted: true }])}
                    >
                      <Trash2 className="size-3.5" aria-hidden />
                    </Button>
                  </>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {canEdit && (
        <form onSubmit={add} className="flex flex-wrap items-center gap-2" key={items.length}>
          <input name="text" aria-label={`New ${one}`} placeholder={`New ${one}`} required maxLength={5000} className={`${control} min-w-48 flex-1`} />
          <select name="source" aria-label={`Source of the new ${one}`} defaultValue="user" className={control}>
            {knowledgeItemSources.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="secondary" disabled={planning.pending}>
            Add {one}
          </Button>
        </form>
      )}
      <FormMessage error={planning.error} testId={`knowledge-${kind}-message`} />
    </section>
  );
}
