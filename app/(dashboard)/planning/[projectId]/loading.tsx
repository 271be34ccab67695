import { PageSkeleton, Skeletons } from '@/components/ui/page-skeleton';

export default function Loading() {
  return (
    <PageSkeleton label="Loading the story map…">
      <Skeletons count={3} className="h-48 rounded-xl" />
    </PageSkeleton>
  );
}
