import { PageSkeleton, Skeletons } from '@/components/ui/page-skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading the actions…">
      <div className="space-y-2">
        <Skeletons count={8} className="h-10" />
      </div>
    </PageSkeleton>
  );
}
