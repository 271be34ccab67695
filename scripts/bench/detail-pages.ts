import { sql } from 'drizzle-orm';

import type { Database } from '../../lib/db/connection';
import { rowsOf } from '../../lib/db/sql';
import { beforeServing, memberOrganisationId } from './bench-boards';

// The pages that name a row (a program, a release's review, a planning project's card…), each
// with one id read from the member's organisation before the server opens the database: the first
// live row by id, so that runs on the same database time the same pages. The planning pages take
// a project with runs, and only ids the app accepts (RFC 4122 uuids: lib/planning/pages.ts refuses
// the scale seed's, whose version digit is not one).

export interface NamedPage {
  name: string;
  path: string;
}

const RFC_4122 = `'^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'`;

async function firstId(db: Database, query: ReturnType<typeof sql>): Promise<string | undefined> {
  return rowsOf<{ id: string }>(await db.execute(query))[0]?.id;
}

/** One detail page of each kind, as `{ name, path }`; a kind with no row in the organisation is left out. */
export async function findDetailPages(db: Database, organisationId: string): Promise<NamedPage[]> {
  const org = sql`${organisationId}::uuid`;
  const first = (table: string, id = 'id') =>
    firstId(db, sql`SELECT ${sql.raw(id)}::text AS id FROM ${sql.raw(table)} WHERE organisation_id = ${org} AND deleted_at IS NULL ORDER BY 1 LIMIT 1`);
  const pages: NamedPage[] = [];
  const add = (name: string, id: string | undefined, path: (id: string) => string) => {
    if (id) pages.push({ name, path: path(encodeURIComponent(id)) });
  };
  const release = await first('releases');
  add('release review', release, (id) => `/releases/${id}`);
  add('release report (print)', release, (id) => `/releases/${id}/report`);
  add('program', await first('programs'), (id) => `/programs/${id}`);
  add('product', await first('products'), (id) => `/products/${id}`);
  add('feature', await first('features'), (id) => `/features/${id}`);
  add('change request', await first('change_requests'), (id) => `/change-requests/${id}`);
  add('bug', await first('bugs'), (id) => `/bugs/${id}`);
  add('roadmap item', await first('roadmap_items'), (id) => `/roadmap/items/${id}`);
  add('builder', await first('builders', 'builder_id'), (id) => `/builders/${id}`);
  add('task', await first('tasks', 'task_id'), (id) => `/tasks/${id}`);

  const project = await firstId(
    db,
    sql`SELECT p.id::text AS id FROM project p
         WHERE p.organisation_id = ${org} AND p.deleted_at IS NULL AND p.id::text ~ ${sql.raw(RFC_4122)}
         ORDER BY (SELECT count(*) FROM orchestration_run r WHERE r.organisation_id = p.organisation_id AND r.project_id = p.id AND r.deleted_at IS NULL) DESC, 1
         LIMIT 1`,
  );
  if (!project) return pages;
  const inProject = (table: string) =>
    firstId(
      db,
      sql`SELECT id::text AS id FROM ${sql.raw(table)}
           WHERE organisation_id = ${org} AND project_id = ${project}::uuid AND deleted_at IS NULL AND id::text ~ ${sql.raw(RFC_4122)}
           ORDER BY 1 LIMIT 1`,
    );
  const base = `/planning/${project}`;
  pages.push(
    { name: 'story map', path: base },
    { name: 'planning actions', path: `${base}/actions` },
    { name: 'planning memory', path: `${base}/memory` },
    { name: 'planning policy', path: `${base}/policy` },
    { name: 'planning runs', path: `${base}/runs` },
  );
  add('planning run', await inProject('orchestration_run'), (id) => `${base}/runs/${id}`);
  add('planning card', await inProject('card'), (id) => `${base}/cards/${id}`);
  return pages;
}

/** `--only pages`: the detail pages' paths in the organisation of `email`, read before the server opens the database. */
export async function detailPaths(email: string): Promise<string[]> {
  const pages = await beforeServing(async (db) => findDetailPages(db, await memberOrganisationId(db, email)));
  return pages.map((p) => p.path);
}
