import { Badge } from '@/components/ui/badge';
import type { DeliverySummary } from '@/lib/webhooks/webhooks';

import { formatInstant } from '../format';

const STATE = {
  delivered: { tone: 'green', label: 'Delivered' },
  pending: { tone: 'amber', label: 'Waiting' },
  failed: { tone: 'red', label: 'Failed' },
} as const;

function answerOf(delivery: DeliverySummary): string {
  if (delivery.lastError) return delivery.lastStatus ? `${delivery.lastError}` : delivery.lastError;
  if (delivery.lastStatus !== null) return `Answered ${delivery.lastStatus}`;
  return 'Not sent yet';
}

/** The newest deliveries: when, which webhook and event, the state, attempts, the last answer and the next retry. */
export function DeliveryLog({ deliveries, names }: { deliveries: DeliverySummary[]; names: Record<string, string> }) {
  if (deliveries.length === 0) {
    return <p className="px-5 py-6 text-sm text-muted-foreground">No delivery yet. A change of an event a webhook follows, or “Send test”, makes one.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[46rem] text-sm" data-testid="webhook-deliveries">
        <caption className="sr-only">The newest deliveries, newest first</caption>
        <thead className="border-b border-border text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">
              Made
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Webhook and event
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              State
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Attempts
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Last answer
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Next attempt
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {deliveries.map((delivery) => {
            const state = STATE[delivery.state];
            return (
              <tr key={delivery.id} data-testid="webhook-delivery" data-state={delivery.state} className="align-top">
                <td className="whitespace-nowrap px-5 py-2 text-xs text-muted-foreground">{formatInstant(delivery.createdAt)}</td>
                <td className="px-3 py-2">
                  <span className="block font-medium">{names[delivery.webhookId] ?? 'a deleted webhook'}</span>
                  <code className="font-mono text-xs">{delivery.event}</code>
                  {delivery.entity && <span className="text-xs text-muted-foreground"> · {delivery.entity}</span>}
                </td>
                <td className="px-3 py-2">
                  <Badge tone={state.tone}>{state.label}</Badge>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{delivery.attempts}</td>
                <td className="max-w-64 px-3 py-2 text-xs">
                  <span className="block">{answerOf(delivery)}</span>
                  {delivery.responseExcerpt && (
                    <span className="block truncate font-mono text-muted-foreground" title={delivery.responseExcerpt}>
                      {delivery.responseExcerpt}
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-5 py-2 text-xs text-muted-foreground">
                  {delivery.nextAttemptAt ? formatInstant(delivery.nextAttemptAt) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
