import { notFound } from 'next/navigation';

/**
 * A page's path segment, decoded. A malformed one (a stray `%`, as in /bugs/50%) names nothing,
 * so the page answers 404 instead of failing on decodeURIComponent's URIError.
 */
export function pathParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    notFound();
  }
}
