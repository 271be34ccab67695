import { ScrollText } from 'lucide-react';

import { AuditFilters, auditQuery } from '@/components/audit/audit-filters';
import { AuditList } from '@/components/audit/audit-list';
import { AuditHeading, AuditRefusal, AuditRoleRefusal } from '@/components/audit/audit-tabs';
import { LiveRefresh } from '@/components/live/live-refresh';
import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { getAuditLog, auditPageInput } from '@/lib/audit/page';
import { requireMember } from '@/lib/auth/current-member';
import { LIVE } from '@/lib/live/topics';
import { can } from '@/lib/organisations/permissions';

export const metadata = { title: 'Audit' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The organisation's audit log, filtered by the URL, newest first, page by page (docs/audit.md). */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const member = await requireMember();
  const asked = await searchParams;
  const heading = <AuditHeading current="log" description="Every recorded change in this organisation: who, when, what, and the values before and after." />;
  if (!can(member.role, 'audit:read')) return <AuditRoleRefusal heading={heading} role={member.role} log="audit log" />;
  const parsed = auditPageInput.safeParse(Object.fromEntries(['actor', 'action', 'type', 'entity', 'from', 'to', 'before'].map((k) => [k, first(asked[k])])));
  if (!parsed.success) {
    return (
      <AuditRefusal heading={heading} title="This link's filters are not ones Gantry reads">
        {parsed.error.issues[0]?.message}{' '}
        <Link href="/audit" className="underline">
          Show the whole log
        </Link>
        .
      </AuditRefusal>
    );
  }
  const log = await getAuditLog(member, parsed.data);
  const filtered = Object.values(log.filter).some(Boolean);
  return (
    <div className="space-y-6">
      {/* Every audited change changes a table the change feed announces: the newest page follows them. */}
      {!parsed.data.before && <LiveRefresh on={AUDITED_TABLES} />}
      {heading}
      <AuditFilters filter={log.filter} actors={log.actors} actorName={log.actorName} />
      {log.entries.length === 0 ? (
        <EmptyState Icon={ScrollText} title={parsed.data.before ? 'No older entries' : filtered ? 'No entry matches these filters' : 'Nothing recorded yet'}>
          {filtered ? 'Widen the time range or clear a filter.' : 'Changes to the plan, the work, members and tokens appear here as they are made.'}
        </EmptyState>
      ) : (
        <AuditList entries={log.entries} />
      )}
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        {parsed.data.before ? (
          <Link href={`/audit${auditQuery(log.filter)}`} className="underline-offset-2 hover:underline">
            ← Newest entries
          </Link>
        ) : (
          <span />
        )}
        {log.next && (
          <Link href={`/audit${auditQuery(log.filter, { before: log.next })}`} className="underline-offset-2 hover:underline" data-testid="audit-older">
            Older entries →
          </Link>
        )}
      </nav>
    </div>
  );
}

// Builders' and leases' rows change with every heartbeat, which writes no audit row: left out, so a busy fleet does not re-render the page all the time.
const AUDITED_TABLES = [...new Set([...LIVE.portfolio, ...LIVE.settings, 'claims', 'decisions'])].filter(
  (t) => !['builders', 'leases', 'preferences'].includes(t),
);
