import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { can } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { getTermLookup } from '../portfolio/terminology';
import { rowVersion } from '../validation/fields';
import { columnName, idEquals, KIND_SQL, ownerName } from './kind-sql';
import { BOARD_KINDS, KINDS, type BoardKind } from './kinds';
import { ownerIdsOf } from './owners';
import { cardColumns, getStatusTerms, LABEL_DOMAINS, toCard } from './queries';
import { RANK_STEP, rankBetween, spreadRanks } from './rank';
import type { MoveResult } from './types';

const id = z.string().trim().min(1, 'Which card?').max(200);

export const moveWorkItemInput = z.object({
  kind: z.enum(BOARD_KINDS),
  id,
  toStatus: z.string().trim().min(1, 'Which column?').max(100),
  /** The card it now follows in the column (absent: the top). */
  beforeId: id.nullish(),
  /** The card it now precedes (used when the one above has moved away meanwhile). */
  afterId: id.nullish(),
  /** The version the mover saw. */
  version: rowVersion,
});
export type MoveWorkItemInput = z.infer<typeof moveWorkItemInput>;

/** How many cards below the drop point are spread out when two neighbours are too close for a mean. */
const SPREAD_WINDOW = 20;

export const STALE_MESSAGE = 'This card was changed by someone else; the board now shows the latest version. Try again if the move still makes sense.';

interface Locked {
  status: string;
  version: number;
  owner: string | null;
  owner_name: string | null;
}

/** Reads and locks the item, and checks the caller may move it at the version they saw. */
export async function lockWorkItem(tx: Database, caller: OrganisationCaller, kind: BoardKind, itemId: string, version: number): Promise<Locked> {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<Locked>(
    await tx.execute(sql`SELECT ${k.status} AS status, ${k.rowVersion} AS version, ${k.owner ?? sql`NULL::text`} AS owner, ${ownerName(k.owner)} AS owner_name
                         FROM ${k.from}
                         WHERE ${k.organisationId} = ${caller.organisationId} AND ${idEquals(kind, itemId)} AND ${k.deletedAt} IS NULL
                         FOR UPDATE OF i`),
  );
  if (!row) throw new ActionError('not_found', `There is no ${KINDS[kind].noun} ${itemId} on this board any more.`);
  if (!can(caller.role, 'plan:edit')) {
    // Matched by stable id only (owners.ts): a name or an email proves nothing.
    if (!row.owner || !ownerIdsOf(caller).includes(row.owner)) {
      throw new ActionError('forbidden', `Builders move only the work assigned to them; ${itemId} is assigned to ${row.owner_name ?? 'nobody'}.`);
    }
  }
  if (Number(row.version) !== version) throw new ActionError('stale', STALE_MESSAGE);
  return row;
}

/**
 * Makes moves into (or out of) the same columns take turns until commit: each reads its
 * neighbours after the previous one has written, so concurrent drops into one place get distinct
 * ranks in the order they ran. Columns are locked in one order, so that two moves never wait on
 * each other. The unique indexes of migration 0028 refuse a tie whatever the path.
 */
async function lockColumns(tx: Database, organisationId: string, kind: BoardKind, statuses: string[]) {
  for (const status of [...new Set(statuses)].toSorted()) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`gantry.board:${kind}:${organisationId}:${status}`}, 0))`);
  }
}

async function currentStatus(tx: Database, organisationId: string, kind: BoardKind, itemId: string): Promise<string | null> {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<{ status: string }>(
    await tx.execute(
      sql`SELECT ${k.status} AS status FROM ${k.from} WHERE ${k.organisationId} = ${organisationId} AND ${idEquals(kind, itemId)} AND ${k.deletedAt} IS NULL`,
    ),
  );
  return row?.status ?? null;
}

/** Rank of the neighbours in the target column, ignoring the moving card. */
async function neighbourRank(tx: Database, organisationId: string, kind: BoardKind, status: string, neighbourId: string): Promise<number | null> {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<{ rank: number }>(
    await tx.execute(sql`SELECT ${k.rank}::float8 AS rank FROM ${k.from}
                         WHERE ${k.organisationId} = ${organisationId} AND ${idEquals(kind, neighbourId)}
                           AND ${k.deletedAt} IS NULL AND ${k.status} = ${status}`),
  );
  return row ? Number(row.rank) : null;
}

/** The ranks of the next cards of a column after `from` (or from the top), the moving card left out. */
async function ranksAfter(tx: Database, organisationId: string, kind: BoardKind, status: string, from: number | null, itemId: string, limit: number) {
  const k = KIND_SQL[kind];
  return rowsOf<{ id: string; rank: number }>(
    await tx.execute(sql`SELECT ${k.id} AS id, ${k.rank}::float8 AS rank FROM ${k.from}
                         WHERE ${k.organisationId} = ${organisationId} AND ${k.deletedAt} IS NULL AND ${k.status} = ${status}
                           AND NOT (${idEquals(kind, itemId)}) ${from === null ? sql`` : sql`AND ${k.rank} > ${from}`}
                         ORDER BY ${k.rank}, ${k.key} LIMIT ${limit}`),
  ).map((r) => ({ id: r.id, rank: Number(r.rank) }));
}

async function ranksBefore(tx: Database, organisationId: string, kind: BoardKind, status: string, to: number, itemId: string) {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<{ rank: number }>(
    await tx.execute(sql`SELECT ${k.rank}::float8 AS rank FROM ${k.from}
                         WHERE ${k.organisationId} = ${organisationId} AND ${k.deletedAt} IS NULL AND ${k.status} = ${status}
                           AND NOT (${idEquals(kind, itemId)}) AND ${k.rank} < ${to}
                         ORDER BY ${k.rank} DESC LIMIT 1`),
  );
  return row ? Number(row.rank) : null;
}

/** The last rank of a column, a card left out (or none). */
async function lastRank(tx: Database, organisationId: string, kind: BoardKind, status: string, exceptId: string | null): Promise<number | null> {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<{ rank: number | null }>(
    await tx.execute(sql`SELECT max(${k.rank})::float8 AS rank FROM ${k.from}
                         WHERE ${k.organisationId} = ${organisationId} AND ${k.deletedAt} IS NULL AND ${k.status} = ${status}
                           ${exceptId === null ? sql`` : sql`AND NOT (${idEquals(kind, exceptId)})`}`),
  );
  return row?.rank === null || row?.rank === undefined ? null : Number(row.rank);
}

/** Writes a card's rank in `status`, and the status itself when `enter` (one statement: the card never sits on a taken rank). */
async function place(tx: Database, organisationId: string, kind: BoardKind, itemId: string, status: string, rank: number, enter: boolean) {
  const k = KIND_SQL[kind];
  const sets = enter ? sql`${columnName(k.rank)} = ${rank}, ${columnName(k.status)} = ${status}` : sql`${columnName(k.rank)} = ${rank}`;
  // A card spread along must still be in the column (the WHERE is checked again after a wait on its row).
  const where = enter ? sql`` : sql`AND ${k.status} = ${status}`;
  await tx.execute(sql`UPDATE ${k.from} SET ${sets} WHERE ${k.organisationId} = ${organisationId} AND ${idEquals(kind, itemId)} ${where}`);
}

/**
 * Moves a card to a column and a place in it, in the caller's transaction: the columns it leaves
 * and enters are locked for the move, the item locked and its version checked, the status written
 * (the database's triggers decide whether the move is allowed), and the rank set between its new
 * neighbours. Only this card's row is written, unless its neighbours are too close for a mean;
 * then the next few cards are spread out.
 */
export async function moveWorkItem(tx: Database, caller: OrganisationCaller, input: MoveWorkItemInput): Promise<MoveResult> {
  const { kind, id: itemId, toStatus } = input;
  const org = caller.organisationId;
  const terms = await getStatusTerms(tx, kind);
  if (!terms.some((t) => t.key === toStatus))
    throw new ActionError('invalid_input', `"${toStatus}" is not a column of the ${KINDS[kind].noun} board.`, { toStatus: 'Unknown column' });
  if (input.beforeId === itemId || input.afterId === itemId) throw new ActionError('invalid_input', 'A card cannot be placed next to itself.');

  const from = await currentStatus(tx, org, kind, itemId);
  await lockColumns(tx, org, kind, from === null ? [toStatus] : [from, toStatus]);
  const locked = await lockWorkItem(tx, caller, kind, itemId, input.version);
  // Moved meanwhile and seen so by the caller: its column now is another one.
  if (from !== null && locked.status !== from && locked.status !== toStatus) await lockColumns(tx, org, kind, [locked.status]);

  // Where it lands: after the card above it, else before the card below it, else at the bottom.
  let lo: number | null = null;
  let hi: number | null = null;
  const before = input.beforeId ? await neighbourRank(tx, org, kind, toStatus, input.beforeId) : null;
  const after = input.afterId ? await neighbourRank(tx, org, kind, toStatus, input.afterId) : null;
  if (before !== null) {
    lo = before;
    hi = (await ranksAfter(tx, org, kind, toStatus, lo, itemId, 1))[0]?.rank ?? null;
  } else if (after !== null) {
    hi = after;
    lo = await ranksBefore(tx, org, kind, toStatus, hi, itemId);
  } else if (!input.beforeId && !input.afterId) {
    hi = (await ranksAfter(tx, org, kind, toStatus, null, itemId, 1))[0]?.rank ?? null;
  } else {
    // Both named neighbours left the column meanwhile: the bottom is a safe place.
    lo = await lastRank(tx, org, kind, toStatus, itemId);
  }

  const enter = locked.status !== toStatus;
  const rank = rankBetween(lo, hi);
  if (rank !== null) {
    await place(tx, org, kind, itemId, toStatus, rank, enter);
  } else {
    // No room between the neighbours: spread this card and the next few over the gap up to the card after them.
    const next = await ranksAfter(tx, org, kind, toStatus, lo, itemId, SPREAD_WINDOW + 1);
    const moving = next.slice(0, SPREAD_WINDOW);
    const ceiling = next.length > SPREAD_WINDOW ? next[SPREAD_WINDOW]!.rank : null;
    const ranks = spreadRanks(lo, ceiling, moving.length + 1);
    // The unique index allows no tie even for a moment: first park the run (and the card, if it
    // is already in this column) after every card and every new rank, then give the new ranks.
    const parked = [...moving.map((c) => c.id), ...(enter ? [] : [itemId])];
    const top = Math.max((await lastRank(tx, org, kind, toStatus, null)) ?? 0, ranks.at(-1)!);
    for (const [n, id] of parked.entries()) await place(tx, org, kind, id, toStatus, top + (n + 1) * RANK_STEP, false);
    for (const [n, card] of moving.entries()) await place(tx, org, kind, card.id, toStatus, ranks[n + 1]!, false);
    await place(tx, org, kind, itemId, toStatus, ranks[0]!, enter);
  }

  return { card: await readCard(tx, org, kind, itemId) };
}

export async function readCard(tx: Database, organisationId: string, kind: BoardKind, itemId: string) {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<Parameters<typeof toCard>[1]>(
    await tx.execute(sql`SELECT ${cardColumns(kind)} FROM ${k.from} WHERE ${k.organisationId} = ${organisationId} AND ${idEquals(kind, itemId)}`),
  );
  if (!row) throw new ActionError('not_found', `There is no ${KINDS[kind].noun} ${itemId}.`);
  return toCard(kind, row, await getTermLookup(tx, LABEL_DOMAINS));
}
