'use client';

import { Building2, Check, ChevronsUpDown } from 'lucide-react';
import { useAction } from '@/components/ui/use-action';
import { useDisclosure } from '@/components/ui/use-disclosure';
import type { OrganisationChoice } from '@/lib/auth/identity';
import { ROLE_LABELS } from '@/lib/organisations/permissions';
import type { ActionResult } from '@/lib/procedure/result';

export type SwitchOrganisation = (input: { organisationId: string }) => Promise<ActionResult<{ organisationId: string; name: string }>>;

/** The organisation the member works in; with more than one, a menu to change it. */
export function OrganisationSwitcher({
  current,
  organisations,
  switchOrganisation,
}: {
  current: { id: string; name: string };
  organisations: OrganisationChoice[];
  switchOrganisation: SwitchOrganisation;
}) {
  const { open, setOpen, rootRef, buttonRef } = useDisclosure();
  const switching = useAction(switchOrganisation);
  const { error, pending } = switching;

  if (organisations.length <= 1) {
    return (
      <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="current-organisation">
        <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        <span className="sr-only">Organisation:</span>
        <span className="truncate font-medium">{current.name}</span>
      </div>
    );
  }

  const choose = (organisationId: string) => {
    setOpen(false);
    if (organisationId === current.id) return;
    switching.run({ organisationId });
  };

  return (
    <div ref={rootRef} className="relative min-w-0">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls="organisation-menu"
        onClick={() => setOpen(!open)}
        disabled={pending}
        data-testid="current-organisation"
        className="flex min-w-0 max-w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary"
      >
        <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        <span className="sr-only">Organisation:</span>
        <span className="truncate font-medium">{current.name}</span>
        <ChevronsUpDown className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
        <span className="sr-only">(switch)</span>
      </button>
      <div aria-live="polite" className="sr-only">
        {error}
      </div>
      {error && <p className="absolute left-2 top-full mt-1 w-72 text-xs text-red-600 dark:text-red-400">{error}</p>}
      {open && (
        <ul
          id="organisation-menu"
          aria-label="Your organisations"
          className="absolute left-0 top-full z-40 mt-1 w-72 rounded-lg border border-border bg-surface p-1 shadow-lg"
        >
          {organisations.map((organisation) => (
            <li key={organisation.id}>
              <button
                type="button"
                onClick={() => choose(organisation.id)}
                aria-current={organisation.id === current.id ? 'true' : undefined}
                className="flex w-full items-center gap-2 rounded-md px-2.5 py-2 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary"
              >
                <Check className={`size-4 shrink-0 ${organisation.id === current.id ? 'text-primary' : 'invisible'}`} aria-hidden />
                <span className="min-w-0 flex-1 truncate font-medium">{organisation.name}</span>
                <span className="text-xs text-muted-foreground">{ROLE_LABELS[organisation.role]}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
