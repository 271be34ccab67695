'use client';

import { Rocket } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/result';

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
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setDone(null);
    const result = await requestDeployment(new FormData(event.currentTarget)).catch(() => null);
    setPending(false);
    if (!result) return setProblems({ form: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setProblems({ ...result.error.fieldErrors, form: result.error.message });
    setProblems({});
    setDone(`Deploy of ${result.data.version} to ${result.data.target} recorded (${result.data.status}).`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Deploy this release">
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
        <Button type="submit" className="sm:mt-[1.625rem]" disabled={pending}>
          <Rocket className="size-4" aria-hidden />
          {pending ? 'Deploying…' : 'Deploy'}
        </Button>
      </div>
      <FormMessage error={problems.form} success={done} testId="deploy-message" />
    </form>
  );
}
