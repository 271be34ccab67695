'use client';

import { CheckCircle2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from '@/components/ui/field';
import { cardStatuses } from '@/lib/db/schema/planning-values';
import type { CardDetail } from '@/lib/planning/story-map-types';

import { usePlanning } from './use-planning';

const STATUS_LABELS: Record<string, string> = { todo: 'To do', active: 'Active', questions: 'Questions', review: 'Review', production: 'Production' };

/** A card's title, description, status and priority; finalizing it (the database wants a requirement first); deleting it. */
export function CardSummary({ card, canEdit }: { card: CardDetail; canEdit: boolean }) {
  const router = useRouter();
  const save = usePlanning(card.projectId, { success: 'Card saved.' });
  const finalize = usePlanning(card.projectId, {
    success: (_, actions) => (actions[0]?.type === 'updateCard' && actions[0].finalized ? 'Card finalized.' : 'Card reopened.'),
  });
  const remove = usePlanning(card.projectId, { refresh: false, onSuccess: () => router.push(`/planning/${card.projectId}`) });
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="card-summary" className="space-y-4 rounded-xl border border-border bg-surface p-4 shadow-sm" data-live-entity={`card:${card.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs text-muted-foreground">
            {card.workflow} · {card.activity}
          </p>
          <h2 id="card-summary" className="text-xl font-semibold">
            {card.title}
          </h2>
          {card.finalizedAt ? (
            <p className="mt-1 inline-flex items-center gap-1 text-sm font-medium text-emerald-700 dark:text-emerald-300" data-testid="card-finalized">
              <CheckCircle2 className="size-4" aria-hidden /> Finalized{' '}
              {new Date(card.finalizedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
            </p>
          ) : (
            <p className="mt-1 text-sm text-muted-foreground">Not finalized: a build takes only finalized cards with an approved planned file.</p>
          )}
        </div>
        {canEdit && (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant={card.finalizedAt ? 'secondary' : 'primary'}
              size="sm"
              disabled={finalize.pending}
              onClick={() => finalize.run([{ type: 'updateCard', cardId: card.id, finalized: !card.finalizedAt }])}
            >
              {card.finalizedAt ? 'Reopen' : 'Finalize card'}
            </Button>
            {confirming ? (
              <span className="flex items-center gap-1" role="group" aria-label="Delete card?">
                <Button size="sm" variant="danger" autoFocus onClick={() => remove.run([{ type: 'deleteCard', cardId: card.id }])} disabled={remove.pending}>
                  Delete card
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </span>
            ) : (
              <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
                Delete
              </Button>
            )}
          </div>
        )}
      </div>
      <FormMessage error={finalize.error ?? remove.error} success={finalize.success} testId="finalize-message" />
      {canEdit ? (
        <form
          className="grid gap-4 sm:grid-cols-4"
          onSubmit={(event) =>
            save.submit(event, (data) => [
              {
                type: 'updateCard',
                cardId: card.id,
                title: String(data.get('title') ?? ''),
                description: String(data.get('description') ?? ''),
                status: String(data.get('status')) as (typeof cardStatuses)[number],
                priority: Number(data.get('priority') ?? 0),
              },
            ])
          }
        >
          <div className="sm:col-span-2">
            <TextField idPrefix="card" label="Title" name="title" defaultValue={card.title} required />
          </div>
          <SelectField idPrefix="card" label="Status" name="status" defaultValue={card.status}>
            {cardStatuses.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
          <TextField
            idPrefix="card"
            label="Priority"
            name="priority"
            type="number"
            min={0}
            max={1000}
            defaultValue={card.priority}
            hint="0 is none; higher comes first."
          />
          <div className="sm:col-span-4">
            <TextAreaField idPrefix="card" label="Description" name="description" defaultValue={card.description ?? ''} />
          </div>
          <div className="flex items-center gap-3 sm:col-span-4">
            <SubmitButton size="sm" pending={save.pending} pendingLabel="Saving…">
              Save card
            </SubmitButton>
            <div className="flex-1">
              <FormMessage error={save.error} success={save.success} testId="card-message" />
            </div>
          </div>
        </form>
      ) : (
        <dl className="grid gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-muted-foreground">Status</dt>
            <dd>{STATUS_LABELS[card.status] ?? card.status}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Priority</dt>
            <dd>{card.priority}</dd>
          </div>
          <div className="sm:col-span-3">
            <dt className="text-muted-foreground">Description</dt>
            <dd className="whitespace-pre-wrap">{card.description ?? '—'}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
