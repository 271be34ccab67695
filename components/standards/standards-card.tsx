import { ListChecks } from 'lucide-react';

import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { Badge } from '@/components/ui/badge';
import { CardBody, HeadedCard } from '@/components/ui/card';
import type { ActionResult } from '@/lib/procedure/result';
import type { StandardsSettings } from '@/lib/standards/standards';

import { AssignForm, UnassignButton } from './assignment-controls';
import { StandardForm } from './standard-form';
import type { FormAction } from './standard-form';

export interface StandardActions {
  create: FormAction;
  update: FormAction;
  assign: FormAction;
  unassign: (input: { assignmentId: number }) => Promise<ActionResult<unknown>>;
}

function bounds(min: number | null, max: number | null) {
  return [min !== null ? `≥ ${min}` : null, max !== null ? `≤ ${max}` : null].filter(Boolean).join(', ');
}

export function StandardsCard({ settings, actions }: { settings: StandardsSettings; actions?: StandardActions }) {
  const { standards, levels, checkTypes } = settings;
  return (
    <HeadedCard
      headingId="standards-heading"
      icon={ListChecks}
      title="Standards"
      description="What a release is held to. A standard applies where it is assigned: a program, product, feature, release or change request; a release meets the standards of its program, its product, the features and change requests it ships, and its own."
    >
      <datalist id="entity-suggestions">
        {settings.entitySuggestions.map((e) => (
          <option key={`${e.entityType}:${e.id}`} value={e.id}>
            {e.entityType}: {e.name}
          </option>
        ))}
      </datalist>
      {standards.length === 0 ? (
        <p className="px-5 py-6 text-sm text-muted-foreground">No standard yet.</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="standards-settings">
          {standards.map((s) => (
            <li key={s.id} className="space-y-2 px-5 py-3" data-standard-id={s.id}>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs text-muted-foreground">{s.id}</span>
                <span className="text-sm font-medium">{s.name}</span>
                <Badge tone="violet">{s.level}</Badge>
                <Badge>{s.checkType}</Badge>
                {s.isBlocking ? <Badge tone="red">Blocking</Badge> : <Badge>Non-blocking</Badge>}
              </div>
              <p className="text-xs text-muted-foreground">
                {s.checkCommand && <code className="font-mono">{s.checkCommand}</code>}
                {s.checkPattern && (
                  <>
                    {' '}
                    matching <code className="font-mono">{s.checkPattern}</code>
                  </>
                )}
                {bounds(s.thresholdMin, s.thresholdMax) && ` · ${bounds(s.thresholdMin, s.thresholdMax)}`} · fails with “{s.failureMessage}”
              </p>
              <div className="flex flex-wrap items-center gap-1.5 text-xs" aria-label={`Where ${s.id} applies`}>
                {s.assignments.length === 0 && <span className="text-muted-foreground">Applies nowhere yet.</span>}
                {s.assignments.map((a) => (
                  <span key={a.id} className="inline-flex items-center gap-1 rounded-md bg-muted px-1.5 py-0.5">
                    {a.entityType} {a.entityId}
                    {a.isInherited && <span className="text-muted-foreground">(inherited)</span>}
                    {actions && <UnassignButton assignment={{ id: a.id, label: `${a.entityType} ${a.entityId}` }} action={actions.unassign} />}
                  </span>
                ))}
                {s.assignmentCount > s.assignments.length && (
                  <span className="text-muted-foreground" data-testid="more-assignments">
                    and {s.assignmentCount - s.assignments.length} more
                  </span>
                )}
              </div>
              {actions && (
                <details className="rounded-md border border-border">
                  <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium">Edit or assign {s.id}</summary>
                  <div className="space-y-4 p-3">
                    <AssignForm standardId={s.id} levels={levels} action={actions.assign} />
                    <StandardForm standard={s} levels={levels} checkTypes={checkTypes} action={actions.update} />
                    <div className="flex justify-end">
                      <DeletePlanItemButton kind="standard" id={s.id} name={s.name} />
                    </div>
                  </div>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {actions ? (
        <CardBody className="border-t border-border">
          <details>
            <summary className="cursor-pointer text-sm font-medium">New standard</summary>
            <div className="pt-3">
              <StandardForm levels={levels} checkTypes={checkTypes} action={actions.create} />
            </div>
          </details>
        </CardBody>
      ) : (
        <CardBody className="border-t border-border">
          <p className="text-sm text-muted-foreground">Owners and managers manage standards and charter documents.</p>
        </CardBody>
      )}
    </HeadedCard>
  );
}
