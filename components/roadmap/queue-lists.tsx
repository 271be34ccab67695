import { CircleCheck, Hourglass } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import { Link } from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/status';
import type { BlockedItem, MissingPrerequisite, ReadyItem, UnassignedPrerequisite } from '@/lib/roadmap/queues';

const itemHref = (id: string) => `/roadmap/items/${encodeURIComponent(id)}`;

const MISSING_LABEL: Record<MissingPrerequisite['kind'], string> = {
  approval_required: 'gate to approve',
  blocker_unresolved: 'blocking item',
  dependency_incomplete: 'soft dependency',
};

function ItemLink({ id }: { id: string }) {
  return (
    <Link href={itemHref(id)} className="font-mono text-xs text-primary hover:underline">
      {id}
    </Link>
  );
}

function Missing({ missing }: { missing: MissingPrerequisite[] }) {
  if (!missing.length) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1.5 text-xs text-muted-foreground">
      {missing.map((m) => (
        <li key={`${m.kind}-${m.id}`} className="inline-flex items-center gap-1">
          <span>{MISSING_LABEL[m.kind]}:</span>
          <ItemLink id={m.id} />
          <span className="sr-only">({m.status.label})</span>
        </li>
      ))}
    </ul>
  );
}

/** What can start now: pending items whose blocking dependencies are all completed. */
export function ReadyQueue({ items }: { items: ReadyItem[] }) {
  if (!items.length) return <Empty Icon={Hourglass} text="Nothing is ready: every pending item waits for something." />;
  return (
    <ol className="divide-y divide-border" aria-label="Ready items" data-testid="ready-queue">
      {items.map((item) => (
        <li key={item.id} className="px-5 py-3 text-sm" data-testid={`ready-${item.id}`}>
          <div className="flex items-center gap-2">
            <ItemLink id={item.id} />
            <span className="min-w-0 flex-1 truncate font-medium">{item.title}</span>
            <Badge>{item.phase.label}</Badge>
          </div>
          <p className="text-xs text-muted-foreground">{item.owner ? `Owner: ${item.owner}` : 'No owner yet'}</p>
          <Missing missing={item.missing} />
        </li>
      ))}
    </ol>
  );
}

/** What waits, and on what: each blocked item with the items that block it, their status and who holds them. */
export function BlockedQueue({ items }: { items: BlockedItem[] }) {
  if (!items.length) return <Empty Icon={CircleCheck} text="Nothing is blocked by an unfinished dependency." />;
  return (
    <ol className="divide-y divide-border" aria-label="Blocked items" data-testid="blocked-queue">
      {items.map((item) => (
        <li key={item.id} className="px-5 py-3 text-sm" data-testid={`blocked-${item.id}`}>
          <div className="flex items-center gap-2">
            <ItemLink id={item.id} />
            <span className="min-w-0 flex-1 truncate font-medium">{item.title}</span>
            <StatusBadge domain="roadmap" status={item.status.key} label={item.status.label} />
            <Badge>{item.phase.label}</Badge>
          </div>
          <ul className="mt-1.5 space-y-1" aria-label={`${item.id} waits for`}>
            {item.blocking.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center gap-1.5 text-xs">
                <span className="text-muted-foreground">waits for</span>
                <ItemLink id={b.id} />
                <span className="min-w-0 truncate">{b.title}</span>
                <StatusBadge domain="roadmap" status={b.status.key} label={b.status.label} />
                <span className="text-muted-foreground">{b.holders.length ? `held by ${b.holders.join(', ')}` : 'nobody holds it'}</span>
              </li>
            ))}
          </ul>
          <Missing missing={item.missing} />
        </li>
      ))}
    </ol>
  );
}

/** Prerequisites that assignments surfaced (the assignment cascade) and nobody has taken since. */
export function UnassignedPrerequisites({ items }: { items: UnassignedPrerequisite[] }) {
  if (!items.length) return <Empty Icon={CircleCheck} text="Every prerequisite that an assignment surfaced has someone on it." />;
  return (
    <ol className="divide-y divide-border" aria-label="Unassigned prerequisites">
      {items.map((item) => (
        <li key={item.id} className="px-5 py-3 text-sm">
          <div className="flex items-center gap-2">
            <ItemLink id={item.id} />
            <span className="min-w-0 flex-1 truncate font-medium">{item.title}</span>
            <StatusBadge domain="roadmap" status={item.status.key} label={item.status.label} />
          </div>
          <p className="text-xs text-muted-foreground">
            Nobody holds it; it holds up {item.blockingCount} assignment{item.blockingCount === 1 ? '' : 's'}: {item.blocksItems}
          </p>
        </li>
      ))}
    </ol>
  );
}

function Empty({ Icon, text }: { Icon: typeof CircleCheck; text: string }) {
  return (
    <p className="flex items-center gap-2 px-5 py-6 text-sm text-muted-foreground">
      <Icon className="size-4" aria-hidden /> {text}
    </p>
  );
}
