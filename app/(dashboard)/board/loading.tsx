import { PageSkeleton, Skeletons } from '@/components/ui/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading the board…" className="space-y-4">
      <Skeleton className="h-10 w-full" />
      <div className="flex gap-4 overflow-hidden">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="w-72 shrink-0 space-y-3">
            <Skeleton className="h-6 w-28" />
            <Skeletons count={4} className="h-24" />
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
