import { BarAndSectionsSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <BarAndSectionsSkeleton label="Loading releases…" />;
}
