import 'server-only';

import { sql } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import { actorOf } from '../auth/identity';
import { KIND_SQL } from '../board/kind-sql';
import { KINDS, formatScope, type BoardFilters, type BoardKind, type BoardScope } from '../board/kinds';
import { boardConditions, cardColumns, getStatusTerms, LABEL_DOMAINS, toCard } from '../board/queries';
import { assertScopeExists } from '../board/scopes';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { getTermLookup } from '../portfolio/terminology';
import { csvStream, type CsvValue } from '../csv/write';
import { FileDownload } from '../procedure/route';

/** Rows read per round trip while streaming; memory holds one page whatever the board's size. */
export const EXPORT_PAGE = 1000;

const HEADER = ['id', 'title', 'status', 'owner', 'owner_name', 'labels', 'blockers', 'dependencies', 'waiting_on', 'evidence'] as const;

interface BoardExport {
  kind: BoardKind;
  scope: BoardScope;
  filters: BoardFilters;
}

/** One page of the board's cards (same scope and filters as the page), after `after` by id. */
async function readPage(
  tx: Database,
  organisationId: string,
  query: BoardExport,
  after: string | null,
): Promise<{ rows: CsvValue[][]; cursor: string | null }> {
  const k = KIND_SQL[query.kind];
  const [terms, term] = [await getStatusTerms(tx, query.kind), await getTermLookup(tx, LABEL_DOMAINS)];
  const status = new Map(terms.map((t) => [t.key, t.label]));
  const cursor = after === null ? sql`` : sql`AND ${k.id} > ${after}`;
  const rows = rowsOf<Parameters<typeof toCard>[1]>(
    await tx.execute(sql`SELECT ${cardColumns(query.kind)} FROM ${k.from}
      WHERE ${boardConditions(organisationId, query)} ${cursor}
      ORDER BY ${k.id} LIMIT ${EXPORT_PAGE}`),
  );
  const cards = rows.map((row) => toCard(query.kind, row, term));
  return {
    rows: cards.map((c) => [
      c.id,
      c.title,
      status.get(c.status) ?? c.status,
      c.owner,
      c.ownerName,
      c.labels.join('; '),
      c.blockers,
      c.dependencies,
      c.waitingOn,
      c.evidence,
    ]),
    cursor: rows.length === EXPORT_PAGE ? cards.at(-1)!.id : null,
  };
}

/**
 * The board's filtered cards as a CSV download, streamed: the first page is read in the request's
 * transaction (which has checked the scope), each further page in a transaction of its own in the
 * caller's organisation as the client takes it. A card changed between pages shows as it is then.
 */
export async function exportBoardCsv(tx: Database, caller: OrganisationCaller, query: BoardExport): Promise<FileDownload> {
  await assertScopeExists(tx, { organisationId: caller.organisationId, scope: query.scope });
  const first = await readPage(tx, caller.organisationId, query, null);
  const stream = csvStream<string>(HEADER, async (cursor) => {
    if (cursor === null) return first;
    return withOrganisation(caller.organisationId, (inner) => readPage(inner, caller.organisationId, query, cursor), { actor: actorOf(caller) });
  });
  const name = `${KINDS[query.kind].label.toLowerCase().replace(/\s+/g, '-')}-${formatScope(query.scope).replace(':', '-')}.csv`;
  return new FileDownload(name, 'text/csv; charset=utf-8', stream);
}
