import { PolicyForm } from '@/components/planning/runs/policy-form';
import { Card, CardBody } from '@/components/ui/card';
import { runCheckTypes } from '@/lib/db/schema/planning-values';
import { can } from '@/lib/organisations/permissions';
import { getPolicy } from '@/lib/planning/policy';

import { requireProjectPage, type ProjectParams } from '../project-page';
import { savePlanningPolicy } from './actions';

export const metadata = { title: 'Build policy' };
export const dynamic = 'force-dynamic';

export default async function PolicyPage({ params }: { params: ProjectParams }) {
  const { member, data } = await requireProjectPage(params, getPolicy);
  const { project, policy } = data;
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h2 className="text-xl font-semibold tracking-tight">Build policy</h2>
        <p className="text-sm text-muted-foreground">
          What every run of this project must pass and may not touch. Each run keeps a copy of the policy it started with; a change applies to later runs.
        </p>
      </div>
      <Card>
        <CardBody>
          {!policy && <p className="mb-4 text-sm text-amber-700 dark:text-amber-300">This project has no policy yet: a run cannot start until it has one.</p>}
          <PolicyForm projectId={project.id} checkTypes={runCheckTypes} policy={policy} save={savePlanningPolicy} canEdit={can(member.role, 'plan:edit')} />
        </CardBody>
      </Card>
    </div>
  );
}
