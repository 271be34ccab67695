'use client';

import { Webhook } from 'lucide-react';

import { Button } from '@/components/ui/button';
import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';
import { WEBHOOK_EVENT_NAMES, WEBHOOK_EVENTS, type WebhookEvent } from '@/lib/webhooks/events';

export interface WebhookFields {
  name: string;
  url: string;
  /** As ticked; the action checks each name against the list. */
  events: WebhookEvent[];
}

/** Create (no `webhookId`) or edit a webhook: name, URL and the events it follows. */
export function WebhookForm<R>({
  action,
  initial,
  submitLabel,
  pendingLabel,
  idPrefix,
  onDone,
  onCancel,
}: {
  action: (input: WebhookFields) => Promise<ActionResult<R>>;
  initial?: { name: string; url: string; events: readonly WebhookEvent[] };
  submitLabel: string;
  pendingLabel: string;
  idPrefix: string;
  onDone?: (data: R) => void;
  onCancel?: () => void;
}) {
  const save = useAction(action, { resetForm: !initial, onSuccess: (data) => onDone?.(data) });
  const problems = save.fieldErrors;
  const chosen = new Set<string>(initial?.events ?? []);

  return (
    <form
      noValidate
      className="space-y-4"
      data-testid={`${idPrefix}-form`}
      onSubmit={(event) =>
        save.submit(event, (data) => ({
          name: String(data.get('name') ?? ''),
          url: String(data.get('url') ?? ''),
          events: data.getAll('events').map(String) as WebhookEvent[],
        }))
      }
    >
      <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
        <TextField label="Name" name="name" idPrefix={idPrefix} defaultValue={initial?.name} placeholder="e.g. Slack #releases" error={problems.name} />
        <TextField
          label="URL"
          name="url"
          type="url"
          inputMode="url"
          idPrefix={idPrefix}
          defaultValue={initial?.url}
          placeholder="https://hooks.example.com/gantry"
          hint="http:// or https://; Gantry posts JSON to it and waits 5 s for an answer."
          error={problems.url}
        />
      </div>
      <fieldset aria-describedby={problems.events ? `${idPrefix}-events-error` : undefined}>
        <legend className="text-sm font-medium">Events</legend>
        <div className="mt-2 grid gap-x-4 gap-y-2 sm:grid-cols-2">
          {WEBHOOK_EVENT_NAMES.map((name) => (
            <label key={name} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="events" value={name} defaultChecked={chosen.has(name)} className="mt-0.5 size-4 shrink-0 accent-primary" />
              <span>
                <code className="font-mono text-xs">{name}</code>
                <span className="block text-xs text-muted-foreground">{WEBHOOK_EVENTS[name].label}</span>
              </span>
            </label>
          ))}
        </div>
        {problems.events && (
          <p id={`${idPrefix}-events-error`} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
            {problems.events}
          </p>
        )}
      </fieldset>
      <FormMessage error={save.error} testId={`${idPrefix}-message`} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={save.pending} pendingLabel={pendingLabel} icon={<Webhook className="size-4" aria-hidden />}>
          {submitLabel}
        </SubmitButton>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
