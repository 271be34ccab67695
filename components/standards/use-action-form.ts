'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import type { ActionResult } from '@/lib/auth/result';

export type FormAction = (input: FormData) => Promise<ActionResult<unknown>>;

/** Submits a form to a server action; keeps its field errors and message; refreshes the page on success. */
export function useActionForm(action: FormAction, { success, reset = true }: { success: string; reset?: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setDone(null);
    const result = await action(new FormData(form)).catch(() => null);
    setPending(false);
    if (!result) return setProblems({ form: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setProblems({ ...result.error.fieldErrors, form: result.error.message });
    setProblems({});
    setDone(success);
    if (reset) form.reset();
    router.refresh();
  }

  return { submit, pending, problems, done };
}
