'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';

import type { ActionErrorBody, ActionResult } from '@/lib/procedure/result';

/** What a form shows when the request never got an answer. */
export const UNREACHABLE = 'Gantry could not be reached; nothing was changed. Try again.';

export interface ActionState<R> {
  /** The refusal, as the action (or the database behind it) worded it. */
  error?: string;
  /** Per field, the first problem with it. */
  fieldErrors: Record<string, string | undefined>;
  /** What the form says when the action worked. */
  success?: string;
  data?: R;
}

export interface UseActionOptions<I, R> {
  /** The sentence the form shows when the action worked. */
  success?: string | ((data: R, input: I) => string);
  /** Runs after the action worked, before the page's data is refreshed. */
  onSuccess?: (data: R, input: I) => void;
  /** Runs after the action refused (e.g. to reload what someone else changed). */
  onError?: (error: ActionErrorBody, input: I) => void;
  /** Refresh the server components' data after success (default true). */
  refresh?: boolean;
  /** After success, go to this page in place of this one (and refresh: the server components may read a new session or organisation). */
  goTo?: string;
  /** Empty the submitted form after success (default false). */
  resetForm?: boolean;
}

type ToInput<I> = (data: FormData) => I | null;

/**
 * The one way a client component calls a server action: `run(input)` for a button or a controlled
 * form, `submit` as a form's `onSubmit` (it sends the form's fields as FormData, or what `toInput`
 * makes of them). It keeps the refusal, the field errors and the success sentence for the form
 * (`FormMessage`, the fields' `error`), says whether it is pending, and refreshes the page's
 * data on success.
 */
export function useAction<I, R>(action: (input: I) => Promise<ActionResult<R>>, options: UseActionOptions<I, R> = {}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<ActionState<R>>({ fieldErrors: {} });

  function run(input: I, form?: HTMLFormElement) {
    setState((last) => ({ ...last, success: undefined }));
    startTransition(async () => {
      const result = await action(input).catch(() => null);
      if (!result) return setState({ error: UNREACHABLE, fieldErrors: {} });
      if (!result.ok) {
        setState({ error: result.error.message, fieldErrors: result.error.fieldErrors ?? {} });
        return options.onError?.(result.error, input);
      }
      const { success } = options;
      setState({ success: typeof success === 'function' ? success(result.data, input) : success, data: result.data, fieldErrors: {} });
      if (options.resetForm) form?.reset();
      options.onSuccess?.(result.data, input);
      if (options.goTo) router.replace(options.goTo);
      if (options.refresh !== false) router.refresh();
    });
  }

  /** A form's `onSubmit`. Without `toInput` the action gets the form's fields; `toInput` may return null to send nothing (it has called `refuse`). */
  function submit(event: FormEvent<HTMLFormElement>, ...[toInput]: FormData extends I ? [toInput?: ToInput<I>] : [toInput: ToInput<I>]) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = toInput ? toInput(data) : (data as I);
    if (input !== null) run(input, form);
  }

  /** Shows a refusal found before calling the action (e.g. two passwords that differ). */
  function refuse(error: string, fieldErrors: Record<string, string> = {}) {
    setState({ error, fieldErrors });
  }

  return { ...state, pending, run, submit, refuse, reset: () => setState({ fieldErrors: {} }) };
}
