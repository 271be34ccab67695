import { PageSkeleton, Skeletons } from '@/components/ui/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading blockers…">
      <div className="flex flex-wrap gap-2">
        <Skeletons count={5} className="h-9 w-40" />
      </div>
      <Skeleton className="h-12" />
      <div className="space-y-2">
        <Skeletons count={8} className="h-14" />
      </div>
    </PageSkeleton>
  );
}
