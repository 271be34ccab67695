'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

/** Which program's waves to show; the choice goes in the URL. */
export function ProgramPicker({ programs, current }: { programs: { id: string; name: string; waves: number }[]; current?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-2" aria-busy={pending}>
      <label htmlFor="waves-program" className="text-sm font-medium">
        Program
      </label>
      <select
        id="waves-program"
        value={current ?? ''}
        onChange={(e) => startTransition(() => router.push(`/roadmap/waves?program=${encodeURIComponent(e.target.value)}`))}
        className="h-9 rounded-md border border-border bg-surface px-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-primary"
      >
        {!current && <option value="">Choose a program</option>}
        {programs.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.waves} {p.waves === 1 ? 'wave' : 'waves'})
          </option>
        ))}
      </select>
    </div>
  );
}
