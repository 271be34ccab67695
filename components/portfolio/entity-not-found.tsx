import { SearchX } from 'lucide-react';

import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';

/** The not-found page of an entity section: "No such <noun>", and the way back to the overview. */
export function EntityNotFound({ noun }: { noun: string }) {
  return (
    <EmptyState Icon={SearchX} title={`No such ${noun}`}>
      It may have been deleted, or it belongs to another organisation.{' '}
      <Link href="/" className="text-primary underline underline-offset-4">
        Back to the overview
      </Link>
      .
    </EmptyState>
  );
}
