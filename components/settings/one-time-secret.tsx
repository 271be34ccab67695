'use client';

import { Check, Copy } from 'lucide-react';
import { useState, type ReactNode } from 'react';

import { Button } from '@/components/ui/button';

/** A secret shown once (a token, an invitation link), with a copy button and what to do with it. */
export function OneTimeSecret({
  title,
  value,
  copyLabel,
  testId,
  children,
}: {
  title: string;
  value: string;
  copyLabel: string;
  testId: string;
  children?: ReactNode;
}) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    await navigator.clipboard.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-400/30 dark:bg-amber-400/10" data-testid={testId}>
      <p className="text-sm font-medium text-amber-900 dark:text-amber-100">{title}</p>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 truncate rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs" data-testid={`${testId}-value`}>
          {value}
        </code>
        <Button variant="secondary" size="sm" onClick={copy} aria-label={copyLabel}>
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      {children && <p className="text-xs text-amber-900/80 dark:text-amber-100/80">{children}</p>}
    </div>
  );
}
