'use client';

import { Pencil, Power, Send, Webhook } from 'lucide-react';
import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeading } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EmptyState } from '@/components/ui/empty-state';
import { FormMessage } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';
import type { WebhookSummary } from '@/lib/webhooks/webhooks';

import { OneTimeSecret } from '../one-time-secret';
import { formatDate, formatInstant } from '../format';
import { WebhookForm, type WebhookFields } from './webhook-form';

type Id = { webhookId: string };
export interface WebhookActions {
  create: (input: WebhookFields) => Promise<ActionResult<{ id: string; name: string; secret: string }>>;
  update: (input: WebhookFields & Id) => Promise<ActionResult<{ id: string; name: string }>>;
  setEnabled: (input: Id & { enabled: boolean }) => Promise<ActionResult<unknown>>;
  remove: (input: Id) => Promise<ActionResult<unknown>>;
  sendTest: (input: Id) => Promise<ActionResult<unknown>>;
}

/** Creating a webhook (its secret shown once) and the list of webhooks with their controls. */
export function WebhooksCard({ webhooks, actions }: { webhooks: WebhookSummary[]; actions: WebhookActions }) {
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return (
    <Card aria-labelledby="webhooks-heading">
      <CardHeading
        icon={Webhook}
        id="webhooks-heading"
        title="Webhooks"
        description="Gantry posts a signed JSON body to each URL when an event it follows happens: feed Slack, CI or your own tools."
      />
      <CardBody className="space-y-4 border-b border-border">
        <h3 className="text-sm font-semibold">New webhook</h3>
        <WebhookForm
          action={actions.create}
          idPrefix="new-webhook"
          submitLabel="Create webhook"
          pendingLabel="Creating…"
          onDone={(data) => setCreated({ name: data.name, secret: data.secret })}
        />
        <div aria-live="polite">
          {created && (
            <OneTimeSecret
              title={`Copy the signing secret of “${created.name}” now. Gantry shows it only this once.`}
              value={created.secret}
              copyLabel="Copy the signing secret"
              testId="new-webhook-secret"
            >
              Your receiver checks the <code className="font-mono">Gantry-Signature</code> header with it (docs/webhooks.md).
            </OneTimeSecret>
          )}
        </div>
      </CardBody>
      {webhooks.length === 0 ? (
        <div className="p-5">
          <EmptyState Icon={Webhook} title="No webhook yet">
            Create one above: name it, give its URL and choose the events it follows.
          </EmptyState>
        </div>
      ) : (
        <ul className="divide-y divide-border" data-testid="webhooks">
          {webhooks.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} actions={actions} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function WebhookRow({ webhook, actions }: { webhook: WebhookSummary; actions: WebhookActions }) {
  const [editing, setEditing] = useState(false);
  const toggle = useAction(actions.setEnabled, {
    success: (_, input) => (input.enabled ? `${webhook.name} is on.` : `${webhook.name} is off; waiting deliveries were given up.`),
  });
  const test = useAction(actions.sendTest, { success: 'Test delivery queued; it shows in the log below in a moment.' });
  const last = webhook.lastDelivery;

  return (
    <li className="space-y-3 px-5 py-4" data-testid="webhook" data-webhook-name={webhook.name}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
            <span className="truncate">{webhook.name}</span>
            {webhook.enabled ? <Badge tone="green">On</Badge> : <Badge tone="neutral">Off</Badge>}
            {webhook.pending > 0 && <Badge tone="amber">{webhook.pending} waiting</Badge>}
            {webhook.failed > 0 && <Badge tone="red">{webhook.failed} failed</Badge>}
          </p>
          <p className="break-all font-mono text-xs text-muted-foreground">{webhook.url}</p>
          <p className="flex flex-wrap gap-1">
            {webhook.events.map((event) => (
              <code key={event} className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">
                {event}
              </code>
            ))}
          </p>
          <p className="text-xs text-muted-foreground">
            Made by {webhook.createdBy} on {formatDate(webhook.createdAt)}
            {webhook.updatedAt.getTime() - webhook.createdAt.getTime() > 1000 && <> · changed by {webhook.updatedBy}</>} ·{' '}
            {last ? `last attempt ${formatInstant(last.at)}: ${last.ok ? 'delivered' : last.status ? `answered ${last.status}` : 'not reached'}` : 'never sent'}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => test.run({ webhookId: webhook.id })}
            disabled={test.pending || !webhook.enabled}
            aria-label={`Send a test delivery to ${webhook.name}`}
          >
            <Send className="size-4" aria-hidden />
            {test.pending ? 'Sending…' : 'Send test'}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setEditing((open) => !open)} aria-expanded={editing} aria-label={`Edit ${webhook.name}`}>
            <Pencil className="size-4" aria-hidden />
            Edit
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => toggle.run({ webhookId: webhook.id, enabled: !webhook.enabled })}
            disabled={toggle.pending}
            aria-label={`${webhook.enabled ? 'Turn off' : 'Turn on'} ${webhook.name}`}
          >
            <Power className="size-4" aria-hidden />
            {webhook.enabled ? 'Turn off' : 'Turn on'}
          </Button>
          <ConfirmButton
            variant="secondary"
            label="Delete"
            accessibleLabel={`Delete ${webhook.name}`}
            question="Delete this webhook?"
            confirmLabel="Delete"
            pendingLabel="Deleting…"
            action={actions.remove}
            input={{ webhookId: webhook.id }}
          />
        </div>
      </div>
      <FormMessage error={test.error ?? toggle.error} success={test.success ?? toggle.success} testId={`webhook-message-${webhook.id}`} />
      {editing && (
        <div className="rounded-lg border border-border p-4">
          <WebhookForm
            action={(input) => actions.update({ ...input, webhookId: webhook.id })}
            initial={webhook}
            idPrefix={`edit-webhook-${webhook.id}`}
            submitLabel="Save webhook"
            pendingLabel="Saving…"
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        </div>
      )}
    </li>
  );
}
