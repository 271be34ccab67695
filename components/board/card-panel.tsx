'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ExternalLink, Loader2 } from 'lucide-react';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { HistoryList } from '@/components/history/history-list';
import { Dialog, DialogCloseButton, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog';
import { EntityLink } from '@/components/ui/entity-link';
import { useAction } from '@/components/ui/use-action';
import type { UpdateWorkItemInput, WorkItemDetails } from '@/lib/board/details';
import type { ActionResult } from '@/lib/procedure/result';
import { KINDS, type BoardKind } from '@/lib/board/kinds';
import type { BoardCard } from '@/lib/board/types';
import { BOARD_KIND_ENTITY } from '@/lib/links/entity-href';

import { BOARD_PLAN_KIND } from '@/components/plan/board-create';
import { DeletePlanItemButton } from '@/components/plan/delete-button';

import { fetchItem } from './board-api';

/** Saves a card's edited fields (the board's server action). */
export type UpdateAction = (input: UpdateWorkItemInput) => Promise<ActionResult<{ card: BoardCard }>>;

interface Props {
  kind: BoardKind;
  card: BoardCard | null;
  editable: boolean;
  onClose: () => void;
  updateBoardCard: UpdateAction;
  onSaved: (card: BoardCard) => void;
  onStale: (card: BoardCard) => void;
  /** The viewer may delete items of the plan (plan:edit): the panel offers Delete, with Undo. */
  canPlan?: boolean;
  onDeleted?: (card: BoardCard) => void;
  onRestored?: (card: BoardCard) => void;
}

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The side panel of a card: its details, dependencies, blockers, evidence, version history, and edit fields. */
export function CardPanel({ kind, card, editable, onClose, updateBoardCard, onSaved, onStale, canPlan = false, onDeleted, onRestored }: Props) {
  const planKind = BOARD_PLAN_KIND[kind];
  const details = useQuery({
    queryKey: ['board-item', kind, card?.id, card?.version],
    queryFn: () => fetchItem(kind, card!.id),
    enabled: card !== null,
  });
  return (
    <Dialog open={card !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent side="right" data-testid="card-panel">
        <div className="flex items-start gap-3 border-b border-border px-5 py-4">
          <div className="min-w-0 flex-1">
            <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">
              {KINDS[kind].noun} ·{' '}
              {card && BOARD_KIND_ENTITY[kind] ? (
                <EntityLink
                  kind={BOARD_KIND_ENTITY[kind]}
                  id={card.id}
                  variant="mono"
                  className="normal-case"
                  data-testid="panel-page-link"
                  title={`Open the ${KINDS[kind].noun}'s page`}
                />
              ) : (
                <span className="font-mono normal-case">{card?.id}</span>
              )}
            </p>
            <DialogTitle className="mt-1 leading-snug">{card?.title}</DialogTitle>
            <DialogDescription className="sr-only">Details, dependencies, blockers, evidence and history of this {KINDS[kind].noun}.</DialogDescription>
          </div>
          {canPlan && planKind && card && (
            <DeletePlanItemButton kind={planKind} id={card.id} name={card.title} onDeleted={() => onDeleted?.(card)} onRestored={() => onRestored?.(card)} />
          )}
          <DialogCloseButton className="p-1.5" iconClassName="size-5" />
        </div>
        <div className="flex-1 space-y-6 overflow-y-auto px-5 py-4">
          {details.isPending && (
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <Loader2 className="size-4 animate-spin" aria-hidden /> Loading the details…
            </p>
          )}
          {details.isError && (
            <p className="text-sm text-red-600 dark:text-red-400" role="alert">
              {details.error.message}{' '}
              <button type="button" className="underline" onClick={() => void details.refetch()}>
                Try again
              </button>
            </p>
          )}
          {details.data && card && (
            <PanelBody kind={kind} details={details.data} editable={editable} updateBoardCard={updateBoardCard} onSaved={onSaved} onStale={onStale} />
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}

function Section({ title, count, children }: { title: string; count?: number; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold">
        {title}
        {count !== undefined && <span className="ml-1.5 text-xs font-normal text-muted-foreground">{count}</span>}
      </h3>
      {children}
    </section>
  );
}

function PanelBody({
  kind,
  details,
  editable,
  updateBoardCard,
  onSaved,
  onStale,
}: {
  kind: BoardKind;
  details: WorkItemDetails;
  editable: boolean;
  updateBoardCard: UpdateAction;
  onSaved: (card: BoardCard) => void;
  onStale: (card: BoardCard) => void;
}) {
  const { card } = details;
  return (
    <>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-muted-foreground">Owner</dt>
        <dd>{card.ownerName ?? 'Nobody yet'}</dd>
        <dt className="text-muted-foreground">In its column</dt>
        <dd>since {when(card.statusChangedAt)}</dd>
        {details.facts.map((fact) => (
          <div key={fact.label} className="contents">
            <dt className="text-muted-foreground">{fact.label}</dt>
            <dd className="break-words">
              {fact.link ? (
                <EntityLink kind={fact.link.kind} id={fact.link.id}>
                  {fact.value}
                </EntityLink>
              ) : (
                fact.value
              )}
            </dd>
          </div>
        ))}
        <dt className="text-muted-foreground">Version</dt>
        <dd className="tabular-nums">{card.version}</dd>
      </dl>
      {details.description && <p className="whitespace-pre-line text-sm leading-relaxed">{details.description}</p>}
      {editable ? (
        // Keyed by version: after a save the fields start again from what was saved.
        <EditForm key={card.version} kind={kind} details={details} updateBoardCard={updateBoardCard} onSaved={onSaved} onStale={onStale} />
      ) : (
        <p className="rounded-md bg-muted px-3 py-2 text-xs text-muted-foreground">Only its owner (a builder) or a manager can edit this {KINDS[kind].noun}.</p>
      )}
      {(kind === 'cr' || kind === 'roadmap') && (
        <Section title="Dependencies" count={details.dependencies.length}>
          {details.dependencies.length === 0 ? (
            <p className="text-sm text-muted-foreground">None.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {details.dependencies.map((d) => (
                <li key={`${d.direction}-${d.id}`} className="flex gap-2">
                  <span className="w-24 shrink-0 text-xs text-muted-foreground">{d.direction === 'out' ? `${d.type} on` : `${d.type} for`}</span>
                  <EntityLink kind={kind === 'cr' ? 'cr' : 'roadmap'} id={d.id} variant="mono" />
                  <span className="min-w-0 flex-1 truncate">{d.title}</span>
                  <span className="text-xs text-muted-foreground">{d.status}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
      {(kind === 'roadmap' || kind === 'task') && (
        <>
          <Section title="Blockers" count={details.blockers.length}>
            {details.blockers.length === 0 ? (
              <p className="text-sm text-muted-foreground">None.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {details.blockers.map((b) => (
                  <li key={b.id} className="flex gap-2">
                    <span className={b.resolved ? 'text-xs text-muted-foreground' : 'text-xs font-medium text-red-600 dark:text-red-400'}>
                      {b.resolved ? 'resolved' : (b.severity ?? 'open')}
                    </span>
                    <span className="min-w-0 flex-1">{b.title}</span>
                    <span className="text-xs text-muted-foreground">{when(b.at)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Evidence" count={details.evidence.length}>
            {details.evidence.length === 0 ? (
              <p className="text-sm text-muted-foreground">None yet. Completion needs evidence.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {details.evidence.map((e) => (
                  <li key={e.id} className="flex gap-2">
                    <ExternalLink className="mt-0.5 size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                    <span className="min-w-0 flex-1">{e.title}</span>
                    <span className="text-xs text-muted-foreground">
                      {e.by}, {when(e.at)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
      <Section title="History" count={details.history?.length}>
        {details.history === null ? (
          <p className="text-sm text-muted-foreground">Gantry keeps version history for change requests, roadmap items and bugs.</p>
        ) : (
          <HistoryList entries={details.history} testId="card-history" />
        )}
      </Section>
    </>
  );
}

const input =
  'w-full rounded-md border border-border bg-surface px-3 py-2 text-sm shadow-sm outline-none focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30';

function EditForm({
  kind,
  details,
  updateBoardCard,
  onSaved,
  onStale,
}: {
  kind: BoardKind;
  details: WorkItemDetails;
  updateBoardCard: UpdateAction;
  onSaved: (card: BoardCard) => void;
  onStale: (card: BoardCard) => void;
}) {
  const queryClient = useQueryClient();
  const { card } = details;
  const save = useAction(updateBoardCard, {
    refresh: false,
    onSuccess: (data) => {
      onSaved(data.card);
      toast.success('Saved');
    },
    onError: (error) => {
      if (error.code !== 'stale') return;
      onStale(card);
      void queryClient.invalidateQueries({ queryKey: ['board-item', kind, card.id] });
    },
  });
  const errors = save.fieldErrors;

  function toInput(form: FormData) {
    const text = (name: string) => (form.has(name) ? String(form.get(name)) : undefined);
    return {
      kind,
      id: card.id,
      version: card.version,
      title: text('title') ?? '',
      description: text('description'),
      owner: text('owner'),
      size: text('size') as 'S' | undefined,
      priority: text('priority') === undefined ? undefined : Number(text('priority')),
      severity: text('severity'),
    };
  }

  return (
    <form onSubmit={(event) => save.submit(event, toInput)} className="space-y-3 rounded-lg border border-border p-3" aria-label="Edit">
      <label className="block space-y-1 text-sm font-medium">
        Title
        <input name="title" defaultValue={card.title} className={input} aria-invalid={Boolean(errors.title)} required maxLength={300} />
        {errors.title && <span className="block text-xs text-red-600 dark:text-red-400">{errors.title}</span>}
      </label>
      {kind !== 'task' && (
        <label className="block space-y-1 text-sm font-medium">
          Description
          <textarea name="description" defaultValue={details.description ?? ''} rows={3} className={input} />
        </label>
      )}
      {kind !== 'card' && (
        <label className="block space-y-1 text-sm font-medium">
          {kind === 'task' ? 'Builder' : 'Owner'}
          {/* Owners are stable ids (user:…, agent:…); a free-text owner from before stays selectable as it is. */}
          <select name="owner" defaultValue={card.owner ?? ''} className={input} aria-invalid={Boolean(errors.owner)}>
            <option value="">Nobody</option>
            {card.owner !== null && !details.ownerOptions.some((o) => o.value === card.owner) && (
              <option value={card.owner}>{card.ownerName ?? card.owner}</option>
            )}
            {details.ownerOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {errors.owner && <span className="block text-xs text-red-600 dark:text-red-400">{errors.owner}</span>}
        </label>
      )}
      {kind === 'cr' && (
        <label className="block space-y-1 text-sm font-medium">
          Size
          <select name="size" defaultValue={details.fields.size ?? 'M'} className={input}>
            {['S', 'M', 'L', 'XL'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      {kind === 'card' && (
        <label className="block space-y-1 text-sm font-medium">
          Priority
          <input name="priority" type="number" min={0} defaultValue={details.fields.priority ?? 0} className={input} aria-invalid={Boolean(errors.priority)} />
          {errors.priority && <span className="block text-xs text-red-600 dark:text-red-400">{errors.priority}</span>}
        </label>
      )}
      {kind === 'bug' && (
        <label className="block space-y-1 text-sm font-medium">
          Severity
          <select name="severity" defaultValue={details.fields.severity ?? 'medium'} className={input}>
            {['critical', 'high', 'medium', 'low'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={save.pending}>
          {save.pending && <Loader2 className="size-4 animate-spin" aria-hidden />} Save
        </Button>
        <p className="text-xs text-muted-foreground" role="status" aria-live="polite">
          {save.error}
        </p>
      </div>
    </form>
  );
}
