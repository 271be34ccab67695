'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTheme } from 'next-themes';
import { useState, type ReactNode } from 'react';
import { Toaster } from 'sonner';

/** TanStack Query for the interactive pages, and the toasts that report their refusals. */
export function AppProviders({ children }: { children: ReactNode }) {
  // One client per browser tab (per render on the server), never shared between requests.
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: false } } }));
  const { resolvedTheme } = useTheme();
  return (
    <QueryClientProvider client={client}>
      {children}
      <Toaster theme={resolvedTheme === 'dark' ? 'dark' : 'light'} position="bottom-right" richColors closeButton />
    </QueryClientProvider>
  );
}
