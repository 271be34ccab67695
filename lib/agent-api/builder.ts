import 'server-only';

import { sql } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { getBuilderProfile } from '../foreman/builder-profile';
import { iso, rows } from './sql';
import { workerOf } from './worker';

/**
 * Who the caller works as: for a builder token, its builder (state, last heartbeat, capabilities);
 * for a member, themselves with their role. With the number of attempts it holds open.
 */
export async function getWorkerSelf(tx: Database, caller: OrganisationCaller) {
  const worker = workerOf(caller);
  const [open] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM attempts WHERE organisation_id = ${caller.organisationId} AND worker_id = ${worker.workerId} AND ended_at IS NULL`,
  );
  const profile = worker.builderId ? await getBuilderProfile(tx, worker.builderId) : null;
  const capabilities = worker.builderId
    ? await rows<{ capability_id: string }>(
        tx,
        sql`SELECT capability_id FROM builder_capabilities WHERE organisation_id = ${caller.organisationId} AND builder_id = ${worker.builderId} ORDER BY 1`,
      )
    : [];
  return {
    workerId: worker.workerId,
    workerType: worker.workerType,
    role: caller.role,
    openAttempts: Number(open?.n ?? 0),
    builder: profile
      ? {
          builderId: profile.builderId,
          type: profile.type,
          backend: profile.backend,
          state: profile.state,
          lastHeartbeat: iso(profile.lastHeartbeat)!,
          capabilities: capabilities.map((c) => c.capability_id),
        }
      : null,
    organisation: profile?.organisation ?? (await organisationOf(tx, caller.organisationId)),
  };
}

async function organisationOf(tx: Database, organisationId: string) {
  const [row] = await rows<{ slug: string; name: string }>(tx, sql`SELECT slug, name FROM organisations WHERE id = ${organisationId}`);
  return row ?? { slug: '', name: '' };
}
