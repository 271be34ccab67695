import { ADMIN_STATE, expect, test } from './fixtures';
import { BoardPage } from './pages/board-page';
import { ReleaseReviewPage } from './pages/release-review-page';

/**
 * Live everywhere (docs/live.md): changes an agent makes through the API reach open pages of two
 * other browser contexts without a reload, over the change feed's event stream; a stream that
 * drops resumes from Last-Event-ID and misses nothing.
 */
test.describe('live pages', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a move, a heartbeat, a new blocker and a recorded result appear in two open contexts without a reload; a killed stream resumes without losing a change', async ({
    browser,
    settings,
    request,
  }) => {
    test.slow(); // three times the configured time-out (playwright.config.ts)
    await settings.goto();
    await settings.createToken('ui-builder', 'E2E live agent');
    const token = (await settings.newTokenValue.textContent())!.trim();
    const auth = { authorization: `Bearer ${token}` };

    const contexts = await Promise.all([browser.newContext({ storageState: ADMIN_STATE }), browser.newContext({ storageState: ADMIN_STATE })]);
    const [first, second] = await Promise.all(contexts.map((context) => context.newPage()));
    const board = new BoardPage(first!);
    const builders = await contexts[0]!.newPage();
    const review = new ReleaseReviewPage(second!);
    const blockers = await contexts[1]!.newPage();

    // Work the builder may claim now, other than what other specs move.
    const ready = await request.get('/api/v1/work/ready?limit=50', { headers: auth });
    const items = ((await ready.json()) as { data: { items: { id: string }[] } }).data.items.map((i) => i.id);
    const workId = items.find((id) => id !== 'RI-013');
    expect(workId, `a ready item for ui-builder among ${items.join(', ')}`).toBeDefined();
    // The demo's items are numbered by program.
    const scope = workId!.startsWith('RI-0') ? 'motus-cli' : workId!.startsWith('RI-1') ? 'foreman-office' : 'field-notes';

    await Promise.all([
      board.goto('roadmap', `program:${scope}`),
      builders.goto('/builders'),
      review.goto('fleet-0.10.0'),
      blockers.goto('/blockers?dir=desc'),
    ]);
    for (const page of [first!, builders, second!, blockers]) await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live');
    await board.expectIn('pending', workId!);

    // A move: the agent claims the work; the card moves to in progress on the open board.
    const claimedAt = Date.now();
    const claim = await request.post(`/api/v1/work/${workId}/claim`, { headers: auth, data: { ttlSeconds: 120 } });
    expect(claim.status(), await claim.text()).toBe(201);
    const attempt = ((await claim.json()) as { data: { id: string } }).data;
    await expect(board.cardIn('in_progress', workId!)).toBeVisible({ timeout: 5_000 });
    console.log(`live: the claim reached the open board in ${Date.now() - claimedAt} ms`);

    // A heartbeat: the builders page shows its message.
    const beat = await request.post('/api/v1/builder/heartbeat', { headers: auth, data: { message: 'live e2e heartbeat' } });
    expect(beat.status(), await beat.text()).toBe(200);
    await expect(builders.getByTestId('builder-ui-builder')).toContainText('live e2e heartbeat', { timeout: 5_000 });

    // A new blocker: the blocker desk of the other context lists it.
    const raised = await request.post('/api/v1/blockers', {
      headers: auth,
      data: { targetType: 'roadmap_item', targetId: workId, kind: 'other', title: 'Live e2e: the staging database is down' },
    });
    expect(raised.status(), await raised.text()).toBe(201);
    await expect(blockers.getByText('Live e2e: the staging database is down')).toBeVisible({ timeout: 5_000 });

    // A recorded result: the release review shows it as the standard's latest.
    const standard = review.standards.first();
    const standardId = (await standard.getAttribute('data-standard-id'))!;
    const recorded = await request.post('/api/v1/releases/fleet-0.10.0/results', {
      headers: auth,
      data: { standardId, result: 'error', message: 'Live e2e: the check runner crashed' },
    });
    expect(recorded.status(), await recorded.text()).toBe(201);
    await expect(review.standard(standardId)).toHaveAttribute('data-latest', 'error', { timeout: 5_000 });

    // A killed stream: the second context goes offline, a change is made meanwhile, and when the
    // stream is back it replays what it missed (the page is never reloaded).
    await contexts[1]!.setOffline(true);
    await expect(blockers.getByTestId('live-indicator')).toHaveAttribute('data-status', 'reconnecting', { timeout: 10_000 });
    await blockers.locator('header').screenshot({ path: 'test-results/live/header-reconnecting-light-1440.png' });
    const whileAway = await request.post('/api/v1/blockers', {
      headers: auth,
      data: { targetType: 'roadmap_item', targetId: workId, kind: 'other', title: 'Live e2e: raised while the stream was down' },
    });
    expect(whileAway.status(), await whileAway.text()).toBe(201);
    await contexts[1]!.setOffline(false);
    await expect(blockers.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
    await expect(blockers.getByText('Live e2e: raised while the stream was down')).toBeVisible({ timeout: 10_000 });

    if (process.env.GANTRY_SCREENSHOTS) {
      // How the indicator looks, for docs/live.md.
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [1440, 390]) {
          await builders.emulateMedia({ colorScheme: scheme });
          await builders.setViewportSize({ width, height: 800 });
          await builders.screenshot({ path: `test-results/live/builders-${scheme}-${width}.png` });
        }
      }
    }

    // Give the work back so other specs find the board as the demo left it.
    await request.post(`/api/v1/attempts/${attempt.id}/fail`, { headers: auth, data: { reason: 'Live e2e is done with it' } });
    await Promise.all(contexts.map((context) => context.close()));
  });
});
