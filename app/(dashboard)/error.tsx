'use client';

import { LoadError, type ErrorBoundaryProps } from '@/components/ui/load-error';

export default function DashboardError(props: ErrorBoundaryProps) {
  return (
    <LoadError {...props} title="This page could not be loaded">
      Gantry could not read its database. Check that the database is running and migrated (<code className="font-mono">/api/health</code> says which).
    </LoadError>
  );
}
