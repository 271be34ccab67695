import os from 'node:os';

import { chromium, type Browser, type Page } from '@playwright/test';

import { beforeServing, ensureBenchBoards, memberOrganisationId, type BoardSize } from './bench-boards';
import type { BenchHarness } from './board';
import { firstLoadJs, timeNavigations, watchingContext, type Cookie } from './browser-pages';
import { findDetailPages } from './detail-pages';
import { printTable, summarise, type Row } from './stats';

// `npm run bench -- --browser` (issue 19): what a person sees, measured in chromium against the
// production server on the benchmark's database, for a board of about 1,000 cards and one of about
// 10,000 (scripts/bench/bench-boards.ts makes them when the database has none), and for the pages
// whose main content is server-rendered HTML (the roadmap lanes, the blocker desk, a release's review):
// - navigation → cards (or main content) visible: from the navigation's start to the first
//   animation frame in which a board card (the page's main content) is in the document and
//   visible (not in a streamed part still hidden);
// - drop → paint: from the mouse-up of a real mouse drag (a card moved to the next column) to the
//   first frame after React has put the card in its new column (the frame's callback, then the
//   task after it: the frame has been painted by then); the move's commit is timed too;
// - first-load JavaScript per page: the scripts a page loads on a fresh navigation (compressed
//   bytes as sent, and as parsed).
// Marks (`performance.mark`) name each point, so a trace of a run shows them too.

const CHROMIUM = process.env.GANTRY_BENCH_CHROMIUM ?? '/usr/bin/chromium';

/** Pages timed to their main content: a name, the element that is that content, and the path (a release's review needs its id). */
const CONTENT_PAGES = [
  { name: 'roadmap lanes', selector: '[data-testid="phase-board"] [data-testid^="roadmap-card-"]', path: '/roadmap' },
  { name: 'blocker desk', selector: '[data-testid="open-blockers"] [data-testid^="blocker-"]', path: '/blockers' },
  { name: 'release review', selector: '[data-testid="verdict"]', path: undefined },
] as const;

/**
 * Arms the drop's timing: a capturing pointerup listener marks the drop; a MutationObserver sees
 * the card arrive in its new column and marks the commit; the next frame, and the task after it
 * (by then that frame is painted), mark the paint. window.__drop resolves with the three.
 */
const ARM_DROP = (id: string, to: string) => `
  (() => {
    const selector = '[data-testid="board-column"][data-status=' + ${JSON.stringify(JSON.stringify(to))} + '] [data-card-id=' + ${JSON.stringify(JSON.stringify(id))} + ']';
    window.__drop = new Promise((resolve) => {
      let dropped = NaN;
      let done = false;
      const arrived = () => {
        if (done) return;
        done = true;
        observer.disconnect();
        const commit = performance.now();
        performance.mark('bench:drop-commit');
        requestAnimationFrame(() => {
          const frame = performance.now();
          setTimeout(() => {
            performance.mark('bench:drop-painted');
            resolve({ commit: commit - dropped, frame: frame - dropped, painted: performance.now() - dropped });
          }, 0);
        });
      };
      const observer = new MutationObserver(() => {
        if (document.querySelector(selector)) arrived();
      });
      window.addEventListener('pointerup', () => {
        dropped = performance.now();
        performance.mark('bench:drop');
        observer.observe(document.querySelector('[data-testid="board"]'), { childList: true, subtree: true });
        // Committed within the listener's own task already: the same frame logic applies.
        queueMicrotask(() => {
          if (document.querySelector(selector)) arrived();
        });
      }, { capture: true, once: true });
    });
  })();`;

const boardPath = (board: BoardSize) => `/board?kind=card&scope=${encodeURIComponent(`project:${board.projectId}`)}`;

/** Waits until React has hydrated the board (a card answers to dnd-kit: it carries its role description). */
async function hydrated(page: Page) {
  await page.locator('[data-testid="board-card"][aria-roledescription="draggable card"]').first().waitFor({ timeout: 30_000 });
  // Any streamed part still hidden has been moved into place.
  await page.waitForFunction(`!document.querySelector('div[hidden] [data-testid="board-card"]')`);
}

/**
 * One drop: the first card of `from` dragged onto the top card of `to` with real mouse steps. In
 * the page, a capturing pointerup listener marks the drop; a MutationObserver sees the card
 * arrive in `to`, marks the commit, and the next frame (and the task after it) marks the paint.
 */
async function dropOnce(page: Page, from: string, to: string): Promise<{ commit: number; frame: number; painted: number }> {
  const card = page.locator(`[data-testid="board-column"][data-status="${from}"] [data-testid="board-card"]`).first();
  const id = (await card.getAttribute('data-card-id'))!;
  const target = page.locator(`[data-testid="board-column"][data-status="${to}"] [data-testid="board-card"]`).first();
  const a = (await card.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.evaluate(ARM_DROP(id, to));
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/board/move');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 4, { steps: 15 });
  await page.mouse.up();
  const result = await page.evaluate<{ commit: number; frame: number; painted: number }>('window.__drop');
  const response = await answered;
  // The answer's own render (the server's copy of the card) lands before the next drag starts; a refused move would have snapped back.
  await page.waitForTimeout(150);
  if (!response.ok() || !(await page.locator(`[data-testid="board-column"][data-status="${to}"] [data-card-id="${id}"]`).count())) {
    throw new Error(`The move of ${id} from ${from} to ${to} did not hold`);
  }
  return result;
}

/** Navigation → content visible (and first contentful paint) for `samples` navigations to `path`. */
async function benchNavigations(
  browser: Browser,
  cookies: Cookie[],
  {
    url,
    path,
    label,
    what,
    selector,
    mark,
    samples,
  }: { url: string; path: string; label: string; what: string; selector: string; mark: string; samples: number },
) {
  const context = await watchingContext(browser, cookies, selector, mark);
  const { visible, fcp } = await timeNavigations(context, `${url}${path}`, samples);
  console.log(`  ${label}: navigations timed`);
  const rows: Row[] = [
    { figure: `${label}: navigation → ${what} visible`, app: visible },
    { figure: `${label}: navigation → first contentful paint`, app: fcp },
  ];
  return { context, rows };
}

export async function benchBrowser({ runs, url, member, serve, waitForHealth, signIn }: BenchHarness): Promise<void> {
  // Before the server opens the database: the boards (made when missing) and the pages that need an id.
  const { boards, details } = await beforeServing(async (db) => {
    const organisationId = await memberOrganisationId(db, member.email);
    return { boards: await ensureBenchBoards(db, organisationId), details: await findDetailPages(db, organisationId) };
  });
  const review = details.find((d) => d.name === 'release review')?.path;
  const samples = Math.min(runs, 15);
  const server = serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const rows: Row[] = [];
  const lines: string[] = [];
  try {
    await waitForHealth(url);
    const cookie = await signIn(url, member);
    const { hostname } = new URL(url);
    const cookies: Cookie[] = cookie.split('; ').map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: hostname, path: '/' };
    });
    console.log(
      `Browser benchmark: chromium ${browser.version()}, ${samples} runs each, ${os.cpus().length} cores, load ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}\n`,
    );

    for (const board of boards) {
      const label = `${board.cards.toLocaleString('en')}-card board`;
      const { context, rows: navigations } = await benchNavigations(browser, cookies, {
        url,
        path: boardPath(board),
        label,
        what: 'cards',
        selector: '[data-testid="board-card"]',
        mark: 'bench:cards-visible',
        samples,
      });
      rows.push(...navigations);
      const page = context.pages()[0]!;
      await hydrated(page);
      const commit: number[] = [];
      const frame: number[] = [];
      const painted: number[] = [];
      const [from, to] = ['todo', 'active'];
      for (let i = 0; i < samples + 2; i++) {
        // Back and forth, so the board keeps its shape.
        const drop = i % 2 === 0 ? await dropOnce(page, from, to) : await dropOnce(page, to, from);
        if (i < 2) continue;
        commit.push(drop.commit);
        frame.push(drop.frame);
        painted.push(drop.painted);
      }
      console.log(`  ${label}: drops timed`);
      rows.push({ figure: `${label}: drop → card committed in its new column`, app: commit });
      rows.push({ figure: `${label}: drop → next frame`, app: frame });
      rows.push({ figure: `${label}: drop → card painted in its new place`, app: painted });
      await context.close();
    }

    for (const { name, selector, path } of CONTENT_PAGES) {
      const pathname = path ?? review;
      if (!pathname) {
        console.log(`  ${name}: left out (the organisation has none)`);
        continue;
      }
      const { context, rows: navigations } = await benchNavigations(browser, cookies, {
        url,
        path: pathname,
        label: name,
        what: 'main content',
        selector,
        mark: 'bench:content-visible',
        samples,
      });
      rows.push(...navigations);
      await context.close();
    }

    const detail = (name: string) => details.filter((d) => d.name === name).map((d): [string, string] => [d.name, d.path]);
    const pages: [string, string][] = [
      ['overview', '/'],
      ...boards.map((b): [string, string] => [`board (${b.cards.toLocaleString('en')} cards)`, boardPath(b)]),
      ['roadmap lanes', '/roadmap'],
      ['roadmap queues', '/roadmap/queues'],
      ['roadmap waves', '/roadmap/waves'],
      ['roadmap graph', '/roadmap/graph'],
      ...detail('roadmap item'),
      ['blocker desk', '/blockers'],
      ['releases', '/releases'],
      ...detail('release review'),
      ['programs', '/programs'],
      ['builders', '/builders'],
      ['planning', '/planning'],
      ...detail('story map'),
      ['inbox', '/inbox'],
      ['audit log', '/audit'],
      ['settings', '/settings'],
    ];
    lines.push('first-load JavaScript (scripts of a fresh navigation):');
    for (const [name, pathname] of pages) {
      const js = await firstLoadJs(browser, cookies, `${url}${pathname}`);
      lines.push(`  ${name.padEnd(24)} ${js.sent.toFixed(0).padStart(5)} kB sent, ${js.parsed.toFixed(0).padStart(5)} kB parsed, ${js.count} scripts`);
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  printTable(rows);
  for (const row of rows.filter((r) => r.figure.endsWith('painted in its new place'))) {
    const { median, p95 } = summarise(row.app);
    console.log(`${row.figure}: p50 ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target ≤ 16.7 / ≤ 33 ms)`);
  }
  console.log(`\n${lines.join('\n')}`);
}
