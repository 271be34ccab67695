'use client';

import { X } from 'lucide-react';
import { Dialog as DialogPrimitive } from 'radix-ui';
import type { ComponentProps, ReactNode } from 'react';

import { cn } from '@/lib/utils';

import { Button } from './button';
import { SubmitButton } from './field';

/**
 * The one modal layer, on Radix: Escape and the overlay close it, focus stays inside while it is
 * open and goes back to what opened it when it closes.
 */
export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

const sides = {
  /** A centred modal, for a form. */
  center:
    'top-1/2 left-1/2 max-h-[90vh] w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-border bg-surface p-5 shadow-xl',
  /** A panel along the right edge, for an item's details. */
  right: 'inset-y-0 right-0 flex w-full max-w-lg flex-col border-l border-border bg-background shadow-2xl',
} as const;

export function DialogContent({
  side = 'center',
  className,
  children,
  ...props
}: ComponentProps<typeof DialogPrimitive.Content> & { side?: keyof typeof sides }) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={cn('fixed inset-0 z-40 backdrop-blur-[1px]', side === 'center' ? 'bg-black/40' : 'bg-black/30')} />
      <DialogPrimitive.Content className={cn('fixed z-50 outline-none', sides[side], className)} {...props}>
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title className={cn('text-lg font-semibold', className)} {...props} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description className={cn('text-sm text-muted-foreground', className)} {...props} />;
}

/** The X in a dialog's corner. */
export function DialogCloseButton({ className, iconClassName = 'size-4' }: { className?: string; iconClassName?: string }) {
  return (
    <DialogPrimitive.Close className={cn('rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground', className)} aria-label="Close">
      <X className={iconClassName} aria-hidden />
    </DialogPrimitive.Close>
  );
}

/** A modal's title, its line of context (read to screen readers; the title again when there is none) and the close button. */
export function DialogHeader({ title, description }: { title: ReactNode; description?: ReactNode }) {
  return (
    <div className="mb-4 flex items-start justify-between gap-4">
      <div className="min-w-0 space-y-1">
        <DialogTitle>{title}</DialogTitle>
        {description ? <DialogDescription>{description}</DialogDescription> : <DialogDescription className="sr-only">{title}</DialogDescription>}
      </div>
      <DialogCloseButton />
    </div>
  );
}

/** The buttons at the foot of a dialog's form. */
export function DialogFooter({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('flex justify-end gap-2', className)} {...props} />;
}

/** A dialog form's foot: Cancel (closes it) and the submit button, which shows the action pending. */
export function DialogFormFooter(props: ComponentProps<typeof SubmitButton>) {
  return (
    <DialogFooter>
      <DialogClose asChild>
        <Button variant="ghost">Cancel</Button>
      </DialogClose>
      <SubmitButton {...props} />
    </DialogFooter>
  );
}
