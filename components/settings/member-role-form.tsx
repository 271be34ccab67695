'use client';

import { useState } from 'react';

import { SubmitButton } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/organisations/permissions';
import type { ActionResult } from '@/lib/procedure/result';

export type ChangeMemberRole = (input: { userId: string; role: Role }) => Promise<ActionResult<{ userId: string; role: Role }>>;

/** An owner's control for one member's role: a labelled select and a save button. */
export function MemberRoleForm({ member, changeMemberRole }: { member: { userId: string; name: string; role: Role }; changeMemberRole: ChangeMemberRole }) {
  const [role, setRole] = useState<Role>(member.role);
  const save = useAction(changeMemberRole, { success: (data) => `${member.name} is now ${ROLE_LABELS[data.role].toLowerCase()}.` });
  const id = `role-${member.userId}`;

  return (
    <form onSubmit={(event) => save.submit(event, () => ({ userId: member.userId, role }))} className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {member.name}
        </label>
        <select
          id={id}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          aria-describedby={`${id}-message`}
          className="h-8 rounded-md border border-border bg-surface px-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-primary"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" size="sm" pending={save.pending} pendingLabel="Saving…" disabled={role === member.role}>
          Save
        </SubmitButton>
      </div>
      <p id={`${id}-message`} aria-live="polite" className="max-w-64 text-right text-xs">
        {save.error && <span className="text-red-600 dark:text-red-400">{save.error}</span>}
        {!save.error && save.success && <span className="text-emerald-700 dark:text-emerald-300">{save.success}</span>}
      </p>
    </form>
  );
}
