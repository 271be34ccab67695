'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/auth/result';

export type ChangeMemberRole = (input: { userId: string; role: Role }) => Promise<ActionResult<{ userId: string; role: Role }>>;

/** An owner's control for one member's role: a labelled select and a save button. */
export function MemberRoleForm({
  member,
  changeMemberRole,
}: {
  member: { userId: string; name: string; role: Role };
  changeMemberRole: ChangeMemberRole;
}) {
  const router = useRouter();
  const [role, setRole] = useState<Role>(member.role);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const [pending, setPending] = useState(false);
  const id = `role-${member.userId}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await changeMemberRole({ userId: member.userId, role }).catch(() => null);
    setPending(false);
    if (!result) return setMessage({ error: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setMessage({ error: result.error.message });
    setMessage({ success: `${member.name} is now ${ROLE_LABELS[result.data.role].toLowerCase()}.` });
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="flex flex-col items-end gap-1">
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
        <Button type="submit" variant="secondary" size="sm" disabled={pending || role === member.role}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
      </div>
      <p id={`${id}-message`} aria-live="polite" className="max-w-64 text-right text-xs">
        {message.error && <span className="text-red-600 dark:text-red-400">{message.error}</span>}
        {!message.error && message.success && <span className="text-emerald-700 dark:text-emerald-300">{message.success}</span>}
      </p>
    </form>
  );
}
