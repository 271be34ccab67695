// The audit page's figures for `npm run bench` (issue 17): the page over HTTP (newest entries,
// and the next page through its own "Older entries" link) beside the same reads in process, and
// the keyset query through the app's seam (gantry_app, row-level security on) beside the same SQL
// run bare, at the top, 900,000 rows deep, and filtered by one actor.
import { sql } from 'drizzle-orm';

import type { Database } from '../../lib/db/connection';
import { time, type Row } from './stats';

const TARGET = 1_000_000;

/**
 * Tops the organisation's audit log up to a million rows (scale L has them; the demo has a few
 * hundred): plan edits by three people over two years, set-based. audit_log is append-only by
 * trigger; inserting is all it allows.
 */
export async function fillAuditLog(db: Database, email: string): Promise<number> {
  const [org] = (await db.execute(
    sql`SELECT m.organisation_id AS id FROM memberships m JOIN "user" u ON u.id = m.user_id WHERE u.email = ${email} AND m.deleted_at IS NULL LIMIT 1`,
  )) as unknown as { id: string }[];
  if (!org) throw new Error(`No member ${email} to fill the audit log for`);
  const [{ n }] = (await db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE organisation_id = ${org.id}`)) as unknown as [{ n: number }];
  const missing = TARGET - Number(n);
  if (missing <= 0) return 0;
  await db.execute(sql`INSERT INTO audit_log (organisation_id, timestamp, event_type, actor, resource_type, resource_id, action, old_value, new_value, instance_id)
    SELECT ${org.id}, now() - interval '730 days' + (g::float8 / ${missing}) * interval '730 days', 'plan.update',
           (ARRAY['agent:bench-a', 'agent:bench-b', 'agent:bench-c'])[1 + g % 3], 'roadmap_item', 'RI-B' || (g % 5000), 'update',
           jsonb_build_object('title', 'before ' || g), jsonb_build_object('title', 'after ' || g), current_instance_id()
    FROM generate_series(1, ${missing}) g`);
  return missing;
}

const olderLink = (html: string) => /href="(\/audit\?[^"]*before=[^"]+)"[^>]*data-testid="audit-older"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

/** While the server runs: the pages. Returns the rows, and what to run once the server has let go of the database. */
export async function benchAudit({ runs, page }: { runs: number; page: (pathname: string) => Promise<string> }) {
  const next = olderLink(await page('/audit')) ?? '/audit';
  const rows: Row[] = [
    { figure: 'audit page, newest 50 (server render)', app: await time(runs, 5, () => page('/audit')) },
    { figure: 'audit page, the next 50 (server render)', app: await time(runs, 5, () => page(next)) },
  ];

  async function bare(headers: Headers): Promise<Row[]> {
    const { getDb, withOrganisation } = await import('../../lib/db/client');
    const { resolveCaller } = await import('../../lib/auth/identity');
    const { getAuditLog } = await import('../../lib/audit/page');
    const { readAuditPage, auditWhere } = await import('../../lib/audit/query');
    const caller = await resolveCaller(headers);
    if (caller.kind !== 'member') throw new Error('The benchmark session names no member');
    const org = caller.organisationId;
    const db = await getDb();
    const before = new URL(next, 'http://x').searchParams.get('before') ?? undefined;
    rows[0]!.bare = await time(runs, 5, async () => (await resolveCaller(headers), getAuditLog(caller, {})));
    rows[1]!.bare = await time(runs, 5, async () => (await resolveCaller(headers), getAuditLog(caller, { before })));

    const [total] = (await db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE organisation_id = ${org}`)) as unknown as { n: number }[];
    const depth = Math.floor(Number(total!.n) * 0.9);
    const [deep] = (await db.execute(
      sql`SELECT "timestamp"::text AS ts, id FROM audit_log WHERE organisation_id = ${org} ORDER BY "timestamp" DESC, id DESC OFFSET ${depth} LIMIT 1`,
    )) as unknown as { ts: string; id: number }[];
    const cursor = deep ? `${deep.ts}|${deep.id}` : undefined;
    const [common] = (await db.execute(
      sql`SELECT actor FROM audit_log WHERE organisation_id = ${org} AND "timestamp" > now() - interval '30 days' GROUP BY actor ORDER BY count(*) DESC LIMIT 1`,
    )) as unknown as { actor: string }[];
    const actor = common?.actor ?? 'system';
    const bareQuery = (filter: { actor?: string; entity?: string }, at?: string) =>
      db.execute(sql`SELECT a.id, a.timestamp::text AS ts, a.event_type, a.actor, a.action, a.resource_type, a.resource_id, a.old_value, a.new_value, a.context
                     FROM audit_log a WHERE ${auditWhere(org, filter, at)} ORDER BY a.timestamp DESC, a.id DESC LIMIT 51`);
    const figures: [string, { actor?: string; entity?: string }, string | undefined][] = [
      ['audit log keyset, newest 50', {}, undefined],
      [`audit log keyset, 50 at row ${depth.toLocaleString('en')} of ${Number(total!.n).toLocaleString('en')}`, {}, cursor],
      [`audit log keyset, newest 50 by ${actor}`, { actor }, undefined],
      ['audit log keyset, newest 50 of one item (RI-B42)', { entity: 'RI-B42' }, undefined],
    ];
    return [
      ...rows,
      ...(await sequential(
        figures.map(([figure, filter, at]) => async () => ({
          figure,
          app: await time(runs, 5, () => withOrganisation(org, (tx) => readAuditPage(tx, org, filter, at, 51))),
          bare: await time(runs, 5, () => bareQuery(filter, at)),
        })),
      )),
    ];
  }

  return { bare };
}

async function sequential<T>(work: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const step of work) out.push(await step());
  return out;
}
