import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../../connection';
import { rowsOf } from '../../sql';

/**
 * The queries the pages will run at scale, one organisation at a time, with the parameters a
 * page would pass. `npm run db:explain` and the query-plan test explain each of them.
 */
export interface PageQueryParameters {
  organisationId: string;
  /** A release with compliance results, the newest by target date. */
  releaseId: string | null;
  /** The largest board column of the roadmap: a phase and a status. */
  phaseKey: string | null;
  statusKey: string | null;
  /** The most common status of live change requests. */
  crStatusKey: string | null;
  /** The project with the most live cards, and its largest column. */
  projectId: string | null;
  cardStatus: string | null;
}

export interface PageQuery {
  name: string;
  /** Tables the query needs; it is skipped when one of them does not exist. */
  needs: string[];
  statement: SQL;
}

const first = async <T>(db: Database, statement: SQL): Promise<T | undefined> => rowsOf<T>(await db.execute(statement))[0];

/** The parameters for one organisation, chosen as a page would meet them. */
export async function pickPageQueryParameters(db: Database, organisationId: string): Promise<PageQueryParameters> {
  const org = sql`${organisationId}::uuid`;
  const release = await first<{ id: string }>(
    db,
    sql`
    SELECT r.id FROM releases r
    WHERE r.organisation_id = ${org} AND r.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM compliance_results c WHERE c.organisation_id = r.organisation_id AND c.release_id = r.id)
    ORDER BY r.target_date DESC NULLS LAST, r.id LIMIT 1`,
  );
  const column = await first<{ phase_key: string; status_key: string }>(
    db,
    sql`
    SELECT phase_key, status_key FROM roadmap_items
    WHERE organisation_id = ${org} AND deleted_at IS NULL
    GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
  );
  const crStatus = await first<{ status_key: string }>(
    db,
    sql`
    SELECT status_key FROM change_requests WHERE organisation_id = ${org} AND deleted_at IS NULL
    GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  const board = await first<{ project_id: string; status: string }>(
    db,
    sql`
    SELECT project_id, status FROM card WHERE organisation_id = ${org} AND deleted_at IS NULL
    GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
  );
  return {
    organisationId,
    releaseId: release?.id ?? null,
    phaseKey: column?.phase_key ?? null,
    statusKey: column?.status_key ?? null,
    crStatusKey: crStatus?.status_key ?? null,
    projectId: board?.project_id ?? null,
    cardStatus: board?.status ?? null,
  };
}

/** The page queries, in the order the report prints them. */
export function pageQueries(p: PageQueryParameters): PageQuery[] {
  const org = sql`${p.organisationId}::uuid`;
  return [
    {
      name: 'ready queue, first 100 (v_ready_items)',
      needs: ['roadmap_items'],
      statement: sql`SELECT * FROM v_ready_items WHERE organisation_id = ${org} LIMIT 100`,
    },
    {
      name: 'blocked queue, first 100 (v_blocked_items)',
      needs: ['roadmap_items'],
      // In id order, as the roadmap's queues page reads it (through roadmap_items_open_id_idx).
      statement: sql`SELECT * FROM v_blocked_items WHERE organisation_id = ${org} ORDER BY id LIMIT 100`,
    },
    {
      name: 'roadmap progress (v_roadmap_progress)',
      needs: ['roadmap_items'],
      statement: sql`SELECT * FROM v_roadmap_progress WHERE organisation_id = ${org}`,
    },
    {
      name: 'compliance status of one release (v_compliance_status)',
      needs: ['compliance_results'],
      statement: sql`SELECT * FROM v_compliance_status WHERE organisation_id = ${org} AND release_id = ${p.releaseId}`,
    },
    {
      name: 'latest result per standard of one release (v_latest_compliance_results)',
      needs: ['compliance_results'],
      statement: sql`SELECT * FROM v_latest_compliance_results WHERE organisation_id = ${org} AND release_id = ${p.releaseId}`,
    },
    {
      name: 'verdict of one release (v_release_verdict)',
      needs: ['compliance_results'],
      statement: sql`SELECT * FROM v_release_verdict WHERE organisation_id = ${org} AND release_id = ${p.releaseId}`,
    },
    {
      // The releases list filtered on the verdict: every release's verdict, set-based.
      name: 'blocked releases, every verdict computed (v_release_verdict)',
      needs: ['compliance_results'],
      statement: sql`SELECT release_id FROM v_release_verdict WHERE organisation_id = ${org} AND verdict = 'blocked'`,
    },
    {
      name: 'open blockers, oldest 100',
      needs: ['blockers'],
      // The blockers page: open, live blockers, oldest first (blockers_open_age_idx).
      statement: sql`SELECT * FROM blockers WHERE organisation_id = ${org} AND resolved_at IS NULL AND deleted_at IS NULL ORDER BY detected_at LIMIT 100`,
    },
    {
      name: 'roadmap board column (phase + status by rank), first 100',
      needs: ['roadmap_items'],
      statement: sql`
        SELECT id, title, owner, rank FROM roadmap_items
        WHERE organisation_id = ${org} AND phase_key = ${p.phaseKey} AND status_key = ${p.statusKey} AND deleted_at IS NULL
        ORDER BY rank LIMIT 100`,
    },
    {
      name: 'change requests of one status, newest 100',
      needs: ['change_requests'],
      statement: sql`
        SELECT id, title, size, owner, created_at FROM change_requests
        WHERE organisation_id = ${org} AND status_key = ${p.crStatusKey} AND deleted_at IS NULL
        ORDER BY created_at DESC LIMIT 100`,
    },
    {
      name: 'card board column (project + status by rank), first 100',
      needs: ['card'],
      statement: sql`
        SELECT id, title, priority, rank FROM card
        WHERE organisation_id = ${org} AND project_id = ${p.projectId}::uuid AND status = ${p.cardStatus} AND deleted_at IS NULL
        ORDER BY rank LIMIT 100`,
    },
    {
      name: 'last heartbeat of every builder',
      needs: ['heartbeats'],
      statement: sql`
        SELECT b.builder_id, b.state, h."timestamp", h.status, h.message
        FROM builders b
        LEFT JOIN LATERAL (
          SELECT x."timestamp", x.status, x.message FROM heartbeats x
          WHERE x.organisation_id = b.organisation_id AND x.builder_id = b.builder_id
          ORDER BY x."timestamp" DESC LIMIT 1) h ON true
        WHERE b.organisation_id = ${org} AND b.deleted_at IS NULL
        ORDER BY b.builder_id`,
    },
    {
      // The audit page's keyset query (lib/audit/query.ts): audit_log_organisation_time_id_idx
      // (organisation, timestamp DESC, id DESC; migration 0040) gives the order and the cursor.
      name: 'audit log, newest 51 (the audit page)',
      needs: ['audit_log'],
      statement: sql`SELECT * FROM audit_log a WHERE a.organisation_id = ${org} ORDER BY a."timestamp" DESC, a.id DESC LIMIT 51`,
    },
    {
      name: 'audit log, 51 after a cursor (the audit page, a later page)',
      needs: ['audit_log'],
      statement: sql`SELECT * FROM audit_log a WHERE a.organisation_id = ${org}
                       AND (a."timestamp", a.id) < (now() - interval '300 days', 9223372036854775807::bigint)
                     ORDER BY a."timestamp" DESC, a.id DESC LIMIT 51`,
    },
  ];
}
