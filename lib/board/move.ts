import 'server-only';

import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { can } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { terminology } from '../db/schema';
import { rowVersion } from '../validation/fields';
import { idEquals, KIND_SQL, ownerName } from './kind-sql';
import { BOARD_KINDS, KINDS, type BoardKind } from './kinds';
import { ownerIdsOf } from './owners';
import { cardColumns, LABEL_DOMAINS, toCard } from './queries';
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

/** A refusal of board_move_item (migration 0045, by SQLSTATE) in the words the board has always used. */
export function refusalOf(error: unknown, kind: BoardKind, input: MoveWorkItemInput): ActionError | null {
  const pg = pgErrorOf(error);
  switch (pg.code) {
    case 'GB422':
      return new ActionError('invalid_input', `"${input.toStatus}" is not a column of the ${KINDS[kind].noun} board.`, { toStatus: 'Unknown column' });
    case 'GB404':
      return new ActionError('not_found', `There is no ${KINDS[kind].noun} ${input.id} on this board any more.`);
    case 'GB403':
      // The database's sentence names the owner as the card shows it.
      return new ActionError('forbidden', pg.message);
    case 'GB409':
      return new ActionError('stale', STALE_MESSAGE);
    default:
      return null;
  }
}

/**
 * Moves a card to a column and a place in it, in the caller's transaction, in one database call
 * (board_move_item, migration 0045): the columns it leaves and enters are locked for the move
 * (moves into one place take turns, so each reads its neighbours after the previous one has
 * written), the item locked and its version checked, the status written (the database's triggers
 * decide whether the move is allowed), and the rank set between its new neighbours. Only this
 * card's row is written, unless its neighbours are too close for a mean; then the next few cards
 * are spread out. The card comes back as the board shows it, read in the same transaction.
 */
export async function moveWorkItem(tx: Database, caller: OrganisationCaller, input: MoveWorkItemInput): Promise<MoveResult> {
  const { kind, id: itemId, toStatus } = input;
  if (input.beforeId === itemId || input.afterId === itemId) throw new ActionError('invalid_input', 'A card cannot be placed next to itself.');
  try {
    await tx.execute(
      sql`SELECT new_version FROM board_move_item(${kind}, ${caller.organisationId}::uuid, ${itemId}, ${toStatus}, ${input.beforeId ?? null}, ${input.afterId ?? null},
                                                  ${input.version}::int, ${KINDS[kind].statusDomain}, ${can(caller.role, 'plan:edit')}, ${JSON.stringify(ownerIdsOf(caller))}::jsonb)`,
    );
  } catch (error) {
    throw refusalOf(error, kind, input) ?? error;
  }
  return { card: await readCard(tx, caller.organisationId, kind, itemId) };
}

/** A card as the board shows it, its labels' words read in the same statement (one round trip). */
export async function readCard(tx: Database, organisationId: string, kind: BoardKind, itemId: string) {
  const [row] = rowsOf<CardRow>(await tx.execute(readCardQuery(sql`${organisationId}`, kind, itemId)));
  if (!row) throw new ActionError('not_found', `There is no ${KINDS[kind].noun} ${itemId}.`);
  return cardOfRow(kind, row);
}

export type CardRow = Parameters<typeof toCard>[1] & { labels_: Record<string, string> | null };

/** readCard's statement; `organisationId` is a value or an expression (the move's front reads `current_user_org_id()`). */
export function readCardQuery(organisationId: SQL, kind: BoardKind, itemId: string): SQL {
  const k = KIND_SQL[kind];
  return sql`SELECT ${cardColumns(kind)},
                    (SELECT json_object_agg(t.domain || ':' || t.internal_key, t.display_name ORDER BY t.domain, t.sort_order)
                       FROM ${terminology} t WHERE t.domain IN ${LABEL_DOMAINS} AND t.deleted_at IS NULL) AS labels_
             FROM ${k.from} WHERE ${k.organisationId} = ${organisationId} AND ${idEquals(kind, itemId)}`;
}

/** A row of readCardQuery as the board shows the card. */
export function cardOfRow(kind: BoardKind, row: CardRow) {
  const labels = row.labels_ ?? {};
  return toCard(kind, row, (domain, key) => ({ key, label: labels[`${domain}:${key}`] ?? key }));
}
