import { EntityNotFound } from '@/components/portfolio/entity-not-found';

/** A dashboard page that called notFound() and has no section of its own: drawn inside the shell's <main>, so no <main> of its own. */
export default function NotFound() {
  return <EntityNotFound noun="page" />;
}
