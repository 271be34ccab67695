'use client';

import { Rocket } from 'lucide-react';

import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

export type RequestDeployment = (input: FormData) => Promise<ActionResult<{ id: number; target: string; version: string; status: string }>>;

/** Asks for a deploy; the database's gate answers, and a refusal is shown as it says. */
export function DeployForm({
  releaseId,
  targets,
  defaultTarget,
  defaultVersion,
  requestDeployment,
}: {
  releaseId: string;
  targets: { key: string; label: string }[];
  defaultTarget: string;
  defaultVersion: string;
  requestDeployment: RequestDeployment;
}) {
  const deploy = useAction(requestDeployment, { success: (d) => `Deploy of ${d.version} to ${d.target} recorded (${d.status}).` });
  const problems = deploy.fieldErrors;

  return (
    <form onSubmit={deploy.submit} noValidate className="space-y-3" aria-label="Deploy this release">
      <input type="hidden" name="releaseId" value={releaseId} />
      <div className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)_auto] sm:items-start">
        <SelectField label="Target" name="target" idPrefix="deploy" defaultValue={defaultTarget} error={problems.target}>
          {targets.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <TextField label="Version" name="version" idPrefix="deploy" defaultValue={defaultVersion} error={problems.version} />
        <SubmitButton className="sm:mt-[1.625rem]" pending={deploy.pending} pendingLabel="Deploying…" icon={<Rocket className="size-4" aria-hidden />}>
          Deploy
        </SubmitButton>
      </div>
      <FormMessage error={deploy.error} success={deploy.success} testId="deploy-message" />
    </form>
  );
}
