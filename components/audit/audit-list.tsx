import { EntityLink } from '@/components/ui/entity-link';
import { Link } from '@/components/ui/link';
import type { AuditEntry } from '@/lib/audit/page';

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }) + ' UTC';
const words = (key: string) => key.replace(/[._]/g, ' ');

function Who({ entry }: { entry: AuditEntry }) {
  const builder = /^agent:(.+)$/.exec(entry.actor)?.[1];
  if (builder) {
    return (
      <EntityLink kind="builder" id={builder} variant="subtle">
        {entry.actorName}
      </EntityLink>
    );
  }
  // A person has no page of their own: their name leads to everything they did.
  return (
    <Link href={`/audit?actor=${encodeURIComponent(entry.actor)}`} className="font-medium hover:underline" title={`Everything ${entry.actorName} did`}>
      {entry.actorName}
    </Link>
  );
}

function Changes({ entry }: { entry: AuditEntry }) {
  if (entry.changes.length === 0) return null;
  return (
    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs">
      {entry.changes.slice(0, 8).map((c, n) => (
        <div key={`${n}:${c.field}`} className="contents">
          <dt className="text-muted-foreground">{c.field}</dt>
          <dd className="min-w-0 break-words">
            {c.from !== undefined && (
              <>
                <span className="text-muted-foreground line-through decoration-muted-foreground/60">{c.from ?? '—'}</span>
                {c.to !== undefined && ' → '}
              </>
            )}
            {c.to !== undefined && (c.to ?? '—')}
          </dd>
        </div>
      ))}
      {entry.changes.length > 8 && <p className="col-span-2 text-muted-foreground">and {entry.changes.length - 8} more (the export has them all)</p>}
    </dl>
  );
}

/** The audit log's rows: when, who, what, on which item, and old → new. */
export function AuditList({ entries }: { entries: AuditEntry[] }) {
  return (
    <ol className="divide-y divide-border rounded-xl border border-border bg-surface" data-testid="audit-list" aria-label="Audit log entries">
      {entries.map((e) => (
        <li key={e.id} className="grid gap-1 px-4 py-3 text-sm md:grid-cols-[12rem_minmax(0,1fr)] md:gap-4" data-testid="audit-row">
          <div className="text-xs text-muted-foreground">
            <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time>
            <span className="block font-mono">#{e.id}</span>
          </div>
          <div className="min-w-0">
            <p className="flex flex-wrap items-baseline gap-x-1.5">
              <Who entry={e} />
              <span className="text-muted-foreground">{words(e.action)}</span>
              {e.resourceType && <span className="text-muted-foreground">{words(e.resourceType)}</span>}
              {e.resourceId &&
                (e.kind ? <EntityLink kind={e.kind} id={e.resourceId} variant="mono" /> : <span className="font-mono text-xs break-all">{e.resourceId}</span>)}
              <span className="ml-auto rounded bg-muted px-1.5 py-0.5 text-[11px] text-muted-foreground">{e.eventType}</span>
            </p>
            <Changes entry={e} />
          </div>
        </li>
      ))}
    </ol>
  );
}
