import { PageSkeleton, Skeletons } from '@/components/ui/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading…">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Skeletons count={4} className="h-24" />
      </div>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Skeleton className="h-72" />
          <Skeleton className="h-56" />
        </div>
        <Skeleton className="h-80" />
      </div>
    </PageSkeleton>
  );
}
