import 'server-only';

import type { SQL } from 'drizzle-orm';

import { getDb } from '../db/client';
import { rowsOf } from '../db/sql';

/**
 * Runs one statement that authenticates a bearer token itself (by its hash) before it does
 * anything: the agent API's one-call operations (the heartbeat, agent_heartbeat_by_token). Like
 * resolveCaller's lookup, it runs on the connection's own user, before any organisation is known;
 * the statement confines itself to the token's organisation.
 */
export async function runTokenStatement<T>(statement: SQL): Promise<T[]> {
  return rowsOf<T>(await (await getDb()).execute(statement));
}
