'use client';

import { horizontalListSortingStrategy, SortableContext } from '@dnd-kit/sortable';
import { ArrowDown, ArrowUp, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import type { StoryMapWorkflow } from '@/lib/planning/story-map-types';

import { ActivityColumn, NameForm, type Send } from './story-map-parts';

interface BandProps {
  workflow: StoryMapWorkflow;
  index: number;
  count: number;
  projectId: string;
  canEdit: boolean;
  dragging: 'card' | 'activity' | null;
  send: Send;
}

/** A workflow: a band with its activities side by side; renamed, moved up or down, deleted with all it holds. */
export function WorkflowBand({ workflow, index, count, projectId, canEdit, dragging, send }: BandProps) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const cards = workflow.activities.reduce((n, a) => n + a.cards.length, 0);
  return (
    <section
      aria-labelledby={`workflow-${workflow.id}`}
      data-testid="workflow-band"
      data-workflow-id={workflow.id}
      className="space-y-3 rounded-xl border border-border bg-surface p-3 shadow-sm"
    >
      <header className="flex flex-wrap items-center gap-2">
        {renaming ? (
          <NameForm
            label="Workflow name"
            submitLabel="Save"
            initial={workflow.title}
            onCancel={() => setRenaming(false)}
            onSubmit={(title) => {
              setRenaming(false);
              send([{ type: 'updateWorkflow', workflowId: workflow.id, title }]);
            }}
          />
        ) : (
          <h2 id={`workflow-${workflow.id}`} className="text-base font-semibold">
            {workflow.title}
          </h2>
        )}
        <span className="text-xs text-muted-foreground">
          {workflow.activities.length} {workflow.activities.length === 1 ? 'activity' : 'activities'} · {cards} {cards === 1 ? 'card' : 'cards'}
        </span>
        {canEdit && !renaming && (
          <div className="ml-auto flex items-center gap-1">
            <Button size="sm" variant="ghost" aria-label={`Rename workflow ${workflow.title}`} onClick={() => setRenaming(true)}>
              <Pencil className="size-3.5" aria-hidden /> Rename
            </Button>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Move workflow ${workflow.title} up`}
              disabled={index === 0}
              onClick={() => send([{ type: 'updateWorkflow', workflowId: workflow.id, position: index - 1 }])}
            >
              <ArrowUp className="size-3.5" aria-hidden />
            </Button>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Move workflow ${workflow.title} down`}
              disabled={index === count - 1}
              onClick={() => send([{ type: 'updateWorkflow', workflowId: workflow.id, position: index + 1 }])}
            >
              <ArrowDown className="size-3.5" aria-hidden />
            </Button>
            {confirming ? (
              <span className="flex items-center gap-1" role="group" aria-label="Delete workflow?">
                <Button
                  size="sm"
                  variant="danger"
                  autoFocus
                  onClick={() => {
                    setConfirming(false);
                    send([{ type: 'deleteWorkflow', workflowId: workflow.id }]);
                  }}
                >
                  Delete with {cards} cards
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </span>
            ) : (
              <Button size="sm" variant="ghost" aria-label={`Delete workflow ${workflow.title}`} onClick={() => setConfirming(true)}>
                <Trash2 className="size-3.5" aria-hidden />
              </Button>
            )}
          </div>
        )}
      </header>
      <div className="-mx-1 flex gap-3 overflow-x-auto px-1 pb-2">
        <SortableContext items={workflow.activities.map((a) => `activity:${a.id}`)} strategy={horizontalListSortingStrategy}>
          {workflow.activities.map((activity) => (
            <ActivityColumn key={activity.id} activity={activity} projectId={projectId} canEdit={canEdit} dragging={dragging} send={send} />
          ))}
        </SortableContext>
        {workflow.activities.length === 0 && !canEdit && <p className="py-4 text-sm text-muted-foreground">No activities yet.</p>}
        {canEdit && (
          <div className="w-64 shrink-0 rounded-xl border border-dashed border-border p-2">
            <p className="mb-2 flex items-center gap-1 text-xs font-medium text-muted-foreground">
              <Plus className="size-3.5" aria-hidden /> {workflow.activities.length === 0 ? 'Add the first activity' : 'Add an activity'}
            </p>
            <NameForm
              label={`New activity in ${workflow.title}`}
              submitLabel="Add"
              onSubmit={(title) => send([{ type: 'createActivity', workflowId: workflow.id, title }])}
            />
          </div>
        )}
      </div>
    </section>
  );
}
