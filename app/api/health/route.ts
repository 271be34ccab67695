import { getDatabaseHealth } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/**
 * Liveness and readiness for load balancers and `npm start`: 200 when the database answers
 * and its migrations are current, 503 otherwise. Public by design: it reveals only the
 * database's kind and migration counts, never data or connection strings.
 */
export async function GET() {
  const health = await getDatabaseHealth();
  const body = {
    status: health.ok ? 'ok' : 'unavailable',
    database: {
      kind: health.kind,
      reachable: health.reachable,
      migrations: health.migrations && {
        applied: health.migrations.applied,
        known: health.migrations.known,
        pending: health.migrations.pending,
        current: health.migrations.current,
      },
      ...(health.ok ? {} : { problem: problemOf(health) }),
    },
  };
  if (!health.ok) console.error(`health: ${health.error ?? 'migrations are not current'}`);
  return Response.json(body, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}

/** A public, generic reason; the detail (hosts, errors) goes to the server log only. */
function problemOf(health: Awaited<ReturnType<typeof getDatabaseHealth>>): string {
  if (!health.reachable) return 'database unreachable';
  if (health.migrations && !health.migrations.current) return 'migrations pending: run `npm run db:migrate`';
  return 'database not ready';
}
