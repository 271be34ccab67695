import 'server-only';

import { sql } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { products, programs } from '../db/schema';
import { getTermLookup } from '../portfolio/terminology';
import { listTrash, type TrashEntry } from './trash';

export interface ProgramRow {
  id: string;
  name: string;
  type: string;
  status: string;
  state: string;
  progress: number;
  products: number;
  owner: string | null;
}

/** The organisation's live programs, by name, with their number of live products. */
export async function listPrograms(member: OrganisationCaller): Promise<ProgramRow[]> {
  const { organisationId } = member;
  return withOrganisation(organisationId, (tx) => readPrograms(tx, organisationId));
}

/** The same, in a transaction the caller holds (the programs' CSV export). */
export async function readPrograms(tx: Database, organisationId: string): Promise<ProgramRow[]> {
  const label = await getTermLookup(tx, ['program_type', 'product_status']);
  const rows = rowsOf<{
    id: string;
    name: string;
    type_key: string;
    status_key: string;
    state: string;
    progress: number;
    products: number;
    owner: string | null;
  }>(
    await tx.execute(sql`SELECT g.id, g.name, g.type_key, g.status_key, g.state, g.progress_percentage AS progress, g.owner,
                                  (SELECT count(*)::int FROM ${products} p WHERE p.organisation_id = g.organisation_id AND p.program_id = g.id AND p.deleted_at IS NULL) AS products
                           FROM ${programs} g WHERE g.organisation_id = ${organisationId} AND g.deleted_at IS NULL ORDER BY g.name`),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: label('program_type', r.type_key).label,
    status: label('product_status', r.status_key).label,
    state: r.state,
    progress: Number(r.progress),
    products: Number(r.products),
    owner: r.owner,
  }));
}

/** The Trash of one program (or, with none, the organisation's deleted programs and standards), and the live programs to choose from. */
export async function getTrash(
  member: OrganisationCaller,
  programId: string | null,
): Promise<{ entries: TrashEntry[]; programs: { id: string; name: string }[]; program: { id: string; name: string } | null }> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    const all = rowsOf<{ id: string; name: string; deleted: boolean }>(
      await tx.execute(sql`SELECT id, name, deleted_at IS NOT NULL AS deleted FROM ${programs} WHERE organisation_id = ${organisationId} ORDER BY name`),
    );
    const program = programId ? (all.find((p) => p.id === programId) ?? null) : null;
    const entries = programId && !program ? [] : await listTrash(tx, organisationId, program ? program.id : null);
    return {
      entries,
      programs: all.filter((p) => !p.deleted).map(({ id, name }) => ({ id, name })),
      program: program ? { id: program.id, name: program.name } : null,
    };
  });
}
