import { formatAge } from '@/components/blockers/format';
import { kindLabel } from '@/lib/blockers/kinds';
import { formatDay } from '@/components/overview/dates';
import { VerdictBadge } from '@/components/releases/verdict-badge';
import { Badge, Dot } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { EntityLink } from '@/components/ui/entity-link';
import { Progress } from '@/components/ui/progress';
import { StatusBadge, statusTone } from '@/components/ui/status';
import type { BlockerRow } from '@/lib/blockers/desk';
import type { BuilderSummary } from '@/lib/foreman/fleet';
import type { BugLine, CrLine, FeatureLine, ReleaseLine } from '@/lib/portfolio/page-types';

/** Releases with their lifecycle status and the verdict of v_release_verdict (why not, when not ready). */
export function ReleaseLines({ releases, showProduct = true }: { releases: ReleaseLine[]; showProduct?: boolean }) {
  return (
    <DataTable
      aria-label="Releases"
      rows={releases}
      rowKey={(r) => r.id}
      columns={[
        {
          header: 'Release',
          cell: (r) => (
            <span className="flex flex-col">
              <EntityLink kind="release" id={r.id} className="font-medium">
                {r.name}
              </EntityLink>
              {showProduct && (
                <EntityLink kind="product" id={r.product.id} variant="subtle" className="text-xs text-muted-foreground">
                  {r.product.name}
                </EntityLink>
              )}
            </span>
          ),
        },
        { header: 'Status', cell: (r) => <StatusBadge domain="release" status={r.status.key} label={r.status.label} /> },
        { header: 'Verdict', cell: (r) => <VerdictBadge verdict={r.verdict} named /> },
        {
          header: 'Target',
          className: 'whitespace-nowrap text-muted-foreground',
          cell: (r) => (r.targetDate ? <time dateTime={r.targetDate}>{formatDay(r.targetDate)}</time> : '—'),
        },
      ]}
    />
  );
}

export function CrLines({ crs, showProduct = true }: { crs: CrLine[]; showProduct?: boolean }) {
  return (
    <DataTable
      aria-label="Change requests"
      rows={crs}
      rowKey={(c) => c.id}
      columns={[
        { header: 'Id', className: 'whitespace-nowrap', cell: (c) => <EntityLink kind="cr" id={c.id} variant="mono" /> },
        {
          header: 'Title',
          cell: (c) => (
            <EntityLink kind="cr" id={c.id} variant="subtle">
              {c.title}
            </EntityLink>
          ),
        },
        { header: 'Status', cell: (c) => <StatusBadge domain="cr" status={c.status.key} label={c.status.label} /> },
        ...(showProduct
          ? [
              {
                header: 'Product · feature',
                className: 'text-muted-foreground',
                cell: (c: CrLine) => (
                  <span className="flex flex-wrap gap-x-1">
                    {c.product ? (
                      <EntityLink kind="product" id={c.product.id} variant="subtle">
                        {c.product.name}
                      </EntityLink>
                    ) : (
                      '—'
                    )}
                    {c.feature && (
                      <>
                        ·
                        <EntityLink kind="feature" id={c.feature.id} variant="subtle">
                          {c.feature.name}
                        </EntityLink>
                      </>
                    )}
                  </span>
                ),
              },
            ]
          : []),
        { header: 'Size', className: 'text-muted-foreground', cell: (c) => c.size },
        { header: 'Owner', className: 'text-muted-foreground', cell: (c) => c.owner ?? '—' },
      ]}
    />
  );
}

/** Bugs as v_bugs_by_version lists them, grouped under each feature's version. */
export function BugsByVersion({ bugs, showFeature = true }: { bugs: BugLine[]; showFeature?: boolean }) {
  const groups = new Map<string, { feature: BugLine['feature']; version: string; bugs: BugLine[] }>();
  for (const bug of bugs) {
    const key = `${bug.feature.id}@${bug.featureVersion}`;
    const group = groups.get(key) ?? { feature: bug.feature, version: bug.featureVersion, bugs: [] };
    group.bugs.push(bug);
    groups.set(key, group);
  }
  return (
    <div className="divide-y divide-border" data-testid="bugs-by-version">
      {[...groups.entries()].map(([key, group]) => (
        <section key={key} aria-label={`${group.feature.name} ${group.version}`} className="py-2">
          <h3 className="px-5 py-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">
            {showFeature && (
              <>
                <EntityLink kind="feature" id={group.feature.id} variant="subtle" className="normal-case">
                  {group.feature.name}
                </EntityLink>{' '}
              </>
            )}
            <span className="font-mono normal-case">v{group.version}</span> · {group.bugs.length} bug{group.bugs.length === 1 ? '' : 's'}
          </h3>
          <ul>
            {group.bugs.map((bug) => (
              <li key={bug.id} className="flex flex-wrap items-center gap-2 px-5 py-1.5 text-sm" data-testid="bug-line">
                <Badge tone={statusTone('severity', bug.severity.key)}>{bug.severity.label}</Badge>
                <EntityLink kind="bug" id={bug.id} variant="subtle" className="min-w-0 flex-1 truncate">
                  {bug.title}
                </EntityLink>
                <StatusBadge domain="bug" status={bug.status.key} label={bug.status.label} />
                {bug.fixCrId && (
                  <span className="text-xs text-muted-foreground">
                    fix <EntityLink kind="cr" id={bug.fixCrId} variant="mono" />
                  </span>
                )}
                {bug.fixedInVersion && <span className="text-xs text-muted-foreground">fixed in {bug.fixedInVersion}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function FeatureChips({ features }: { features: FeatureLine[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5">
      {features.map((f) => (
        <li key={f.id}>
          <EntityLink
            kind="feature"
            id={f.id}
            variant="subtle"
            className="flex items-center gap-1.5 rounded-md border border-border px-2 py-0.5 text-xs hover:bg-muted"
            title={`${f.name}: ${f.status.label} (${f.product.name})`}
          >
            <Dot tone={statusTone('feature', f.status.key)} />
            {f.name}
          </EntityLink>
        </li>
      ))}
    </ul>
  );
}

/** Open blockers, oldest first, each leading to the desk where it is resolved. */
export function BlockerLines({ blockers, now }: { blockers: BlockerRow[]; now: number }) {
  return (
    <ul className="divide-y divide-border">
      {blockers.map((b) => (
        <li key={b.id} className="flex flex-wrap items-center gap-2 px-5 py-2 text-sm" data-testid="blocker-line">
          <Badge tone={b.severity === 'blocking' ? 'red' : 'amber'}>{kindLabel(b.kind)}</Badge>
          <EntityLink kind="blocker" id={b.id} variant="subtle" className="min-w-0 flex-1 truncate">
            {b.title}
          </EntityLink>
          <span className="text-xs text-muted-foreground">
            on {b.target.label} · open {formatAge(b.detectedAt, now)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function BuilderLines({ builders }: { builders: BuilderSummary[] }) {
  return (
    <ul className="divide-y divide-border">
      {builders.map((b) => (
        <li key={b.builderId} className="grid grid-cols-[minmax(0,1fr)_8rem] items-center gap-3 px-5 py-2 text-sm" data-testid="builder-line">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2">
              <EntityLink kind="builder" id={b.builderId} className="font-medium" />
              <StatusBadge domain="builder" status={b.state} />
              {b.stalled && <Badge tone="red">Stalled</Badge>}
            </p>
            {b.currentTask && (
              <p className="truncate text-xs text-muted-foreground">
                on{' '}
                <EntityLink kind="task" id={b.currentTask.id} variant="subtle">
                  {b.currentTask.name}
                </EntityLink>
              </p>
            )}
          </div>
          {b.progress !== null && <Progress value={b.progress} label={`${b.builderId} progress`} />}
        </li>
      ))}
    </ul>
  );
}
