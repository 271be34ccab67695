import { PageSkeleton, SkeletonRows, Skeletons } from '@/components/ui/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading blockers…">
      <div className="flex flex-wrap gap-2">
        <Skeletons count={5} className="h-9 w-40" />
      </div>
      <Skeleton className="h-12" />
      <SkeletonRows count={8} className="h-14" />
    </PageSkeleton>
  );
}
