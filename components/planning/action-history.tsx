import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { ACTION_LABELS } from '@/lib/planning/action-types';
import type { ActionLogEntry } from '@/lib/planning/story-map-types';

/** What an action asked for, in short: its fields, without the ids. */
function summary(entry: ActionLogEntry): string {
  const fields = Object.entries(entry.payload)
    .filter(([, value]) => value !== '' && value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value.slice(0, 60) : JSON.stringify(value)}`);
  return fields.join(' · ');
}

/** The project's planning actions, newest first (at most 200): applied or refused with the reason, by whom, under which key. */
export function ActionHistory({ entries }: { entries: ActionLogEntry[] }) {
  return (
    <Card>
      <DataTable
        aria-label="Planning actions"
        data-testid="action-history"
        rows={entries}
        rowKey={(e) => e.id}
        columns={[
          {
            header: 'When',
            className: 'whitespace-nowrap text-xs text-muted-foreground',
            cell: (e) => (
              <time dateTime={e.createdAt}>
                {new Date(e.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })} UTC
              </time>
            ),
          },
          {
            header: 'Action',
            cell: (e) => (
              <div className="min-w-48">
                <p className="font-medium">{ACTION_LABELS[e.type] ?? e.type}</p>
                <p className="text-xs text-muted-foreground">
                  <span className="font-mono">{e.type}</span>
                  {summary(e) && ` · ${summary(e)}`}
                </p>
              </div>
            ),
          },
          {
            header: 'Result',
            cell: (e) =>
              e.status === 'accepted' ? (
                <Badge tone="green">applied</Badge>
              ) : (
                <div className="space-y-1">
                  <Badge tone="red">refused</Badge>
                  <p className="max-w-md text-xs text-red-700 dark:text-red-300">{e.reason}</p>
                </div>
              ),
          },
          { header: 'By', className: 'whitespace-nowrap', cell: (e) => e.actor },
          {
            header: 'Request',
            className: 'text-xs text-muted-foreground',
            cell: (e) =>
              e.idempotencyKey ? (
                <span title={e.idempotencyKey}>{`${e.idempotencyKey.slice(0, 12)}${e.idempotencyKey.length > 12 ? '…' : ''} #${e.batchPosition + 1}`}</span>
              ) : (
                `#${e.batchPosition + 1}`
              ),
          },
        ]}
      />
    </Card>
  );
}
