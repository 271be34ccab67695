'use client';

import { Bookmark } from 'lucide-react';
import { usePathname, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';

import { saveSavedView } from '@/app/(dashboard)/views/actions';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFormFooter, DialogHeader, DialogTrigger } from '@/components/ui/dialog';
import { FormMessage, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { VIEW_PATHS, type ViewPath } from '@/lib/saved-views/input';

/**
 * "Save view": names this page with its filters (the address bar's query, or `query` where the page
 * shows more than its address says, e.g. the board it remembered) and lists it in the sidebar for the organisation.
 */
export function SaveViewButton({ query }: { query?: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const params = query === undefined ? searchParams : new URLSearchParams(query);
  const [open, setOpen] = useState(false);
  const save = useAction(saveSavedView, {
    onSuccess: (view) => {
      setOpen(false);
      toast.success(`Saved the view “${view.name}”.`);
    },
  });
  if (!(VIEW_PATHS as readonly string[]).includes(pathname)) return null;

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm" data-testid="save-view">
          <Bookmark className="size-3.5" aria-hidden />
          Save view
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader title="Save this view" description="The page with its filters, under a name, in everyone’s sidebar under Views." />
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const name = String(new FormData(event.currentTarget).get('name') ?? '');
            save.run({ name, path: pathname as ViewPath, query: params.toString() });
          }}
        >
          <TextField
            label="Name"
            name="name"
            required
            maxLength={100}
            autoFocus
            error={save.fieldErrors.name}
            placeholder="e.g. Motus, large change requests"
          />
          <p className="text-xs break-all text-muted-foreground">
            {pathname}
            {params.size ? `?${params.toString()}` : ''}
          </p>
          <FormMessage error={save.error} />
          <DialogFormFooter pending={save.pending} pendingLabel="Saving…">
            Save view
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
