'use client';

import { Bookmark, Pencil, Trash2 } from 'lucide-react';
import { usePathname, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';

import { deleteSavedView, renameSavedView, restoreSavedView } from '@/app/(dashboard)/views/actions';
import { UNDO_MS } from '@/components/plan/delete-button';
import { Dialog, DialogContent, DialogFormFooter, DialogHeader } from '@/components/ui/dialog';
import { FormMessage, TextField } from '@/components/ui/field';
import { Link } from '@/components/ui/link';
import { useAction } from '@/components/ui/use-action';
import { normaliseQuery } from '@/lib/saved-views/input';
import type { SavedViewItem } from '@/lib/saved-views/saved-views';

import { useSavedViews } from './saved-views-context';

/** The sidebar's "Views": the organisation's saved views, each a link to its page with its filters; rename and delete (with Undo) beside each. */
export function SavedViewsNav({ onNavigate }: { onNavigate?: () => void }) {
  const views = useSavedViews();
  const pathname = usePathname();
  const query = normaliseQuery(useSearchParams().toString());
  const [renaming, setRenaming] = useState<SavedViewItem | null>(null);
  const restore = useAction(restoreSavedView, {
    onSuccess: (view) => void toast.success(`Restored the view “${view.name}”.`),
    onError: (error) => void toast.error('Not restored', { description: error.message }),
  });
  const remove = useAction(deleteSavedView, {
    onSuccess: ({ id }) => {
      const name = views.find((v) => v.id === id)?.name ?? 'view';
      toast(`Deleted the view “${name}”.`, { duration: UNDO_MS, action: { label: 'Undo', onClick: () => restore.run({ id }) } });
    },
    onError: (error) => void toast.error('The view stays', { description: error.message }),
  });

  return (
    <section aria-labelledby="saved-views-heading" className="mt-4 text-sm" data-testid="saved-views">
      <h2 id="saved-views-heading" className="px-3 pb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
        Views
      </h2>
      {views.length === 0 ? (
        <p className="px-3 py-1 text-xs text-muted-foreground">None saved yet: use “Save view” on the board or a list.</p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {views.map((view) => {
            const active = pathname === view.path && query === view.query;
            return (
              <li key={view.id} className="group flex items-center rounded-md hover:bg-muted">
                <Link
                  href={view.href}
                  onClick={onNavigate}
                  aria-current={active ? 'page' : undefined}
                  className={`flex min-w-0 flex-1 items-center gap-3 rounded-md px-3 py-1.5 focus-visible:outline-2 focus-visible:outline-primary ${
                    active ? 'bg-accent font-medium text-foreground' : 'text-muted-foreground hover:text-foreground'
                  }`}
                >
                  <Bookmark className="size-4 shrink-0" aria-hidden />
                  <span className="truncate">{view.name}</span>
                </Link>
                <button
                  type="button"
                  aria-label={`Rename the view ${view.name}`}
                  onClick={() => setRenaming(view)}
                  className="rounded p-1 text-muted-foreground opacity-60 group-hover:opacity-100 hover:text-foreground focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-primary"
                >
                  <Pencil className="size-3.5" aria-hidden />
                </button>
                <button
                  type="button"
                  aria-label={`Delete the view ${view.name}`}
                  disabled={remove.pending}
                  onClick={() => remove.run({ id: view.id })}
                  className="mr-1 rounded p-1 text-muted-foreground opacity-60 group-hover:opacity-100 hover:text-red-600 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-primary"
                >
                  <Trash2 className="size-3.5" aria-hidden />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {renaming && <RenameViewDialog view={renaming} onClose={() => setRenaming(null)} />}
    </section>
  );
}

function RenameViewDialog({ view, onClose }: { view: SavedViewItem; onClose: () => void }) {
  const rename = useAction(renameSavedView, { onSuccess: onClose });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader title="Rename the view" description={view.href} />
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            rename.run({ id: view.id, name: String(new FormData(event.currentTarget).get('name') ?? '') });
          }}
        >
          <TextField label="Name" name="name" defaultValue={view.name} required maxLength={100} autoFocus error={rename.fieldErrors.name} />
          <FormMessage error={rename.error} />
          <DialogFormFooter pending={rename.pending} pendingLabel="Saving…">
            Rename
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
