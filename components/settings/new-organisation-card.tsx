'use client';

import { Building2, Plus } from 'lucide-react';

import { CardBody, HeadedCard } from '@/components/ui/card';
import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

export type CreateOrganisation = (input: FormData) => Promise<ActionResult<{ id: string; slug: string; name: string }>>;

/** An owner starts another organisation; they own it and work in it at once. */
export function NewOrganisationCard({ createOrganisation }: { createOrganisation: CreateOrganisation }) {
  // Every page now reads the new organisation: start from its overview.
  const create = useAction(createOrganisation, { goTo: '/' });

  return (
    <HeadedCard
      headingId="new-organisation-heading"
      icon={Building2}
      title="Another organisation"
      description="Start a separate organisation, with its own members and work; you become its owner. Switch between them in the header."
    >
      <CardBody className="space-y-3">
        <form onSubmit={create.submit} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
          <TextField
            label="Organisation name"
            name="name"
            idPrefix="organisation"
            autoComplete="organization"
            placeholder="e.g. Acme Robotics"
            error={create.fieldErrors.name}
          />
          <SubmitButton
            variant="secondary"
            className="sm:mt-[1.625rem]"
            pending={create.pending}
            pendingLabel="Creating…"
            icon={<Plus className="size-4" aria-hidden />}
          >
            Create organisation
          </SubmitButton>
        </form>
        <FormMessage error={create.error} testId="organisation-form-message" />
      </CardBody>
    </HeadedCard>
  );
}
