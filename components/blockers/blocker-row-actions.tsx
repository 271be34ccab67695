'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';

import { EscalateDialog } from './escalate-dialog';
import { ResolveDialog } from './resolve-dialog';
import type { BlockerActions, BlockerRef } from './types';

/** Resolve and Escalate for one open blocker, outside the desk's table (an item's own page). */
export function BlockerRowActions({ blocker, actions, canAttach }: { blocker: BlockerRef; actions: BlockerActions; canAttach: boolean }) {
  const [open, setOpen] = useState<'resolve' | 'escalate' | null>(null);
  if (!actions.resolveBlocker) return null;
  return (
    <div className="flex gap-1.5">
      <Button size="sm" onClick={() => setOpen('resolve')} aria-label={`Resolve ${blocker.title}`}>
        Resolve
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setOpen('escalate')} aria-label={`Escalate ${blocker.title}`}>
        Escalate
      </Button>
      {open === 'resolve' && <ResolveDialog blocker={blocker} open onOpenChange={(o) => !o && setOpen(null)} actions={actions} canAttach={canAttach} />}
      {open === 'escalate' && <EscalateDialog blocker={blocker} open onOpenChange={(o) => !o && setOpen(null)} actions={actions} />}
    </div>
  );
}
