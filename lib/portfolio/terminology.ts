import 'server-only';

import { and, asc, eq, inArray, isNull } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { terminology } from '../db/schema';

export interface Term {
  key: string;
  label: string;
}

export type TermLookup = (domain: string, key: string) => Term;

/** Display names of the given domains; an unknown key shows as itself. */
export async function getTermLookup(db: Database, domains: string[]): Promise<TermLookup> {
  const rows = await db
    .select({ domain: terminology.domain, key: terminology.internalKey, label: terminology.displayName })
    .from(terminology)
    .where(and(inArray(terminology.domain, domains), isNull(terminology.deletedAt)))
    .orderBy(asc(terminology.domain), asc(terminology.sortOrder));
  const labels = new Map(rows.map((row) => [`${row.domain}:${row.key}`, row.label]));
  return (domain, key) => ({ key, label: labels.get(`${domain}:${key}`) ?? key });
}

/** One domain's keys with their display names, in the domain's order (a board's columns, a filter's options). */
export async function getDomainTerms(db: Database, domain: string): Promise<Term[]> {
  return db
    .select({ key: terminology.internalKey, label: terminology.displayName })
    .from(terminology)
    .where(and(eq(terminology.domain, domain), isNull(terminology.deletedAt)))
    .orderBy(asc(terminology.sortOrder), asc(terminology.internalKey));
}
