import { ADMIN, expect, test } from './fixtures';

/**
 * Issue 15, "Done when": a manager creates a program, a product, a feature, a release and a
 * change request in the browser; the change request appears on the board, moves, is renamed,
 * deleted, undone, deleted again and restored from the Trash; its history names the person for
 * each step. The program is created with the keyboard alone.
 */
test.describe('running a program from the browser', () => {
  test.use({ viewport: { width: 1920, height: 1000 } });

  test('create, move, edit, delete, undo, delete and restore, each in the history', async ({ page, board }) => {
    // Eleven steps through five pages, each waiting on the server: more than one test's time on a busy machine.
    test.slow(); // three times the configured time-out (playwright.config.ts)
    await page.goto('/programs');
    await expect(page.getByRole('heading', { level: 1, name: 'Programs' })).toBeVisible();

    // Keyboard only: the button, its dialog, the name, Enter.
    await page.getByRole('button', { name: 'New program', exact: true }).focus();
    await page.keyboard.press('Enter');
    const programDialog = page.getByTestId('new-program-dialog');
    await expect(programDialog.getByLabel('Name')).toBeFocused();
    await page.keyboard.type('Orbit');
    await page.keyboard.press('Enter');
    await expect(programDialog).toHaveCount(0);
    const program = page.getByTestId('program-row').filter({ has: page.getByRole('link', { name: 'Orbit', exact: true }) });
    await expect(program.getByRole('link', { name: 'Orbit', exact: true })).toHaveAttribute('href', '/programs/orbit');

    await program.getByRole('button', { name: 'New product' }).click();
    const productDialog = page.getByTestId('new-product-dialog');
    await productDialog.getByLabel('Name').fill('Orbit app');
    await productDialog.getByRole('button', { name: 'Create product' }).click();
    await expect(productDialog).toHaveCount(0);
    await expect(program).toContainText('1 product');

    await program.getByRole('button', { name: 'New feature' }).click();
    const featureDialog = page.getByTestId('new-feature-dialog');
    await expect(featureDialog.getByLabel('Product')).toHaveValue('orbit-app');
    await featureDialog.getByLabel('Name').fill('Launch window');
    await featureDialog.getByRole('button', { name: 'Create feature' }).click();
    await expect(featureDialog).toHaveCount(0);

    await program.getByRole('button', { name: 'New release' }).click();
    const releaseDialog = page.getByTestId('new-release-dialog');
    await releaseDialog.getByLabel('Name').fill('1.0.0');
    await releaseDialog.getByLabel('Target date').fill('2027-03-01');
    await releaseDialog.getByRole('button', { name: 'Create release' }).click();
    await expect(releaseDialog).toHaveCount(0);
    await page.goto('/releases?q=Orbit');
    await expect(page.locator('[data-release-id="orbit-app-1.0.0"]').first()).toContainText('Orbit app');

    // The change request, by the queue column's quick add; it shows on the board at once.
    await board.goto('cr', 'product:orbit-app');
    await board.column('queue').getByTestId('quick-add').fill('First light');
    await board.column('queue').getByTestId('quick-add').press('Enter');
    const created = board.column('queue').getByTestId('board-card').filter({ hasText: 'First light' });
    await expect(created).toBeVisible();
    const id = (await created.getAttribute('data-card-id'))!;
    expect(id).toMatch(/^CR-\d{4}-\d\d-\d\d-\d{3}$/);

    // Move it with the keyboard alone, into the empty In progress column.
    await expect(board.column('in_progress').getByTestId('board-card')).toHaveCount(0);
    await board.pickUp(id);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('status').filter({ hasText: 'First light is over In progress.' })).toBeAttached();
    const moved = board.moveAnswered();
    await page.keyboard.press('Space');
    await board.expectIn('in_progress', id);
    expect((await moved).ok()).toBe(true);
    await page.reload();
    await board.expectIn('in_progress', id);

    // Edit its title in the panel.
    await board.card(id).click();
    const panel = page.getByTestId('card-panel');
    await panel.getByLabel('Title').fill('First light, tested');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByRole('heading', { name: 'First light, tested' })).toBeVisible();

    // Delete, undo.
    await panel.getByRole('button', { name: `Delete change request First light, tested` }).click();
    await expect(panel).toHaveCount(0);
    await expect(board.card(id)).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByText('Restored change request “First light, tested”.')).toBeVisible();
    await board.expectIn('in_progress', id);

    // Delete again, then restore from the program's Trash.
    await board.card(id).click();
    await page.getByTestId('card-panel').getByRole('button', { name: `Delete change request First light, tested` }).click();
    await expect(board.card(id)).toHaveCount(0);
    await page.goto('/trash?program=orbit');
    const entry = page.getByTestId('trash-entry').filter({ hasText: id });
    await expect(entry).toContainText(`deleted by ${ADMIN.name}`);
    await entry.getByRole('button', { name: 'Restore change request First light, tested' }).click();
    await expect(page.getByText('Restored change request “First light, tested”.')).toBeVisible();
    await expect(page.getByTestId('trash-entry').filter({ hasText: id })).toHaveCount(0);

    // The history: created, moved, renamed, deleted, restored, deleted, restored; each by the admin.
    await board.goto('cr', 'product:orbit-app');
    await board.card(id).click();
    const history = page.getByTestId('card-panel').getByTestId('card-history').getByRole('listitem');
    await expect(history).toHaveCount(7);
    for (const entryText of await history.allTextContents()) expect(entryText).toContain(ADMIN.name);
    await expect(history.nth(6)).toContainText('First light');
    await expect(history.nth(6)).toContainText('Queue');
    await expect(history.nth(5)).toContainText('In progress');
    await expect(history.nth(4)).toContainText('First light, tested');
    await expect(history.nth(3)).toContainText('moved to the Trash');
    await expect(history.nth(2)).toContainText('back from the Trash');
    await expect(history.nth(1)).toContainText('moved to the Trash');
    await expect(history.nth(0)).toContainText('back from the Trash');
  });

  test('a delete that live rows depend on is refused with the reason', async ({ page }) => {
    await page.goto('/programs');
    const program = page.getByTestId('program-row').filter({ has: page.getByRole('link', { name: 'Orbit', exact: true }) });
    await program.getByRole('button', { name: 'Delete program Orbit' }).click();
    await expect(page.getByText('The program orbit cannot be deleted while live rows depend on it: 1 product. Delete or move them first.')).toBeVisible();
    await expect(program).toBeVisible();
  });

  test('c opens create on the board, not while typing in a field', async ({ page, board }) => {
    await board.goto('cr', 'product:orbit-app');
    await board.column('queue').getByTestId('quick-add').focus();
    await page.keyboard.press('c');
    await expect(page.getByTestId('new-cr-dialog')).toHaveCount(0);
    await page.getByRole('heading', { level: 1, name: 'Board' }).click();
    await page.keyboard.press('c');
    const dialog = page.getByTestId('new-cr-dialog');
    await expect(dialog.getByLabel('Title')).toBeFocused();
    await page.keyboard.type('Made with c');
    await page.keyboard.press('Enter');
    await expect(board.column('queue').getByTestId('board-card').filter({ hasText: 'Made with c' })).toBeVisible();
  });
});
