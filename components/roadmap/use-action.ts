'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

import type { ActionResult } from '@/lib/auth/result';

export interface ActionState<R> {
  error?: string;
  success?: string;
  fieldErrors?: Record<string, string>;
  data?: R;
}

/** Calls a server action, keeps its answer for the form (message, field errors, data), and refreshes the page's data on success. */
export function useAction<I, R>(action: (input: I) => Promise<ActionResult<R>>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<ActionState<R>>({});

  function run(input: I, describe: (data: R) => string, onDone?: (data: R) => void) {
    startTransition(async () => {
      const result = await action(input).catch(() => null);
      if (!result) return setState({ error: 'Gantry could not be reached; nothing was changed. Try again.' });
      if (!result.ok) return setState({ error: result.error.message, fieldErrors: result.error.fieldErrors });
      setState({ success: describe(result.data), data: result.data });
      onDone?.(result.data);
      router.refresh();
    });
  }

  return { pending, state, run, reset: () => setState({}) };
}
