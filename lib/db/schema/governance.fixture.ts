import type { Database } from '../connection';
import { query } from '../testing/sql';

export const orgA = '00000000-0000-4000-8000-0000000000a1';
export const orgB = '00000000-0000-4000-8000-0000000000b1';

/**
 * Two organisations with a small portfolio each. Organisation A: program p1 with products
 * prod1 (feature f1, releases r1 and r2) and prod2 (release r3). Organisation B reuses the ids
 * p1 / prod1 / r1, so that a row of A pointing at them proves nothing across organisations.
 */
export async function seedPortfolio(db: Database): Promise<void> {
  await query(db, `INSERT INTO organisations (id, slug, name) VALUES ('${orgA}', 'gov-a', 'A'), ('${orgB}', 'gov-b', 'B')`);
  await query(db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'p1', 'Program one'), ('${orgB}', 'p1', 'Program one')`);
  await query(
    db,
    `INSERT INTO products (organisation_id, id, program_id, name) VALUES
       ('${orgA}', 'prod1', 'p1', 'Product one'), ('${orgA}', 'prod2', 'p1', 'Product two'),
       ('${orgB}', 'prod1', 'p1', 'Product one of B')`,
  );
  await query(db, `INSERT INTO features (organisation_id, id, product_id, name) VALUES ('${orgA}', 'f1', 'prod1', 'Feature one')`);
  await query(
    db,
    `INSERT INTO releases (organisation_id, id, product_id, name) VALUES
       ('${orgA}', 'r1', 'prod1', 'v1.0'), ('${orgA}', 'r2', 'prod1', 'v1.1'), ('${orgA}', 'r3', 'prod2', 'v2.0'),
       ('${orgB}', 'r1', 'prod1', 'B v1.0')`,
  );
}
