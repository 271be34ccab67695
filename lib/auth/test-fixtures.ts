import { randomInt } from 'node:crypto';

import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { builders, memberships, organisations } from '../db/schema';
import { query } from '../db/testing/sql';
import { createPasswordAccount } from './accounts';
import { getAuth } from './auth';
import type { Role } from '../organisations/permissions';

// Accounts, memberships, sessions and tokens for tests, made the way the app makes them.

export const PASSWORD = 'correct horse battery staple';

export async function createOrganisation(db: Database, slug: string): Promise<string> {
  const [org] = await db
    .insert(organisations)
    .values({ slug, name: `${slug} org` })
    .returning({ id: organisations.id });
  return org!.id;
}

/** A person with a password account, a member of each organisation given with its role. */
export async function createMember(db: Database, email: string, roles: [organisationId: string, role: Role][], password = PASSWORD): Promise<string> {
  const userId = await createPasswordAccount(db, { name: email.split('@')[0]!, email, password });
  for (const [organisationId, role] of roles) await db.insert(memberships).values({ organisationId, userId, role });
  return userId;
}

export async function createBuilder(db: Database, organisationId: string, builderId: string): Promise<void> {
  await db.insert(builders).values({ organisationId, builderId, builderTypeKey: 'api', backendType: 'hosted', state: 'idle' });
}

/** A request to the auth library's own route, as a browser at `ip` would send it. */
export async function callAuthRoute(path: string, body: unknown, { ip = randomIp(), cookie }: { ip?: string; cookie?: string } = {}) {
  const auth = await getAuth();
  const url = new URL(path, auth.options.baseURL as string);
  return auth.handler(
    new Request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: url.origin,
        'x-forwarded-for': ip,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
}

/** Signs in through the auth route; the request headers of that browser from then on. */
export async function signIn(email: string, password = PASSWORD): Promise<Headers> {
  const response = await callAuthRoute('/api/auth/sign-in/email', { email, password });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  return new Headers({ cookie: cookieOf(response) });
}

/** The Cookie header a browser would send back after this response. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
}

export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** The columns of an API token that a call may not change (last_used_at records the call). */
const API_TOKEN_COLUMNS = '(t.organisation_id, t.id, t.builder_id, t.name, t.token_hash, t.revoked_at)';

/**
 * A fingerprint of every table's content, to prove that a refused call changed nothing. Using an
 * API token stamps its last_used_at (at most once a minute), and a password typed counts against
 * the sign-in limits (rate_limit): those record the call, they are not a change the call made, so
 * they are left out.
 *
 * One statement for all the tables: query_to_xml runs each table's ordered rows as a query of its
 * own inside it, so the fingerprint costs one round trip and no plan of a hundred subqueries (the
 * procedures test takes two per case; a query per table made it the slowest file of the suite).
 */
export async function fingerprintDatabase(db: Database): Promise<Record<string, string>> {
  return fingerprints(
    db,
    'database',
    sql.raw(`SELECT tablename AS name,
              format('SELECT %s::text FROM %I t ORDER BY 1', CASE tablename WHEN 'api_tokens' THEN '${API_TOKEN_COLUMNS}' ELSE 't' END, tablename) AS rows
             FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'rate_limit'`),
  );
}

/** A fingerprint of one organisation's rows in every tenant table, and of its own row. */
export async function fingerprintOrganisation(db: Database, organisationId: string): Promise<Record<string, string>> {
  return fingerprints(
    db,
    `organisation ${organisationId}`,
    sql`SELECT c.relname AS name, format('SELECT t::text FROM %I t WHERE organisation_id = %L ORDER BY 1', c.relname, ${organisationId}::text) AS rows
        FROM pg_class c
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        UNION ALL SELECT 'organisations', format('SELECT t::text FROM organisations t WHERE id = %L ORDER BY 1', ${organisationId}::text)`,
  );
}

/**
 * What the database's rows are as of now, as far as a fingerprint can tell: PostgreSQL's current
 * snapshot (`xmin:xmax:in-progress`). A row is added, changed or removed only by a transaction
 * that takes a transaction id, and that moves xmax or the in-progress list, even when it rolls
 * back; reading takes none. So while the snapshot reads the same, every table reads the same.
 * That holds outside a transaction, where every caller takes its fingerprints: inside one, the
 * snapshot does not move with the transaction's own writes.
 */
async function rowsState(db: Database): Promise<string> {
  const [row] = await query<{ snapshot: string }>(db, sql`SELECT pg_current_snapshot()::text AS snapshot`);
  return row!.snapshot;
}

/**
 * The fingerprints taken of each database since its rows last changed, by what they cover. A
 * refused call writes nothing, so the fingerprint before the next call is the one taken after the
 * last: the procedures test then reads every table once per change instead of twice per case.
 */
const taken = new WeakMap<Database, { state: string; byKey: Map<string, Record<string, string>> }>();

/** The md5 of each named table's rows, given `tables` (a query of name and the query of its rows, in order). */
async function fingerprints(db: Database, key: string, tables: SQL): Promise<Record<string, string>> {
  // Read before the tables: a write that ends after this moves the state, so a result taken
  // after such a write is never used for the state before it.
  const state = await rowsState(db);
  let cached = taken.get(db);
  if (cached?.state !== state) taken.set(db, (cached = { state, byKey: new Map() }));
  const known = cached.byKey.get(key);
  if (known) return { ...known };
  const rows = await query<{ name: string; md5: string }>(
    db,
    sql`SELECT name, md5(query_to_xml(rows, false, false, '')::text) AS md5 FROM (${tables}) tables ORDER BY name`,
  );
  const result = Object.fromEntries(rows.map(({ name, md5 }) => [name, md5]));
  cached.byKey.set(key, result);
  return { ...result };
}
