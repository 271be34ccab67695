'use client';

import { LoadError, type ErrorBoundaryProps } from '@/components/ui/load-error';

export default function InboxError(props: ErrorBoundaryProps) {
  return (
    <LoadError {...props} title="Your inbox could not be loaded">
      Gantry could not read what needs you just now; nothing was marked read. Try again in a moment.
    </LoadError>
  );
}
