import { Bug, CalendarClock, GitPullRequest, ListChecks, Map as MapIcon, OctagonAlert, Package, Puzzle, Bot, Waves } from 'lucide-react';

import { Section } from '@/components/builders/section';
import { BlockerLines, BugsByVersion, BuilderLines, CrLines, FeatureChips, ReleaseLines } from '@/components/portfolio/lists';
import { EditProgramButton } from '@/components/plan/program-form';
import { NewProductButton } from '@/components/plan/product-form';
import { NewReleaseButton } from '@/components/plan/release-form';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { Badge, Dot } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { EntityLink } from '@/components/ui/entity-link';
import { Link } from '@/components/ui/link';
import { Progress } from '@/components/ui/progress';
import { StatTile, StatTiles, StatValue } from '@/components/ui/stat-tile';
import { StatusBadge, statusTone } from '@/components/ui/status';
import { getProgramPage } from '@/lib/portfolio/pages';

import { entityMetadata, requireEntity, type EntityParams } from '../../entity-page';
import { PlanEntityPage } from '../../plan-entity-page';

export const generateMetadata = entityMetadata('Program');

export default async function ProgramPage({ params }: { params: EntityParams }) {
  const { member, page } = await requireEntity(params, getProgramPage);
  const { program } = page;
  const now = page.asOf;
  const featureCount = page.featuresByStatus.reduce((sum, group) => sum + group.features.length, 0);
  const notReady = page.releases.filter((r) => r.verdict.key === 'blocked' || r.verdict.key === 'not_ready').length;

  return (
    <PlanEntityPage
      member={member}
      kind="program"
      id={program.id}
      title={program.name}
      edit={
        <>
          <NewProductButton programId={program.id} variant="secondary" />
          <NewReleaseButton programId={program.id} variant="secondary" />
          <Link href={`/trash?program=${encodeURIComponent(program.id)}`} className="text-sm text-muted-foreground hover:text-foreground hover:underline">
            Trash
          </Link>
          <EditProgramButton id={program.id} name={program.name} />
          <DeletePlanItemButton kind="program" id={program.id} name={program.name} goTo="/programs" />
        </>
      }
      badges={
        <>
          <Badge>{program.type.label}</Badge>
          <StatusBadge domain="product" status={program.status.key} label={program.status.label} />
          <StatusBadge domain="foreman" status={program.state} />
          {program.owner && <span className="text-xs text-muted-foreground">Owner: {program.owner}</span>}
        </>
      }
      description={program.description}
    >
      <StatTiles>
        <StatTile label="Progress (rolled up from its waves)">
          <StatValue data-testid="program-progress">{program.progress}%</StatValue>
          <dd className="mt-2">
            <Progress value={program.progress} label={`${program.name} progress`} />
          </dd>
        </StatTile>
        <StatTile label="Products · features">
          <StatValue>
            {page.products.length} · {featureCount}
          </StatValue>
        </StatTile>
        <StatTile label="Releases not ready">
          <StatValue alert={notReady > 0}>{notReady}</StatValue>
        </StatTile>
        <StatTile label="Open blockers">
          <StatValue alert={page.blockers.length > 0}>{page.blockers.length}</StatValue>
        </StatTile>
      </StatTiles>

      {program.objectives.length > 0 && (
        <Section Icon={ListChecks} title="Objectives">
          <ul className="list-disc space-y-1 px-10 py-4 text-sm">
            {program.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </Section>
      )}

      <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
        <Section
          Icon={Package}
          title="Products"
          empty={page.products.length === 0 && 'No products yet. A product is what builders ship: add one to this program.'}
        >
          <DataTable
            aria-label="Products"
            rows={page.products}
            rowKey={(p) => p.id}
            columns={[
              {
                header: 'Product',
                cell: (p) => (
                  <EntityLink kind="product" id={p.id} className="font-medium">
                    {p.name}
                  </EntityLink>
                ),
              },
              { header: 'Version', className: 'font-mono text-xs', cell: (p) => `v${p.version}` },
              { header: 'Status', cell: (p) => <StatusBadge domain="product" status={p.status.key} label={p.status.label} /> },
              { header: 'Features', className: 'tabular-nums', cell: (p) => p.features },
              { header: 'Open bugs', className: 'tabular-nums', cell: (p) => p.openBugs },
              { header: 'Open CRs', className: 'tabular-nums', cell: (p) => p.openCrs },
            ]}
          />
        </Section>

        <Section Icon={Puzzle} title="Features by status" empty={featureCount === 0 && 'No features yet. Features belong to a product.'}>
          <div className="divide-y divide-border" data-testid="features-by-status">
            {page.featuresByStatus
              .filter((group) => group.features.length > 0)
              .map((group) => (
                <div key={group.status.key} className="grid gap-2 px-5 py-3 sm:grid-cols-[9rem_minmax(0,1fr)]">
                  <h3 className="flex items-center gap-2 text-sm font-medium">
                    <Dot tone={statusTone('feature', group.status.key)} />
                    {group.status.label}
                    <span className="text-xs tabular-nums text-muted-foreground">{group.features.length}</span>
                  </h3>
                  <FeatureChips features={group.features} />
                </div>
              ))}
          </div>
        </Section>
      </div>

      <Section
        Icon={CalendarClock}
        title="Releases"
        summary="The verdict says whether it may ship, and what stands in the way."
        empty={page.releases.length === 0 && 'No releases planned.'}
      >
        <ReleaseLines releases={page.releases} />
      </Section>

      <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
        <Section
          Icon={MapIcon}
          title="Roadmap progress"
          summary="Items done per phase."
          empty={page.phases.length === 0 && 'No roadmap items in this program.'}
        >
          <ul className="space-y-3 px-5 py-4" data-testid="phase-progress">
            {page.phases.map((p) => (
              <li key={p.phase.key} className="space-y-1 text-sm">
                <div className="flex items-center justify-between gap-2">
                  <Link href={`/roadmap?program=${encodeURIComponent(program.id)}`} className="font-medium hover:underline">
                    {p.phase.label}
                  </Link>
                  <span className="text-xs tabular-nums text-muted-foreground">
                    {p.completed}/{p.total} done{p.inProgress ? ` · ${p.inProgress} in progress` : ''}
                    {p.blocked ? ` · ${p.blocked} blocked` : ''}
                  </span>
                </div>
                <Progress value={p.percent} label={`${p.phase.label}: ${p.percent}% done`} />
              </li>
            ))}
          </ul>
        </Section>

        <Section
          Icon={Waves}
          title="Waves"
          summary="Each wave's progress is rolled up from its tasks by the database."
          empty={page.waves.length === 0 && 'No waves in this program.'}
        >
          <ul className="divide-y divide-border" data-testid="program-waves">
            {page.waves.map((w) => (
              <li key={w.id} className="grid grid-cols-[minmax(0,1fr)_8rem] items-center gap-3 px-5 py-2 text-sm">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <EntityLink kind="wave" id={{ programId: program.id, waveId: w.id }} className="font-medium">
                      Wave {w.sequence}: {w.name}
                    </EntityLink>
                    <StatusBadge domain="foreman" status={w.state} />
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {w.tasksDone}/{w.tasksTotal} tasks done
                  </p>
                </div>
                <Progress value={w.progress} label={`Wave ${w.sequence} progress`} />
              </li>
            ))}
          </ul>
        </Section>
      </div>

      <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
        <Section
          Icon={OctagonAlert}
          title="Open blockers"
          summary="Oldest first; resolve them on the blocker desk."
          empty={page.blockers.length === 0 && 'Nothing is blocked.'}
        >
          <BlockerLines blockers={page.blockers} now={now} />
        </Section>
        <Section Icon={Bot} title="Builders at work" empty={page.builders.length === 0 && 'No builder is working on this program now.'}>
          <BuilderLines builders={page.builders} />
        </Section>
      </div>

      <Section Icon={GitPullRequest} title="Open change requests" empty={page.openCrs.length === 0 && 'No open change requests.'}>
        <CrLines crs={page.openCrs} />
      </Section>

      <Section
        Icon={Bug}
        title="Bugs by version"
        summary="From v_bugs_by_version: worst first within each feature version."
        empty={page.bugs.length === 0 && 'No bugs reported.'}
      >
        <BugsByVersion bugs={page.bugs} />
      </Section>
    </PlanEntityPage>
  );
}
