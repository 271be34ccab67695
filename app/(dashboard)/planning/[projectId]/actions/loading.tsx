import { RowsSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <RowsSkeleton label="Loading the actions…" count={8} className="h-10" />;
}
