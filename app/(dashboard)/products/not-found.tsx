import { SearchX } from 'lucide-react';
import Link from 'next/link';

import { EmptyState } from '@/components/ui/empty-state';

export default function NotFound() {
  return (
    <EmptyState Icon={SearchX} title="No such product">
      It may have been deleted, or it belongs to another organisation.{' '}
      <Link href="/" className="text-primary underline underline-offset-4">
        Back to the overview
      </Link>
      .
    </EmptyState>
  );
}
