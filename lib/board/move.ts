import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { can } from '../auth/permissions';
import { ActionError } from '../auth/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/migrations';
import { getTermLookup } from '../portfolio/terminology';
import { rowVersion } from '../validation/fields';
import { idEquals, KIND_SQL } from './kind-sql';
import { BOARD_KINDS, KINDS, type BoardKind } from './kinds';
import { cardColumns, getStatusTerms, LABEL_DOMAINS, toCard } from './queries';
import { rankBetween, spreadRanks } from './rank';
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
}

/** Reads and locks the item, and checks the caller may move it at the version they saw. */
export async function lockWorkItem(tx: Database, caller: OrganisationCaller, kind: BoardKind, itemId: string, version: number): Promise<Locked> {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<Locked>(
    await tx.execute(sql`SELECT i.${sql.raw(k.statusColumn)} AS status, i.row_version AS version, ${sql.raw(k.owner ?? 'NULL::text')} AS owner
                         FROM ${sql.raw(k.table)} i
                         WHERE i.organisation_id = ${caller.organisationId} AND ${idEquals(kind, itemId)} AND i.deleted_at IS NULL
                         FOR UPDATE`),
  );
  if (!row) throw new ActionError('not_found', `There is no ${KINDS[kind].noun} ${itemId} on this board any more.`);
  if (!can(caller.role, 'plan:edit')) {
    // Agents' work names them as the builder id or as agent:<id> (seeds 000 and 003 do both).
    const me = caller.kind === 'token' ? [caller.builderId, `agent:${caller.builderId}`] : [caller.email, caller.name];
    if (!row.owner || !me.includes(row.owner)) {
      throw new ActionError('forbidden', `Builders move only the work assigned to them; ${itemId} is assigned to ${row.owner ?? 'nobody'}.`);
    }
  }
  if (Number(row.version) !== version) throw new ActionError('stale', STALE_MESSAGE);
  return row;
}

/** Rank of the neighbours in the target column, ignoring the moving card. */
async function neighbourRank(tx: Database, organisationId: string, kind: BoardKind, status: string, neighbourId: string): Promise<number | null> {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<{ rank: number }>(
    await tx.execute(sql`SELECT i.${sql.raw(k.rankColumn)}::float8 AS rank FROM ${sql.raw(k.table)} i
                         WHERE i.organisation_id = ${organisationId} AND ${idEquals(kind, neighbourId)}
                           AND i.deleted_at IS NULL AND i.${sql.raw(k.statusColumn)} = ${status}`),
  );
  return row ? Number(row.rank) : null;
}

/** The ranks of the next cards of a column after `from` (or from the top), the moving card left out. */
async function ranksAfter(tx: Database, organisationId: string, kind: BoardKind, status: string, from: number | null, itemId: string, limit: number) {
  const k = KIND_SQL[kind];
  const rank = sql.raw(`i.${k.rankColumn}`);
  return rowsOf<{ id: string; rank: number }>(
    await tx.execute(sql`SELECT ${sql.raw(k.id)} AS id, ${rank}::float8 AS rank FROM ${sql.raw(k.table)} i
                         WHERE i.organisation_id = ${organisationId} AND i.deleted_at IS NULL AND i.${sql.raw(k.statusColumn)} = ${status}
                           AND NOT (${idEquals(kind, itemId)}) ${from === null ? sql`` : sql`AND ${rank} > ${from}`}
                         ORDER BY ${rank}, i.${sql.raw(k.idColumn)} LIMIT ${limit}`),
  ).map((r) => ({ id: r.id, rank: Number(r.rank) }));
}

async function ranksBefore(tx: Database, organisationId: string, kind: BoardKind, status: string, to: number, itemId: string) {
  const k = KIND_SQL[kind];
  const rank = sql.raw(`i.${k.rankColumn}`);
  const [row] = rowsOf<{ rank: number }>(
    await tx.execute(sql`SELECT ${rank}::float8 AS rank FROM ${sql.raw(k.table)} i
                         WHERE i.organisation_id = ${organisationId} AND i.deleted_at IS NULL AND i.${sql.raw(k.statusColumn)} = ${status}
                           AND NOT (${idEquals(kind, itemId)}) AND ${rank} < ${to}
                         ORDER BY ${rank} DESC LIMIT 1`),
  );
  return row ? Number(row.rank) : null;
}

async function setRank(tx: Database, organisationId: string, kind: BoardKind, itemId: string, rank: number) {
  const k = KIND_SQL[kind];
  await tx.execute(sql`UPDATE ${sql.raw(k.table)} i SET ${sql.raw(k.rankColumn)} = ${rank}
                       WHERE i.organisation_id = ${organisationId} AND ${idEquals(kind, itemId)}`);
}

/**
 * Moves a card to a column and a place in it, in the caller's transaction: the item is locked
 * and its version checked, the status written (the database's triggers decide whether the move
 * is allowed), and the rank set between its new neighbours. Only this card's row is written,
 * unless its neighbours are too close for a mean; then the next few cards are spread out.
 */
export async function moveWorkItem(tx: Database, caller: OrganisationCaller, input: MoveWorkItemInput): Promise<MoveResult> {
  const { kind, id: itemId, toStatus } = input;
  const k = KIND_SQL[kind];
  const org = caller.organisationId;
  const terms = await getStatusTerms(tx, kind);
  if (!terms.some((t) => t.key === toStatus)) throw new ActionError('invalid_input', `"${toStatus}" is not a column of the ${KINDS[kind].noun} board.`, { toStatus: 'Unknown column' });
  if (input.beforeId === itemId || input.afterId === itemId) throw new ActionError('invalid_input', 'A card cannot be placed next to itself.');

  const locked = await lockWorkItem(tx, caller, kind, itemId, input.version);

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
    const last = rowsOf<{ rank: number | null }>(
      await tx.execute(sql`SELECT max(i.${sql.raw(k.rankColumn)})::float8 AS rank FROM ${sql.raw(k.table)} i
                           WHERE i.organisation_id = ${org} AND i.deleted_at IS NULL AND i.${sql.raw(k.statusColumn)} = ${toStatus}
                             AND NOT (${idEquals(kind, itemId)})`),
    )[0];
    lo = last?.rank === null || last?.rank === undefined ? null : Number(last.rank);
  }

  if (locked.status !== toStatus) {
    await tx.execute(sql`UPDATE ${sql.raw(k.table)} i SET ${sql.raw(k.statusColumn)} = ${toStatus}
                         WHERE i.organisation_id = ${org} AND ${idEquals(kind, itemId)}`);
  }
  const rank = rankBetween(lo, hi);
  if (rank !== null) {
    await setRank(tx, org, kind, itemId, rank);
  } else {
    // No room between the neighbours: spread this card and the next few over the gap up to the card after them.
    const next = await ranksAfter(tx, org, kind, toStatus, lo, itemId, SPREAD_WINDOW + 1);
    const moving = next.slice(0, SPREAD_WINDOW);
    const ceiling = next.length > SPREAD_WINDOW ? next[SPREAD_WINDOW]!.rank : null;
    const ranks = spreadRanks(lo, ceiling, moving.length + 1);
    await setRank(tx, org, kind, itemId, ranks[0]!);
    for (const [n, card] of moving.entries()) await setRank(tx, org, kind, card.id, ranks[n + 1]!);
  }

  return { card: await readCard(tx, org, kind, itemId) };
}

export async function readCard(tx: Database, organisationId: string, kind: BoardKind, itemId: string) {
  const k = KIND_SQL[kind];
  const [row] = rowsOf<Parameters<typeof toCard>[1]>(
    await tx.execute(sql`SELECT ${cardColumns(kind)} FROM ${sql.raw(k.table)} i WHERE i.organisation_id = ${organisationId} AND ${idEquals(kind, itemId)}`),
  );
  if (!row) throw new ActionError('not_found', `There is no ${KINDS[kind].noun} ${itemId}.`);
  return toCard(kind, row, await getTermLookup(tx, LABEL_DOMAINS));
}
