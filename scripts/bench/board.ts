import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { sql } from 'drizzle-orm';

import { printTable, summarise, time, type Row } from './stats';

// The board (issue 5): the largest planning board (scale L: one project of 10,000 cards) rendered
// by the server, and a card moved between two columns through the real server action, each beside
// the same work done bare in this process (the board's reads; the move's transaction).

export interface BenchBoard {
  projectId: string;
  cards: number;
  cardId: string;
  columns: [string, string];
}

/** Before the server opens the database: the project with the most cards, and a card to move. */
export async function findBenchBoard(): Promise<BenchBoard | null> {
  const { serverConnectOptions } = await import('../../lib/db/client');
  const { connect } = await import('../../lib/db/connection');
  const { rowsOf } = await import('../../lib/db/sql');
  const handle = await connect(serverConnectOptions());
  try {
    const [board] = rowsOf<{ project_id: string; cards: number }>(
      await handle.db.execute(sql`SELECT project_id::text, count(*)::int AS cards FROM card WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`),
    );
    if (!board) return null;
    const [card] = rowsOf<{ id: string; status: string }>(
      await handle.db.execute(
        sql`SELECT id::text, status FROM card WHERE project_id = ${board.project_id}::uuid AND deleted_at IS NULL AND status IN ('todo', 'active') ORDER BY rank LIMIT 1`,
      ),
    );
    if (!card) return null;
    return {
      projectId: board.project_id,
      cards: Number(board.cards),
      cardId: card.id,
      columns: card.status === 'todo' ? ['todo', 'active'] : ['active', 'todo'],
    };
  } finally {
    await handle.close();
  }
}

/** The id Next gave the moveBoardCard server action in this build. */
function moveActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === 'moveBoardCard' && entry.filename?.includes('board/actions'));
  if (!found) throw new Error('The build has no moveBoardCard action');
  return found[0];
}

/** While the server runs: the board's first screen, and moves through the server action (status and place change each time). */
export async function benchBoardPages(
  board: BenchBoard,
  { runs, url, cookie, page }: { runs: number; url: string; cookie: string; page: (pathname: string) => Promise<unknown> },
): Promise<Row[]> {
  const scope = `project:${board.projectId}`;
  const render = await time(runs, 5, () => page(`/board?kind=card&scope=${encodeURIComponent(scope)}`));
  const actionId = moveActionId();
  const current = await fetch(`${url}/api/board/items/card/${board.cardId}`, { headers: { cookie } });
  let version = ((await current.json()) as { data: { card: { version: number } } }).data.card.version;
  let moves = 0;
  const move = async () => {
    const toStatus = board.columns[(moves += 1) % 2]!;
    const response = await fetch(`${url}/board`, {
      method: 'POST',
      headers: { cookie, 'next-action': actionId, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify([{ kind: 'card', id: board.cardId, toStatus, beforeId: null, afterId: null, version }]),
    });
    const text = await response.text();
    const found = /"version":(\d+)/.exec(text);
    if (!response.ok || !text.includes('"ok":true') || !found) throw new Error(`The move answered ${response.status}: ${text.slice(0, 300)}`);
    version = Number(found[1]);
  };
  // The route the board calls (POST /api/board/move): on PostgreSQL answered before Next's router
  // by the move's front (lib/board/move-fast-path.ts), else by Next's route handler.
  const moveByRoute = async () => {
    const toStatus = board.columns[(moves += 1) % 2]!;
    const response = await fetch(`${url}/api/board/move`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ kind: 'card', id: board.cardId, toStatus, beforeId: null, afterId: null, version }),
    });
    const answer = (await response.json()) as { ok: boolean; data?: { card: { version: number } } };
    if (!response.ok || !answer.ok || !answer.data) throw new Error(`The move's route answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    version = answer.data.card.version;
  };
  // Interleaved, one of each in turn, so that both see the same load.
  const moving: number[] = [];
  const routed: number[] = [];
  for (let i = 0; i < 5; i++) {
    await move();
    await moveByRoute();
  }
  for (let i = 0; i < runs; i++) {
    moving.push(...(await time(1, 0, move)));
    routed.push(...(await time(1, 0, moveByRoute)));
  }
  const label = `${board.cards.toLocaleString('en')}-card board`;
  return [
    { figure: `board page, ${label} (server render)`, app: render },
    { figure: `move a card on the ${label} (server action)`, app: moving },
    { figure: `move a card on the ${label} (POST /api/board/move, the board's)`, app: routed },
  ];
}

/**
 * Once the server has let go of the database: the board's reads and the move's transaction, bare;
 * and the move's one database call alone (board_move_item in a transaction of its own, as
 * withOrganisation runs it), the floor under the server action. Answers that last row.
 */
export async function benchBoardBare(board: BenchBoard, rows: Row[], { runs, headers }: { runs: number; headers: Headers }): Promise<Row[]> {
  const { resolveCaller } = await import('../../lib/auth/identity');
  const cookie = headers.get('cookie') ?? '';
  const organisationId = async () => {
    const caller = await resolveCaller(headers);
    if (caller.kind !== 'member') throw new Error('The benchmark session names no member');
    return caller.organisationId;
  };
  const { withOrganisation } = await import('../../lib/db/client');
  const { rowsOf } = await import('../../lib/db/sql');
  const { getBoardPage } = await import('../../lib/board/page-data');
  const { moveWorkItem, readCard } = await import('../../lib/board/move');
  const scope = `project:${board.projectId}`;
  const [render, moving, routed] = rows as [Row, Row, Row];
  render.bare = await time(runs, 5, async () => {
    const org = await organisationId();
    await getBoardPage({ kind: 'member', userId: 'bench', organisationId: org, role: 'owner' }, 'card', scope, {});
  });
  const org = await organisationId();
  let version = (await withOrganisation(org, (tx) => readCard(tx, org, 'card', board.cardId))).version;
  let moves = 0;
  moving.bare = await time(runs, 5, async () => {
    const toStatus = board.columns[(moves += 1) % 2]!;
    const caller = {
      kind: 'member' as const,
      userId: 'bench',
      name: 'bench',
      email: 'bench',
      sessionId: 'bench',
      organisationId: org,
      role: 'owner' as const,
      organisations: [],
    };
    const { card } = await withOrganisation(org, (tx) =>
      moveWorkItem(tx, caller, { kind: 'card', id: board.cardId, toStatus, beforeId: null, afterId: null, version }),
    );
    version = card.version;
  });
  const call = await time(runs, 5, async () => {
    const toStatus = board.columns[(moves += 1) % 2]!;
    const [row] = rowsOf<{ new_version: number }>(
      await withOrganisation(org, (tx) =>
        tx.execute(
          sql`SELECT new_version FROM board_move_item('card', ${org}::uuid, ${board.cardId}, ${toStatus}, NULL, NULL, ${version}::int, 'card_status', true, '[]'::jsonb)`,
        ),
      ),
    );
    version = Number(row!.new_version);
  });
  const callRow = { figure: `move: its one database call alone (board_move_item in a transaction)`, app: call };
  // The route's front without HTTP: the cookie checked, the body parsed, and its one round trip
  // (BEGIN, board_move_by_session, the card read back, COMMIT, pipelined). PostgreSQL only.
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return [callRow];
  const { createBoardMoveFastPath } = await import('../../lib/board/move-fast-path');
  const front = createBoardMoveFastPath({ databaseUrl });
  try {
    routed.bare = await time(runs, 5, async () => {
      const toStatus = board.columns[(moves += 1) % 2]!;
      const body = Buffer.from(JSON.stringify({ kind: 'card', id: board.cardId, toStatus, beforeId: null, afterId: null, version }));
      const answer = await front.answer(cookie, body);
      if (answer?.status !== 200) throw new Error(`The move's front did not answer: ${answer?.body ?? 'handed on to Next'}`);
      version = (JSON.parse(answer.body) as { data: { card: { version: number } } }).data.card.version;
    });
  } finally {
    await front.close();
  }
  return [callRow];
}

/**
 * The move's figures in one line: the route the board calls and its front bare, the server action,
 * moveWorkItem bare, and its one database call alone.
 */
export function printMoveSummary(rows: Row[]) {
  const [, moving, routed, call] = rows as [Row, Row, Row, Row];
  const p = (samples: number[]) => summarise(samples);
  const f = (samples: number[] | undefined) => (samples?.length ? `${p(samples).median.toFixed(1)} / ${p(samples).p95.toFixed(1)} ms` : '–');
  const route = p(routed.app).median;
  const bare = p(moving.bare ?? []).median;
  console.log(
    `\nmove p50 / p95: route (POST /api/board/move) ${f(routed.app)}; its front bare ${f(routed.bare)}; server action ${f(moving.app)}; ` +
      `moveWorkItem bare ${f(moving.bare)}; board_move_item alone ${f(call.app)}; route ÷ moveWorkItem bare ${(route / bare).toFixed(2)}×; ` +
      `route ÷ call ${(route / p(call.app).median).toFixed(2)}×`,
  );
}

export interface BenchHarness {
  runs: number;
  url: string;
  member: { email: string; password: string };
  serve: () => ChildProcess;
  waitForHealth: (url: string) => Promise<void>;
  signIn: (url: string, member: { email: string; password: string }) => Promise<string>;
  signInBare: (member: { email: string; password: string }) => Promise<string>;
}

/** `npm run bench -- --only board`: the largest board's server render and its move (action, bare, one call), and nothing else. */
export async function benchBoardOnly({ runs, url, member, serve, waitForHealth, signIn, signInBare }: BenchHarness): Promise<void> {
  const board = await findBenchBoard();
  if (!board) throw new Error('The database holds no planning board with a card in "todo" or "active" to move.');
  const server = serve();
  let rows: Row[];
  try {
    await waitForHealth(url);
    const cookie = await signIn(url, member);
    const page = async (pathname: string) => {
      const response = await fetch(`${url}${pathname}`, { headers: { cookie }, redirect: 'manual' });
      if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
      return response.text();
    };
    rows = await benchBoardPages(board, { runs, url, cookie, page });
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  const headers = new Headers({ cookie: await signInBare(member) });
  rows.push(...(await benchBoardBare(board, rows, { runs, headers })));
  printTable(rows);
  printMoveSummary(rows);
}
