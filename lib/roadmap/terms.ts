import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../db/connection';
import type { Term } from '../portfolio/terminology';
import { rows } from './sql';

export type { Term };

type Domain = 'roadmap_phase' | 'roadmap_status' | 'roadmap_item_type';

export interface RoadmapTerms {
  /** The roadmap phases in their terminology order: the lanes of the roadmap. */
  phases: Term[];
  statuses: Term[];
  types: Term[];
  label: (domain: Domain, key: string) => Term;
}

/** Display names and order of the roadmap's phases, statuses and item types. */
export async function getRoadmapTerms(tx: Database): Promise<RoadmapTerms> {
  const terms = await rows<{ domain: Domain; key: string; label: string }>(
    tx,
    sql`SELECT domain, internal_key AS key, display_name AS label FROM terminology
        WHERE domain IN ('roadmap_phase', 'roadmap_status', 'roadmap_item_type') AND deleted_at IS NULL
        ORDER BY domain, sort_order, internal_key`,
  );
  const of = (domain: Domain) => terms.filter((t) => t.domain === domain).map(({ key, label }) => ({ key, label }));
  const labels = new Map(terms.map((t) => [`${t.domain}:${t.key}`, t.label]));
  return {
    phases: of('roadmap_phase'),
    statuses: of('roadmap_status'),
    types: of('roadmap_item_type'),
    label: (domain, key) => ({ key, label: labels.get(`${domain}:${key}`) ?? key }),
  };
}
