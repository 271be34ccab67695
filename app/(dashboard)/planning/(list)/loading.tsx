import { FiguresAndRowsSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <FiguresAndRowsSkeleton label="Loading the projects…" />;
}
