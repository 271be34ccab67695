import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';

/** What a delivery's body says (docs/webhooks.md). */
export interface WebhookPayload {
  /** The delivery's id (also in the Gantry-Delivery header); a receiver may drop a repeat. */
  id: string;
  event: string;
  occurredAt: string;
  organisation: { id: string; slug: string; name: string };
  entity: { type: string; id: string };
  /** The entity as it is when the delivery is made, read inside the organisation; null once it is gone. */
  data: Record<string, unknown> | null;
  /** The change's number in the change log (null for a test delivery). */
  seq: number | null;
}

/** A small, fixed body per kind of entity: never the whole row. */
const READERS: Record<string, (id: string) => SQL> = {
  roadmap_items: (id) => sql`SELECT jsonb_build_object('id', id, 'title', title, 'phase', phase_key, 'status', status_key, 'owner', owner,
      'programId', program_id, 'productId', product_id, 'completedAt', completed_at, 'deletedAt', deleted_at) AS data
    FROM roadmap_items WHERE id = ${id}`,
  blockers: (id) => sql`SELECT jsonb_build_object('id', id, 'workId', work_id, 'title', title, 'classification', classification,
      'severity', severity, 'escalatedAt', escalated_at, 'resolvedAt', resolved_at, 'resolution', resolution) AS data
    FROM blockers WHERE id = ${id}`,
  releases: (id) => sql`SELECT jsonb_build_object('id', r.id, 'productId', r.product_id, 'name', r.name, 'status', r.status_key,
      'targetDate', r.target_date, 'publishedAt', r.published_at, 'deletedAt', r.deleted_at, 'verdict', v.verdict) AS data
    FROM releases r LEFT JOIN v_release_verdict v ON v.organisation_id = r.organisation_id AND v.release_id = r.id WHERE r.id = ${id}`,
  compliance_results: (id) => sql`SELECT jsonb_build_object('id', c.id, 'standardId', c.standard_id, 'releaseId', c.release_id,
      'entityType', c.entity_type, 'entityId', c.entity_id, 'result', c.result, 'checkedBy', c.checked_by, 'checkedAt', c.checked_at,
      'releaseVerdict', v.verdict) AS data
    FROM compliance_results c LEFT JOIN v_release_verdict v ON v.organisation_id = c.organisation_id AND v.release_id = c.release_id
    WHERE c.id::text = ${id}`,
  deployment_events: (id) => sql`SELECT jsonb_build_object('id', id, 'target', target, 'version', version, 'status', status,
      'releaseId', release_id, 'productId', product_id, 'triggeredBy', triggered_by, 'completedAt', completed_at) AS data
    FROM deployment_events WHERE id::text = ${id}`,
};

/**
 * The entity a change names, read in `tx`: a transaction inside the change's organisation, so
 * row-level security shows that organisation's rows only (another's id finds nothing).
 */
export async function readEntity(tx: Database, type: string, id: string): Promise<Record<string, unknown> | null> {
  const reader = READERS[type];
  if (!reader) return null;
  const [row] = rowsOf<{ data: Record<string, unknown> }>(await tx.execute(reader(id)));
  return row?.data ?? null;
}

/** The organisation `tx` runs inside. */
export async function currentOrganisation(tx: Database): Promise<WebhookPayload['organisation']> {
  const [row] = rowsOf<WebhookPayload['organisation']>(
    await tx.execute(sql`SELECT id::text AS id, slug, name FROM organisations WHERE id = current_user_org_id()`),
  );
  if (!row) throw new Error('No organisation is set for this transaction.');
  return row;
}
