import { PageSkeleton, Skeletons } from '@/components/ui/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading the roadmap…" className="space-y-5">
      <Skeleton className="h-9 w-96" />
      <div className="flex gap-4 overflow-hidden">
        <Skeletons count={5} className="h-96 w-72 shrink-0" />
      </div>
    </PageSkeleton>
  );
}
