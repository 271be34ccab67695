import { ADMIN, expect, test } from './fixtures';
import { BlockersPage } from './pages/blockers-page';
import { watchHydration } from './support/hydration';

test.describe('blockers', () => {
  test("the open blockers are in the server's HTML, and the browser takes them over without a hydration error", async ({ page, request }) => {
    const html = await (await request.get('/blockers')).text();
    const table = html.split('data-testid="open-blockers"')[1] ?? '';
    // Open blockers of the demo: on a roadmap item, on an attempt and on a wave.
    for (const id of ['BLK-103-1', 'BLK-007-1', 'BLK-F-wave']) expect(table).toContain(`data-testid="blocker-${id}"`);
    expect(table).toContain('Retention policy for resolution history');
    expect(table).toContain('Graph export needs the ready queue');

    const hydration = watchHydration(page);
    const desk = new BlockersPage(page);
    await desk.goto();
    expect(await hydration.settled(page.getByTestId('blocker-BLK-103-1'))).toEqual([]);
  });

  test('a blocker is raised, refused without justification, resolved with a waiver, and stays resolved in the history', async ({ page }) => {
    const desk = new BlockersPage(page);
    const title = `Spec contradicts itself ${Date.now()}`;
    await desk.goto();
    await expect(page.getByTestId('kind-counts')).toContainText('Builder stall');

    await desk.raise({ on: 'Program', find: 'Foreman', item: 'Foreman office', kind: 'Impossible requirements', title, needs: 'A ruling from the governor' });
    await expect(desk.raiseDialog).toBeHidden();
    await desk.search(title);
    const row = desk.row(desk.openTable, title);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Impossible requirements');
    await expect(row).toContainText('Foreman office');
    // Who raised it is recorded by account id and shown by name, never by a changeable email.
    await expect(row).toContainText(ADMIN.name);

    // Too short a resolution: refused beside the field.
    await row.getByRole('button', { name: `Resolve ${title}` }).click();
    const dialog = desk.resolveDialog;
    await dialog.getByRole('textbox', { name: 'Resolution' }).fill('done');
    await dialog.getByRole('button', { name: 'Mark resolved' }).click();
    await expect(dialog.getByText('Write what was done and why: at least 10 characters')).toBeVisible();

    // A written resolution but no evidence or waiver: the database refuses, and the dialog says why.
    await dialog.getByRole('textbox', { name: 'Resolution' }).fill('The governor accepts the contradiction for this wave.');
    await dialog.getByLabel('What was done').selectOption({ label: 'Other' });
    await dialog.getByRole('button', { name: 'Mark resolved' }).click();
    await expect(page.getByTestId('resolve-message')).toContainText(
      'Resolving needs a justification: attach or pick evidence recorded since the blocker was raised, or record a waiver.',
    );

    // With a waiver it is resolved.
    await dialog.getByRole('radio', { name: /Record a waiver/ }).check();
    await dialog.getByRole('button', { name: 'Mark resolved' }).click();
    await expect(dialog).toBeHidden();
    await expect(desk.row(desk.openTable, title)).toHaveCount(0);

    // In the history, with its waiver, final, and nothing to change it with.
    await desk.goto(`?tab=history&q=${encodeURIComponent(title)}`);
    const resolved = desk.row(desk.historyTable, title);
    await expect(resolved).toHaveCount(1);
    await expect(resolved).toContainText('The governor accepts the contradiction for this wave.');
    await expect(resolved).toContainText('Waiver');
    await expect(resolved).toContainText('Final');
    await expect(resolved).toContainText(`by ${ADMIN.name}`);
    await expect(resolved.getByRole('button')).toHaveCount(0);
  });

  test('filters and groups the open blockers, and keeps the filters in the URL', async ({ page }) => {
    const desk = new BlockersPage(page);
    await desk.goto();
    await page.getByRole('combobox', { name: 'Classification' }).selectOption({ label: 'Builder stall' });
    await expect(page).toHaveURL(/kind=builder_stall/);
    await expect(desk.openTable.getByRole('row').nth(1)).toContainText('Builder stall');
    await page.getByLabel('Group by classification').click();
    await expect(page).toHaveURL(/group=kind/);
    await expect(desk.openTable.getByRole('rowheader').first()).toContainText('Builder stall');
  });
});

test.describe('builders', () => {
  test('shows each builder with its heartbeat, the stalled one marked, and its own page', async ({ page }) => {
    await page.goto('/builders');
    const stalled = page.getByTestId('builder-integration-builder');
    await expect(stalled).toContainText('Stalled');
    await expect(stalled).toContainText('burst');
    await expect(stalled.getByTestId('sparkline')).toBeVisible();
    await expect(page.getByTestId('builder-ui-builder')).not.toContainText('Stalled');

    await page.getByRole('link', { name: 'integration-builder' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('integration-builder');
    await expect(page.getByTestId('heartbeats').getByRole('row')).toHaveCount(4);
  });

  test('the stall threshold stays within 60 to 600 seconds', async ({ page }) => {
    await page.goto('/builders');
    const field = page.getByLabel('Stall threshold (s)');
    await field.fill('700');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Give a whole number of seconds from 60 to 600')).toBeVisible();
    await field.fill('300');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('stall-threshold-message')).toContainText('a builder silent for more than 300 s is stalled');
  });

  test('a task shows its validations and QA runs with pass rates, its violations and blockers', async ({ page }) => {
    await page.goto('/builders');
    await page.getByTestId('builder-integration-builder').getByRole('link', { name: 'Stall alerts for burst builders' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Stall alerts for burst builders');
    await expect(page.getByTestId('architecture-validations')).toContainText('62.5% pass rate');
    await expect(page.getByTestId('task-blockers')).toContainText('Builder stall');
    await expect(page.getByTestId('qa-executions').or(page.getByText('The QA suite has not run for this task yet.')).first()).toBeVisible();
  });
});
