import { PageSkeleton, Skeletons } from '@/components/ui/page-skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading the card…">
      <Skeletons count={1} className="h-48 rounded-xl" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeletons count={4} className="h-40 rounded-xl" />
      </div>
    </PageSkeleton>
  );
}
