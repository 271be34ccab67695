'use client';

import { Search } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';

import { NewProgramDialog } from '@/components/plan/program-form';
import { Dialog, DialogContent, DialogHeader } from '@/components/ui/dialog';
import type { OrganisationChoice } from '@/lib/auth/identity';
import { entityHref } from '@/lib/links/entity-href';
import { can, type Role } from '@/lib/organisations/permissions';

import { CommandPalette, type PaletteMode } from './command-palette';
import type { SwitchOrganisation } from './organisation-switcher';
import { useRememberEntityVisits } from './recent-items';
import { GO_SHORTCUTS, OTHER_SHORTCUTS, useShortcuts } from './shortcuts';

const subscribeNever = () => () => {};
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function Kbd({ children }: { children: string }) {
  return <kbd className="min-w-5 rounded border border-border bg-muted px-1.5 py-0.5 text-center font-mono text-xs text-muted-foreground">{children}</kbd>;
}

/**
 * The shell's search button, the command palette, the shortcuts sheet and the keyboard shortcuts
 * that open them: mounted once, in the header.
 */
export function CommandCenter({
  organisation,
  organisations,
  switchOrganisation,
  role,
}: {
  organisation: { id: string; name: string };
  organisations: OrganisationChoice[];
  switchOrganisation: SwitchOrganisation;
  role: Role;
}) {
  const router = useRouter();
  const [palette, setPalette] = useState<{ open: boolean; mode: PaletteMode }>({ open: false, mode: 'all' });
  const [help, setHelp] = useState(false);
  const [newProgram, setNewProgram] = useState(false);
  const mac = useSyncExternalStore(subscribeNever, isMac, () => false);
  const canPlan = can(role, 'plan:edit');

  useRememberEntityVisits();
  useShortcuts({
    togglePalette: () => setPalette((p) => ({ open: !p.open, mode: 'all' })),
    search: () => setPalette({ open: true, mode: 'all' }),
    create: () => setPalette({ open: true, mode: canPlan ? 'create' : 'all' }),
    help: () => setHelp(true),
  });

  return (
    <>
      <button
        type="button"
        onClick={() => setPalette({ open: true, mode: 'all' })}
        aria-keyshortcuts={mac ? 'Meta+K' : 'Control+K'}
        data-testid="open-palette"
        className="flex items-center gap-2 rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-primary sm:w-60"
      >
        <Search className="size-4 shrink-0" aria-hidden />
        <span className="sr-only whitespace-nowrap sm:not-sr-only sm:flex-1 sm:text-left">Find anything…</span>
        <span className="hidden gap-1 sm:flex" aria-hidden>
          <Kbd>{mac ? '⌘' : 'Ctrl'}</Kbd>
          <Kbd>K</Kbd>
        </span>
      </button>
      <CommandPalette
        open={palette.open}
        mode={palette.mode}
        onOpenChange={(open) => setPalette((p) => ({ ...p, open }))}
        organisation={organisation}
        organisations={organisations}
        switchOrganisation={switchOrganisation}
        onNewProgram={canPlan ? () => setNewProgram(true) : undefined}
        onShowShortcuts={() => setHelp(true)}
      />
      <NewProgramDialog open={newProgram} onOpenChange={setNewProgram} onCreated={(id) => router.push(entityHref('program', id))} />
      <Dialog open={help} onOpenChange={setHelp}>
        <DialogContent data-testid="shortcuts-sheet">
          <DialogHeader title="Keyboard shortcuts" description="Single keys work when no field has the focus." />
          <div className="grid gap-6 sm:grid-cols-2">
            <section>
              <h3 className="mb-2 text-sm font-medium">Anywhere</h3>
              <dl className="space-y-2 text-sm">
                {OTHER_SHORTCUTS.map((s) => (
                  <div key={s.label} className="flex items-center justify-between gap-3">
                    <dt className="text-muted-foreground">{s.label}</dt>
                    <dd className="flex shrink-0 gap-1">
                      {s.keys.map((k) => (
                        <Kbd key={k}>{k === 'Ctrl' && mac ? '⌘' : k}</Kbd>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
            <section>
              <h3 className="mb-2 text-sm font-medium">Go to</h3>
              <dl className="space-y-2 text-sm">
                {GO_SHORTCUTS.map((s) => (
                  <div key={s.key} className="flex items-center justify-between gap-3">
                    <dt className="text-muted-foreground">{s.label}</dt>
                    <dd className="flex shrink-0 gap-1">
                      <Kbd>g</Kbd>
                      <Kbd>{s.key}</Kbd>
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
