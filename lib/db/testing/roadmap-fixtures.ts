import type { Database } from '../connection';
import { query } from './sql';

/** An organisation with one program ('prog'), product ('prod') and feature ('feat'). */
export async function createPortfolio(db: Database, organisationId: string, slug: string): Promise<void> {
  await query(db, `INSERT INTO organisations (id, slug, name) VALUES ('${organisationId}', '${slug}', '${slug}')`);
  await query(db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${organisationId}', 'prog', 'Program')`);
  await query(db, `INSERT INTO products (organisation_id, id, program_id, name) VALUES ('${organisationId}', 'prod', 'prog', 'Product')`);
  await query(db, `INSERT INTO features (organisation_id, id, product_id, name, version) VALUES ('${organisationId}', 'feat', 'prod', 'Feature', '1.0')`);
}

export interface ItemSpec {
  id: string;
  phase?: string;
  status?: string;
  type?: string;
  rank?: number | null;
  title?: string;
}

/** Inserts roadmap items (phase_a, pending, work unless given). */
export async function insertItems(db: Database, organisationId: string, items: ItemSpec[]): Promise<void> {
  const values = items
    .map(
      (i) =>
        `('${organisationId}', '${i.id}', '${i.title ?? `Item ${i.id}`}', '${i.phase ?? 'phase_a'}', ` +
        `'${i.status ?? 'pending'}', '${i.type ?? 'work'}', ${i.rank ?? 'NULL'})`,
    )
    .join(', ');
  await query(db, `INSERT INTO roadmap_items (organisation_id, id, title, phase_key, status_key, item_type, rank) VALUES ${values}`);
}

/** Inserts dependency edges given as [item, depends_on, type?]. */
export async function insertEdges(db: Database, organisationId: string, edges: [string, string, string?][]): Promise<void> {
  const values = edges.map(([item, on, type]) => `('${organisationId}', '${item}', '${on}', '${type ?? 'blocks'}')`).join(', ');
  await query(db, `INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id, dependency_type) VALUES ${values}`);
}
