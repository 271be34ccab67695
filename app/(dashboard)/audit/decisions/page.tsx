import { Gavel } from 'lucide-react';

import { AuditHeading, AuditRefusal, AuditRoleRefusal } from '@/components/audit/audit-tabs';
import { LiveRefresh } from '@/components/live/live-refresh';
import { EntityLink } from '@/components/ui/entity-link';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterSelect, FilterApplyButton } from '@/components/ui/filter-bar';
import { Link } from '@/components/ui/link';
import { decisionsPageInput, getDecisions } from '@/lib/audit/decisions';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';

export const metadata = { title: 'Decisions' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
const words = (key: string) => key.replace(/_/g, ' ');

/** The decisions log beside the audit log: waivers with their reasons, escalations, approvals… */
export default async function DecisionsPage({ searchParams }: { searchParams: SearchParams }) {
  const member = await requireMember();
  const asked = await searchParams;
  const heading = <AuditHeading current="decisions" description="Every recorded decision: who decided, when, what, why, and what it is about." />;
  if (!can(member.role, 'audit:read')) return <AuditRoleRefusal heading={heading} role={member.role} log="decisions log" />;
  const parsed = decisionsPageInput.safeParse({ before: first(asked.before), type: first(asked.type) });
  if (!parsed.success) {
    return (
      <AuditRefusal heading={heading} title="This link is not one Gantry reads">
        {parsed.error.issues[0]?.message}{' '}
        <Link href="/audit/decisions" className="underline">
          Show every decision
        </Link>
        .
      </AuditRefusal>
    );
  }
  const page = await getDecisions(member, parsed.data);
  const typeQuery = parsed.data.type ? `type=${encodeURIComponent(parsed.data.type)}&` : '';
  return (
    <div className="space-y-6">
      {!parsed.data.before && <LiveRefresh on={['decisions']} />}
      {heading}
      <form method="get" action="/audit/decisions" className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter decisions">
        <FilterSelect
          label="Kind"
          name="type"
          defaultValue={parsed.data.type ?? ''}
          allLabel="Every kind"
          options={page.types.map((t) => ({ key: t, label: words(t) }))}
        />
        <FilterApplyButton />
      </form>
      {page.entries.length === 0 ? (
        <EmptyState Icon={Gavel} title={parsed.data.type ? `No ${words(parsed.data.type)} decisions` : 'No decisions recorded yet'}>
          Waivers, escalations, approvals and reviews appear here as they are recorded.
        </EmptyState>
      ) : (
        <ol className="divide-y divide-border rounded-xl border border-border bg-surface" data-testid="decisions-list" aria-label="Decisions">
          {page.entries.map((d) => (
            <li key={d.id} className="grid gap-1 px-4 py-3 text-sm md:grid-cols-[12rem_minmax(0,1fr)] md:gap-4">
              <div className="text-xs text-muted-foreground">
                <time dateTime={new Date(d.at).toISOString()}>{when(d.at)}</time>
                <span className="block font-mono break-all">{d.id}</span>
              </div>
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-baseline gap-x-1.5">
                  <span className="font-medium">{d.decidedBy}</span>
                  <span className="text-muted-foreground">recorded</span>
                  <span className="rounded bg-muted px-1.5 py-0.5 text-xs">{words(d.type)}</span>
                  {d.outcome !== 'recorded' && <span className="text-muted-foreground">· {words(d.outcome)}</span>}
                  {d.authority !== d.decidedBy && <span className="text-muted-foreground">· authority {d.authority}</span>}
                </p>
                {d.summary && <p>{d.summary}</p>}
                {d.reason && <p className="text-muted-foreground">Why: {d.reason}</p>}
                {(d.links.length > 0 || d.standardId) && (
                  <p className="flex flex-wrap gap-x-3 text-xs">
                    {d.links.map((l) => (
                      <EntityLink key={`${l.kind}:${l.id}`} kind={l.kind} id={l.id} variant="mono" />
                    ))}
                    {d.standardId && <span className="font-mono text-muted-foreground">standard {d.standardId}</span>}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        {parsed.data.before ? <Link href={`/audit/decisions${typeQuery ? `?${typeQuery.slice(0, -1)}` : ''}`}>← Newest decisions</Link> : <span />}
        {page.next && <Link href={`/audit/decisions?${typeQuery}before=${encodeURIComponent(page.next)}`}>Older decisions →</Link>}
      </nav>
    </div>
  );
}
