'use client';

import { deleteProject } from '@/app/(dashboard)/planning/actions';
import { ConfirmButton } from '@/components/ui/confirm-button';

/** Deletes a project (a soft delete, recorded as its last planning action) after asking once more. */
export function DeleteProjectButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmButton
      label="Delete"
      accessibleLabel={`Delete ${name}`}
      question="Delete this project and its story map?"
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      action={deleteProject}
      input={{ id }}
    />
  );
}
