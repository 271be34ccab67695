import { ADMIN, ADMIN_STATE, ANONYMOUS, expect, test } from './fixtures';
import { BoardPage } from './pages/board-page';
import { watchHydration } from './support/hydration';

test.describe('the board', () => {
  // Every column in view, so a drag never leans on the board's edge scrolling.
  test.use({ viewport: { width: 1920, height: 1000 } });

  test('a change request dragged from queue to in progress stays there after a reload', async ({ page, board }) => {
    await board.goto('cr', 'program:motus-cli');
    await board.expectIn('queue', 'CR-2025-11-12-002');
    const queueCount = Number(await board.column('queue').getByTestId('column-count').textContent());

    const answered = board.moveAnswered();
    await board.drag('CR-2025-11-12-002', 'in_progress');
    await board.expectIn('in_progress', 'CR-2025-11-12-002');
    await expect(board.column('queue').getByTestId('column-count')).toHaveText(String(queueCount - 1));

    // The move is committed, not only drawn: wait for the server's answer, then read the board afresh.
    expect((await answered).ok()).toBe(true);
    await page.reload();
    await board.expectIn('in_progress', 'CR-2025-11-12-002');
    await expect(board.cardIn('queue', 'CR-2025-11-12-002')).toHaveCount(0);
  });

  test('a card dragged to completed without evidence snaps back, with the reason', async ({ page, board }) => {
    await board.goto('roadmap', 'program:motus-cli');
    await board.expectIn('pending', 'RI-004');
    await board.drag('RI-004', 'completed');
    await expect(page.getByText('Move refused', { exact: true })).toBeVisible();
    await expect(page.getByText('Cannot complete RI-004 without evidence. Attach evidence first.').first()).toBeVisible();
    await board.expectIn('pending', 'RI-004');
    await expect(board.cardIn('completed', 'RI-004')).toHaveCount(0);
  });

  test("the board's first cards are in the server's HTML, before any JavaScript runs", async ({ request }) => {
    const html = await (await request.get(`/board?kind=cr&scope=${encodeURIComponent('program:motus-cli')}`)).text();
    expect(html).toContain('data-card-id="CR-2025-11-25-006"');
    expect(html.match(/data-testid="board-card"/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
  });

  test('the browser takes over the board the server drew without a hydration error', async ({ page, board }) => {
    const hydration = watchHydration(page);
    await board.goto('cr', 'program:motus-cli');
    expect(await hydration.settled(board.card('CR-2025-11-25-006'))).toEqual([]);
  });

  test('a card moves with the keyboard alone', async ({ page, board }) => {
    await board.goto('cr', 'program:motus-cli');
    await board.expectIn('queue', 'CR-2025-11-25-006');
    await board.pickUp('CR-2025-11-25-006');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('status').filter({ hasText: 'Docs search: specification is over In progress.' })).toBeAttached();
    const answered = board.moveAnswered();
    await page.keyboard.press('Space');
    await board.expectIn('in_progress', 'CR-2025-11-25-006');
    expect((await answered).ok()).toBe(true);
    // Enter opens the card; it did not drop it a second time or open it mid-move.
    await expect(page.getByTestId('card-panel')).toHaveCount(0);
    await page.reload();
    await board.expectIn('in_progress', 'CR-2025-11-25-006');
  });

  test('a card opens in a side panel with its history, and saves an edit', async ({ page, board }) => {
    await board.goto('cr', 'program:motus-cli');
    await board.card('CR-2025-11-18-003').click();
    const panel = page.getByTestId('card-panel');
    await expect(panel.getByRole('heading', { name: 'Deploy gate names the failing claims' })).toBeVisible();
    await expect(panel.getByTestId('card-history')).toContainText('Version');
    await panel.getByLabel('Title').fill('Deploy gate names every failing claim');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Deploy gate names every failing claim' })).toBeVisible();
    // A second edit in the same panel works from the version the first one saved.
    await panel.getByLabel('Title').fill('Deploy gate names each failing claim');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByRole('heading', { name: 'Deploy gate names each failing claim' })).toBeVisible();
    await expect(panel).not.toContainText('changed by someone else');
    await page.keyboard.press('Escape');
    await expect(board.card('CR-2025-11-18-003')).toContainText('Deploy gate names each failing claim');
  });

  test('two people move the same card: the second, working from the old version, is told it changed', async ({ browser }) => {
    const options = { storageState: ADMIN_STATE, viewport: { width: 1920, height: 1000 } };
    const contexts = await Promise.all([browser.newContext(options), browser.newContext(options)]);
    const [first, second] = await Promise.all(contexts.map(async (context) => new BoardPage(await context.newPage())));
    // The second board has not heard of the first one's move yet: its poll is held back.
    await second!.page.route('**/api/board/changes**', (route) => route.abort());
    await Promise.all([first!.goto('cr', 'program:foreman-office'), second!.goto('cr', 'program:foreman-office')]);
    await first!.expectIn('queue', 'CR-2025-11-28-008');
    await second!.expectIn('queue', 'CR-2025-11-28-008');

    const answered = first!.moveAnswered();
    await first!.drag('CR-2025-11-28-008', 'in_progress');
    await first!.expectIn('in_progress', 'CR-2025-11-28-008');
    await answered;

    await second!.drag('CR-2025-11-28-008', 'review');
    await expect(second!.page.getByText('Changed by someone else', { exact: true })).toBeVisible();
    // Nothing is lost: the second board now shows the first one's move, and the first saw no conflict.
    await second!.expectIn('in_progress', 'CR-2025-11-28-008');
    await expect(first!.page.getByText('Changed by someone else', { exact: true })).toHaveCount(0);
    await Promise.all(contexts.map((c) => c.close()));
  });

  test('an owner is chosen among the members, and the card shows their name', async ({ page, board }) => {
    await board.goto('cr', 'program:foreman-office');
    await board.card('CR-2025-11-28-008').click();
    const panel = page.getByTestId('card-panel');
    await expect(panel.getByRole('heading', { name: 'QA gates: a PARTIAL result' })).toBeVisible();
    // The demo's free-text owner stays selectable as it is; members are offered by name (stored as user:<id>).
    await expect(panel.getByLabel('Owner')).toHaveValue('johan');
    await panel.getByLabel('Owner').selectOption({ label: ADMIN.name });
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    await expect(panel.getByLabel('Owner')).toHaveValue(/^user:/);
    await page.keyboard.press('Escape');
    await expect(board.card('CR-2025-11-28-008').getByTitle(`Owner: ${ADMIN.name}`)).toHaveText('AL');
  });

  test("another person's move appears on an open board without a reload", async ({ browser }) => {
    const options = { storageState: ADMIN_STATE, viewport: { width: 1920, height: 1000 } };
    const contexts = await Promise.all([browser.newContext(options), browser.newContext(options)]);
    const [mover, watcher] = await Promise.all(contexts.map(async (context) => new BoardPage(await context.newPage())));
    await Promise.all([mover!.goto('cr', 'program:field-notes'), watcher!.goto('cr', 'program:field-notes')]);
    await watcher!.expectIn('in_progress', 'CR-2025-11-30-012');
    await mover!.drag('CR-2025-11-30-012', 'review');
    await mover!.expectIn('review', 'CR-2025-11-30-012');
    // The watcher's board hears of it on its live stream (docs/live.md).
    await expect(watcher!.cardIn('review', 'CR-2025-11-30-012')).toBeVisible({ timeout: 15_000 });
    await expect(watcher!.column('review').getByTestId('column-count')).toHaveText('1');
    await Promise.all(contexts.map((c) => c.close()));
  });

  test("a card held with the keyboard is not redrawn by another person's move; the move shows once it is dropped", async ({ browser }) => {
    const options = { storageState: ADMIN_STATE, viewport: { width: 1920, height: 1000 } };
    const contexts = await Promise.all([browser.newContext(options), browser.newContext(options)]);
    const [mover, holder] = await Promise.all(contexts.map(async (context) => new BoardPage(await context.newPage())));
    await Promise.all([mover!.goto('cr', 'program:motus-cli'), holder!.goto('cr', 'program:motus-cli')]);
    // Wherever an earlier test left it, the moved card goes to the other of two columns.
    const moved = 'CR-2025-11-25-006';
    await expect(holder!.card(moved)).toBeVisible();
    const from = (await holder!.cardIn('review', moved).count()) ? 'review' : 'in_progress';
    const to = from === 'review' ? 'in_progress' : 'review';
    if (!(await holder!.cardIn(from, moved).count())) {
      await mover!.drag(moved, from);
      await holder!.expectIn(from, moved);
    }
    const held = await holder!.page.locator(`[data-testid="board-card"]:not([data-card-id="${moved}"])`).first().getAttribute('data-card-id');
    await holder!.pickUp(held!);
    const answered = mover!.moveAnswered();
    await mover!.drag(moved, to);
    expect((await answered).ok()).toBe(true);
    // The live stream brings the change within a second; the held board keeps it back while the card is held.
    await holder!.page.waitForTimeout(2_500);
    await holder!.expectIn(from, moved);
    await expect(holder!.card(held!)).toHaveAttribute('aria-pressed', 'true');
    await holder!.page.keyboard.press('Escape');
    await expect(holder!.cardIn(to, moved)).toBeVisible();
    await Promise.all(contexts.map((c) => c.close()));
  });

  test('a viewer cannot drag a card: the control is absent, and a forged move is refused', async ({ page, settings, board, browser }) => {
    // The owner invites Vera as a viewer; she joins through the link.
    await settings.goto();
    await settings.addMember('vera@example.com', 'Viewer');
    const link = await settings.newInvitationLink();
    const vera = await browser.newContext({ storageState: ANONYMOUS, viewport: { width: 1920, height: 1000 } });
    const veraPage = await vera.newPage();
    await veraPage.goto(link);
    await veraPage.getByLabel('Your name').fill('Vera Viewer');
    await veraPage.getByLabel('Password', { exact: true }).fill('vera reads but never drags');
    await veraPage.getByLabel('Repeat the password').fill('vera reads but never drags');
    await veraPage.getByRole('button', { name: 'Create my account and join' }).click();
    await expect(veraPage.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    // Her board reads, but its cards are not draggable, and a drag moves nothing.
    const veraBoard = new BoardPage(veraPage);
    await veraBoard.goto('cr', 'program:foreman-office');
    await expect(veraPage.getByText('Your role can read the board')).toBeVisible();
    await expect(veraBoard.card('CR-2025-11-15-013')).toHaveAttribute('aria-roledescription', 'card');
    await veraBoard.drag('CR-2025-11-15-013', 'in_progress');
    await veraBoard.expectIn('queue', 'CR-2025-11-15-013');

    // The owner's real move request, replayed with Vera's session, is refused by the move's route.
    await board.goto('cr', 'program:foreman-office');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/board/move');
    const answered = board.moveAnswered();
    await board.drag('CR-2025-11-15-013', 'review');
    const request = await sent;
    await board.expectIn('review', 'CR-2025-11-15-013');
    await answered;
    const forged = await vera.request.post(request.url(), {
      headers: { 'content-type': request.headers()['content-type']!, accept: 'application/json' },
      data: request.postDataBuffer()!,
    });
    expect(forged.status()).toBe(403);
    const answer = await forged.text();
    expect(answer).toContain('"code":"forbidden"');
    expect(answer).toContain('Your role (Viewer) may not move and update the work assigned to them.');
    await veraPage.reload();
    await veraBoard.expectIn('review', 'CR-2025-11-15-013');
    await vera.close();
  });
});
