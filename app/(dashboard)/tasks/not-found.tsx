import { EntityNotFound } from '@/components/portfolio/entity-not-found';

export default function NotFound() {
  return <EntityNotFound noun="task" />;
}
