import { and, eq, isNull, sql } from 'drizzle-orm';

import type { Database } from '../../lib/db/connection';
import { memberships, organisations, users } from '../../lib/db/schema';
import { cardStatuses } from '../../lib/db/schema/planning-values';
import { rowsOf } from '../../lib/db/sql';

// The boards `--browser` measures (issue 19, item 5: 1,000- and 10,000-card boards). Neither the
// demo nor the scale-L seed has both (scale L has one of 10,000 and one of 8), and the seeds stay
// as they are: before the server opens the database, the benchmark reuses a project of about the
// right size in the member's organisation, or makes one of its own, named as the benchmark's,
// with plain inserts into the tables the board reads (project, workflow, workflow_activity, card),
// every trigger on, in one transaction. A second run finds it and adds nothing.

export interface BoardSize {
  projectId: string;
  cards: number;
}

/** Sizes measured, each with the range of live cards that counts as "about" it. */
const SIZES = [1_000, 10_000] as const;
const about = (cards: number, size: number) => cards >= size * 0.8 && cards <= size * 1.25;

export const benchProjectName = (size: number) => `Benchmark board (${size.toLocaleString('en')} cards)`;

/** Runs `work` on the benchmark's database before the server opens it (PGlite's folder has one user at a time). */
export async function beforeServing<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const { serverConnectOptions } = await import('../../lib/db/client');
  const { connect } = await import('../../lib/db/connection');
  const handle = await connect(serverConnectOptions());
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

/** The organisation a fresh session of `email` shows (the oldest membership, as resolveCaller picks it). */
export async function memberOrganisationId(db: Database, email: string): Promise<string> {
  const [row] = await db
    .select({ id: memberships.organisationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, and(eq(organisations.id, memberships.organisationId), isNull(organisations.deletedAt)))
    .where(and(eq(users.email, email), isNull(memberships.deletedAt)))
    .orderBy(memberships.createdAt)
    .limit(1);
  if (!row) throw new Error(`${email} is a member of no organisation in this database`);
  return row.id;
}

async function liveBoards(db: Database, org: string): Promise<BoardSize[]> {
  return rowsOf<{ project_id: string; cards: number }>(
    await db.execute(sql`
      SELECT c.project_id::text, count(*)::int AS cards FROM card c
        JOIN project p ON p.organisation_id = c.organisation_id AND p.id = c.project_id AND p.deleted_at IS NULL
       WHERE c.organisation_id = ${org}::uuid AND c.deleted_at IS NULL
       GROUP BY 1 ORDER BY 2 DESC`),
  ).map((r) => ({ projectId: r.project_id, cards: Number(r.cards) }));
}

/** The benchmark's own project of `size` cards: made if missing, topped up if it has fewer than about `size`. */
async function fillBenchProject(tx: Database, org: string, size: number): Promise<void> {
  const name = benchProjectName(size);
  await tx.execute(sql`
    INSERT INTO project (organisation_id, name, description)
    SELECT ${org}::uuid, ${name}, 'Made by npm run bench -- --browser (scripts/bench/bench-boards.ts) to time a board of this size.'
     WHERE NOT EXISTS (SELECT 1 FROM project WHERE organisation_id = ${org}::uuid AND name = ${name} AND deleted_at IS NULL)`);
  const [project] = rowsOf<{ id: string; cards: number }>(
    await tx.execute(sql`
      SELECT p.id::text, (SELECT count(*)::int FROM card c WHERE c.organisation_id = p.organisation_id AND c.project_id = p.id AND c.deleted_at IS NULL) AS cards
        FROM project p WHERE p.organisation_id = ${org}::uuid AND p.name = ${name} AND p.deleted_at IS NULL`),
  );
  const id = project!.id;
  const missing = size - Number(project!.cards);
  if (missing <= 0) return;
  await tx.execute(sql`
    INSERT INTO workflow (organisation_id, project_id, title, position)
    SELECT ${org}::uuid, ${id}::uuid, 'Benchmark cards', 0
     WHERE NOT EXISTS (SELECT 1 FROM workflow WHERE organisation_id = ${org}::uuid AND project_id = ${id}::uuid AND deleted_at IS NULL)`);
  // Ten activities, as the story map groups cards under them; the board itself ignores them.
  await tx.execute(sql`
    INSERT INTO workflow_activity (organisation_id, project_id, workflow_id, title, color, position)
    SELECT ${org}::uuid, ${id}::uuid, w.id, 'Benchmark activity ' || a, 'blue', a - 1
      FROM (SELECT id FROM workflow WHERE organisation_id = ${org}::uuid AND project_id = ${id}::uuid AND deleted_at IS NULL ORDER BY position LIMIT 1) w,
           generate_series(1, 10) a
     WHERE NOT EXISTS (SELECT 1 FROM workflow_activity WHERE organisation_id = ${org}::uuid AND project_id = ${id}::uuid AND deleted_at IS NULL)`);
  // Ranks above every live card of the organisation: a column's ranks are unique organisation-wide
  // (card_status_rank_live_idx). Statuses in turn, so every column (todo and active, which the drops use) has cards.
  const statuses = sql.raw(`ARRAY[${cardStatuses.map((s) => `'${s}'`).join(', ')}]::text[]`);
  await tx.execute(sql`
    INSERT INTO card (organisation_id, project_id, workflow_activity_id, title, status, position, rank)
    SELECT ${org}::uuid, ${id}::uuid, a.ids[1 + (c - 1) % array_length(a.ids, 1)], 'Benchmark card ' || (base.n + c),
           (${statuses})[1 + (c - 1) % ${cardStatuses.length}], (c - 1) / array_length(a.ids, 1), base.top + c
      FROM (SELECT array_agg(id ORDER BY position) AS ids FROM workflow_activity
             WHERE organisation_id = ${org}::uuid AND project_id = ${id}::uuid AND deleted_at IS NULL) a,
           (SELECT coalesce(max(rank), 0) AS top, ${size - missing}::int AS n FROM card WHERE organisation_id = ${org}::uuid AND deleted_at IS NULL) base,
           generate_series(1, ${missing}::int) c`);
}

/**
 * A board of about 1,000 cards and one of about 10,000 in the organisation, smallest first: an
 * existing project of that size if there is one, else the benchmark's own (made or topped up).
 */
export async function ensureBenchBoards(db: Database, organisationId: string): Promise<BoardSize[]> {
  const found = await liveBoards(db, organisationId);
  const missing = SIZES.filter((size) => !found.some((b) => about(b.cards, size)));
  if (missing.length) {
    await db.transaction(async (tx) => {
      // 10,000 cards with every trigger on may take longer than the connection's statement timeout.
      await tx.execute(sql`SET LOCAL statement_timeout = 0`);
      for (const size of missing) await fillBenchProject(tx, organisationId, size);
      // Statistics for the board's reads (a seed that fills tables must analyse them: docs/benchmarks.md).
      await tx.execute(sql`ANALYZE card`);
      await tx.execute(sql`ANALYZE workflow_activity`);
    });
  }
  const boards = missing.length ? await liveBoards(db, organisationId) : found;
  return SIZES.map((size) => {
    const board = boards.filter((b) => about(b.cards, size)).toSorted((a, b) => Math.abs(a.cards - size) - Math.abs(b.cards - size))[0];
    if (!board) throw new Error(`No board of about ${size.toLocaleString('en')} cards after the set-up`);
    if (missing.includes(size)) console.log(`board of ${board.cards.toLocaleString('en')} cards: ${benchProjectName(size)} (made or topped up)`);
    return board;
  });
}
