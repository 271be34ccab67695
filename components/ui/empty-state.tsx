import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

export function EmptyState({ Icon, title, children }: { Icon: LucideIcon; title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed border-border px-6 py-14 text-center">
      <span className="grid size-11 place-items-center rounded-full bg-muted">
        <Icon className="size-5 text-muted-foreground" aria-hidden />
      </span>
      <h2 className="text-base font-semibold">{title}</h2>
      {children && <div className="max-w-md text-sm text-muted-foreground">{children}</div>}
    </div>
  );
}

/**
 * An empty list that a manager fills: what the list holds, then the button that creates the first
 * one for a member who may (`create`, or nothing), or who can for one who may not.
 */
export function EmptyListState({ Icon, title, create, children }: { Icon: LucideIcon; title: string; create: ReactNode; children: ReactNode }) {
  return (
    <EmptyState Icon={Icon} title={title}>
      <p>{children}</p>
      {create ? <div className="mt-4 flex justify-center">{create}</div> : <p className="mt-2">An owner or a manager can create one.</p>}
    </EmptyState>
  );
}
