'use client';

import { Building2, Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { FormMessage, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/result';

export type CreateOrganisation = (input: FormData) => Promise<ActionResult<{ id: string; slug: string; name: string }>>;

/** An owner starts another organisation; they own it and work in it at once. */
export function NewOrganisationCard({ createOrganisation }: { createOrganisation: CreateOrganisation }) {
  const router = useRouter();
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await createOrganisation(new FormData(event.currentTarget)).catch(() => null);
    setPending(false);
    if (!result) return setProblems({ form: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setProblems({ ...result.error.fieldErrors, form: result.error.message });
    // Every page now reads the new organisation: start from its overview.
    router.replace('/');
    router.refresh();
  }

  return (
    <Card aria-labelledby="new-organisation-heading">
      <CardHeader>
        <Building2 className="mt-0.5 size-4 text-muted-foreground" aria-hidden />
        <div>
          <h2 id="new-organisation-heading" className="font-semibold">
            Another organisation
          </h2>
          <p className="text-sm text-muted-foreground">
            Start a separate organisation, with its own members and work; you become its owner. Switch between them in the header.
          </p>
        </div>
      </CardHeader>
      <CardBody className="space-y-3">
        <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
          <TextField label="Organisation name" name="name" idPrefix="organisation" autoComplete="organization" placeholder="e.g. Acme Robotics" error={problems.name} />
          <Button type="submit" variant="secondary" className="sm:mt-[1.625rem]" disabled={pending}>
            <Plus className="size-4" aria-hidden />
            {pending ? 'Creating…' : 'Create organisation'}
          </Button>
        </form>
        <FormMessage error={problems.form} testId="organisation-form-message" />
      </CardBody>
    </Card>
  );
}
