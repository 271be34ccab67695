'use client';

import { RotateCcw } from 'lucide-react';

import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { VersionedKind } from '@/lib/history/restore';
import type { HistoryEntry } from '@/lib/history/versions';
import type { ActionResult } from '@/lib/procedure/result';

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export interface RestoreInput {
  kind: VersionedKind;
  id: string;
  version: number;
  field: string;
  openedAt: string;
}

/** What a Restore needs: the action, the item, when its history was read (the version check), and which fields may go back. */
export interface RestoreProps {
  action: (input: RestoreInput) => Promise<ActionResult<{ id: string; field: string }>>;
  kind: VersionedKind;
  id: string;
  openedAt: string;
  restorable: string[];
}

/**
 * An item's versions, newest first: who, when and each changed field old → new. With `restore`,
 * a field change offers "Restore", which writes the old value back as a new version.
 */
export function HistoryList({ entries, restore, testId = 'item-history' }: { entries: HistoryEntry[]; restore?: RestoreProps; testId?: string }) {
  const act = useAction(restore?.action ?? (async () => ({ ok: false, error: { code: 'forbidden', message: 'Restoring is not offered here.' } }) as const), {
    success: (data) => `Restored the ${data.field.replace(/_(key|id)$/, '').replace(/_/g, ' ')}; the history has a new entry.`,
  });
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">Not changed since it was created.</p>;
  return (
    <div className="space-y-2">
      {restore && <FormMessage error={act.error} success={act.success} testId="restore-message" />}
      <ol className="space-y-2 text-sm" data-testid={testId}>
        {entries.map((v) => (
          <li key={v.version} className="rounded-md border border-border px-3 py-2" data-testid="history-entry">
            <p className="text-xs text-muted-foreground">
              {v.baseline ? (
                <>Version {v.version} · as it was before the first recorded change</>
              ) : (
                <>
                  Version {v.version} · {v.changedBy} · {when(v.at)}
                </>
              )}
            </p>
            {v.changes.length === 0 ? (
              <p className="mt-1 text-xs text-muted-foreground">No change to the fields Gantry records.</p>
            ) : (
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs">
                {v.changes.map((c) => (
                  <div key={c.key} className="contents">
                    <dt className="text-muted-foreground">{c.field}</dt>
                    <dd className="flex min-w-0 flex-wrap items-center gap-x-2 break-words">
                      {c.from === undefined ? (
                        (c.to ?? '—')
                      ) : (
                        <span>
                          <span className="text-muted-foreground line-through decoration-muted-foreground/60">{c.from ?? '—'}</span> → {c.to ?? '—'}
                        </span>
                      )}
                      {restore && c.from !== undefined && !v.baseline && restore.restorable.includes(c.key) && (
                        <Button
                          type="button"
                          variant="ghost"
                          size="sm"
                          className="h-6 px-1.5 text-xs"
                          disabled={act.pending}
                          aria-label={`Restore the ${c.field} to ${c.from ?? 'nothing'} (from before version ${v.version})`}
                          onClick={() => act.run({ kind: restore.kind, id: restore.id, version: v.version, field: c.key, openedAt: restore.openedAt })}
                        >
                          <RotateCcw className="size-3" aria-hidden /> Restore
                        </Button>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
