import type { ComponentProps, ReactNode } from 'react';

import { cn } from '@/lib/utils';

import { Button } from './button';

const control =
  'h-10 w-full rounded-md border border-border bg-surface px-3 text-sm shadow-sm outline-none transition-colors placeholder:text-muted-foreground/70 focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/20';

interface FieldProps {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  /** The id prefix when one page has two forms with a field of the same name. */
  idPrefix?: string;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled text input whose hint and error are tied to it for screen readers. */
export function TextField({ label, name, hint, error, idPrefix = 'field', className, ...input }: FieldProps & ComponentProps<'input'>) {
  const id = `${idPrefix}-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint && !error, error)}
        className={cn(control, className)}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({ label, name, hint, error, idPrefix = 'field', className, children, ...select }: FieldProps & ComponentProps<'select'>) {
  const id = `${idPrefix}-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint && !error, error)}
        className={cn(control, 'pr-8', className)}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** A labelled textarea whose hint and error are tied to it, like TextField. */
export function TextAreaField({ label, name, hint, error, idPrefix = 'field', className, ...textarea }: FieldProps & ComponentProps<'textarea'>) {
  const id = `${idPrefix}-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint && !error, error)}
        className={cn(control, 'h-auto min-h-24 py-2', className)}
        {...textarea}
      />
    </FieldFrame>
  );
}

/** A form's submit button: disabled while the action runs, and saying so (`pendingLabel`). */
export function SubmitButton({
  pending,
  pendingLabel,
  icon,
  disabled,
  children,
  ...button
}: Omit<ComponentProps<typeof Button>, 'type'> & { pending: boolean; pendingLabel: ReactNode; icon?: ReactNode }) {
  return (
    <Button type="submit" {...button} disabled={pending || disabled} aria-busy={pending || undefined}>
      {icon}
      {pending ? pendingLabel : children}
    </Button>
  );
}

/**
 * Where a form says what went wrong (or right): an aria-live region that is always in the page,
 * so that screen readers announce each new message.
 */
export function FormMessage({ error, success, testId = 'form-message' }: { error?: string | null; success?: string | null; testId?: string }) {
  return (
    <div aria-live="polite" aria-atomic="true" data-testid={testId}>
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200"
        >
          {error}
        </p>
      )}
      {!error && success && (
        <p className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-400/30 dark:bg-emerald-400/10 dark:text-emerald-200">
          {success}
        </p>
      )}
    </div>
  );
}
