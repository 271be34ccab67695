import { PageSkeleton, Skeletons } from '@/components/ui/page-skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading your inbox…">
      <div className="space-y-2">
        <Skeletons count={6} className="h-16" />
      </div>
    </PageSkeleton>
  );
}
