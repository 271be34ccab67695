import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading the release…</span>
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-10 w-full max-w-3xl" />
      <Skeleton className="h-96" />
      <Skeleton className="h-72" />
    </div>
  );
}
