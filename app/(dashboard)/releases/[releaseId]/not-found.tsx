import { ClipboardX } from 'lucide-react';

import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';

export default function ReleaseNotFound() {
  return (
    <EmptyState Icon={ClipboardX} title="No such release">
      It may have been deleted, or it belongs to another organisation.{' '}
      <Link href="/releases" className="text-primary hover:underline">
        See every release
      </Link>
      .
    </EmptyState>
  );
}
