import { RowsSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <RowsSkeleton label="Loading your inbox…" count={6} className="h-16" />;
}
