import { expect, test } from './fixtures';

/**
 * The "needs you" inbox (docs/inbox.md): a person watches a roadmap item they made; a builder's
 * changes to it reach their inbox and the header's count without a reload; marking the entry read
 * lowers the count; the next change brings a new entry. Self-contained: it makes its own item and
 * its own builder token, and reads the count it starts from.
 */
test.describe('the inbox', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a watched item’s changes reach the inbox and the header count live; mark read lowers the count', async ({ page, board, settings, request }) => {
    test.slow(); // three times the configured time-out (playwright.config.ts)
    await settings.goto();
    await settings.createToken('ui-builder', 'E2E inbox agent');
    const token = (await settings.newTokenValue.textContent())!.trim();
    const auth = { authorization: `Bearer ${token}` };

    // An item of its own, by the board's quick add.
    const title = `Inbox e2e ${Date.now().toString(36)}`;
    await board.goto('roadmap', 'program:motus-cli');
    await board.column('pending').getByTestId('quick-add').fill(title);
    await board.column('pending').getByTestId('quick-add').press('Enter');
    const card = board.column('pending').getByTestId('board-card').filter({ hasText: title });
    await expect(card).toBeVisible();
    const workId = (await card.getAttribute('data-card-id'))!;

    // Watch it from its page (keyboard: focus the toggle, press Enter).
    await page.goto(`/roadmap/items/${encodeURIComponent(workId)}`);
    const toggle = page.getByTestId('watch-toggle');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(toggle).toHaveText(/Unwatch/);

    // The inbox as it is now; the count it starts from.
    await page.goto('/inbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
    const bell = page.getByTestId('inbox-bell');
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live');
    const start = Number((await bell.getAttribute('data-unread')) || '0');
    const entries = page.getByTestId('inbox-entry').filter({ hasText: title });
    await expect(entries).toHaveCount(0);

    // The builder claims it: a change by someone else, on the open page, without a reload.
    const claim = await request.post(`/api/v1/work/${encodeURIComponent(workId)}/claim`, { headers: auth, data: { ttlSeconds: 300 } });
    expect(claim.status(), await claim.text()).toBe(201);
    const attempt = ((await claim.json()) as { data: { id: string } }).data.id;
    await expect(bell).toHaveAttribute('data-unread', String(start + 1), { timeout: 5_000 });
    await expect(page.getByTestId('inbox-count')).toHaveText(String(start + 1));
    const entry = entries.first();
    await expect(entry).toBeVisible({ timeout: 5_000 });
    await expect(entry).toHaveAttribute('data-kind', 'watched');
    await expect(entry).toHaveAttribute('data-read', 'false');
    await expect(entry.getByTestId('inbox-entry-link')).toHaveAttribute('href', `/roadmap/items/${encodeURIComponent(workId)}`);

    // Mark it read: the entry stays, read; the count drops.
    await entry.getByRole('button', { name: `Mark read: ${title}` }).click();
    await expect(entry).toHaveAttribute('data-read', 'true');
    await expect(bell).toHaveAttribute('data-unread', String(start));

    // Another change to the watched item: a new entry, unread, and the count rises again.
    const block = await request.post(`/api/v1/attempts/${encodeURIComponent(attempt)}/block`, {
      headers: auth,
      data: { reasonCode: 'missing_info', title: 'Which colour is the button?' },
    });
    expect(block.status(), await block.text()).toBe(200);
    await expect(bell).toHaveAttribute('data-unread', String(start + 1), { timeout: 5_000 });
    await expect(page.locator('[data-testid="inbox-entry"][data-read="false"]').filter({ hasText: title })).toHaveCount(1);

    // The entry leads to where it is fixed.
    await page.locator('[data-testid="inbox-entry"][data-read="false"]').filter({ hasText: title }).getByTestId('inbox-entry-link').click();
    await expect(page).toHaveURL(new RegExp(`/roadmap/items/${encodeURIComponent(workId)}$`));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

    // Unwatch: nothing more of it reaches the inbox.
    await page.getByTestId('watch-toggle').click();
    await expect(page.getByTestId('watch-toggle')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('inbox-bell')).toHaveAttribute('data-unread', String(start));
  });

  test('mark all read empties the count', async ({ page }) => {
    await page.goto('/inbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
    const bell = page.getByTestId('inbox-bell');
    if (Number((await bell.getAttribute('data-unread')) || '0') > 0) {
      await page.getByTestId('inbox-mark-all').click();
    }
    await expect(bell).toHaveAttribute('data-unread', '0');
    await expect(page.getByTestId('inbox-summary')).toContainText('Nothing unread.');
    await expect(page.getByTestId('inbox-mark-all')).toBeDisabled();
  });
});
