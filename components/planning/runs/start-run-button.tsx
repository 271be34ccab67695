'use client';

import { Play } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFormFooter, DialogHeader } from '@/components/ui/dialog';
import { FormMessage, SelectField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

export interface StartRunTargets {
  workflows: { id: string; title: string }[];
  cards: { id: string; title: string; finalized: boolean }[];
}

type StartInput = { projectId: string; scope: 'card' | 'workflow'; cardId?: string; workflowId?: string };

/**
 * Starts a build run of a card or a workflow. The database decides (finalized cards, an approved
 * planned file each, one running build per project); a refusal is shown as its sentence. With
 * `cardId` the button builds that card without asking (the story map's card panel places it so).
 */
export function StartRunButton({
  projectId,
  targets,
  cardId,
  start,
  label = 'Start a run',
}: {
  projectId: string;
  targets: StartRunTargets;
  cardId?: string;
  start: (input: StartInput) => Promise<ActionResult<{ id: string; projectId: string }>>;
  label?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'card' | 'workflow'>('card');
  const action = useAction(start, {
    refresh: false,
    onSuccess: (run) => {
      setOpen(false);
      router.push(`/planning/${run.projectId}/runs/${run.id}`);
    },
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button onClick={() => setOpen(true)} data-testid="start-run">
        <Play className="size-4" aria-hidden />
        {label}
      </Button>
      <DialogContent data-testid="start-run-dialog">
        <DialogHeader title="Start a build run" description="Builders work on the cards it builds; the run page follows them live." />
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) =>
            action.submit(event, (data) => ({
              projectId,
              scope,
              cardId: scope === 'card' ? String(data.get('cardId') ?? cardId ?? '') : undefined,
              workflowId: scope === 'workflow' ? String(data.get('workflowId') ?? '') : undefined,
            }))
          }
        >
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Build</legend>
            <div className="flex gap-4 text-sm">
              {(['card', 'workflow'] as const).map((value) => (
                <label key={value} className="flex items-center gap-2">
                  <input type="radio" name="scope" value={value} checked={scope === value} onChange={() => setScope(value)} />
                  {value === 'card' ? 'One card' : 'A whole workflow'}
                </label>
              ))}
            </div>
          </fieldset>
          {scope === 'card' ? (
            <SelectField label="Card" name="cardId" defaultValue={cardId ?? ''} error={action.fieldErrors.cardId}>
              <option value="">Choose a card…</option>
              {targets.cards.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                  {c.finalized ? '' : ' (not finalized)'}
                </option>
              ))}
            </SelectField>
          ) : (
            <SelectField label="Workflow" name="workflowId" defaultValue="" error={action.fieldErrors.workflowId}>
              <option value="">Choose a workflow…</option>
              {targets.workflows.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.title}
                </option>
              ))}
            </SelectField>
          )}
          <FormMessage error={action.error} success={action.success} testId="start-run-message" />
          <DialogFormFooter pending={action.pending} pendingLabel="Starting…">
            Start run
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
