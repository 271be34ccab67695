import { expect, test } from './fixtures';

test.describe('a fresh start on the embedded database, signed in as the first admin', () => {
  test('shows the overview with the demo organisation and its programs', async ({ overview }) => {
    await overview.goto();
    await expect(overview.organisation).toContainText('Motus Labs (demo)');
    await expect(overview.figure('programs')).toHaveText('3');
    await expect(overview.figure('products')).toHaveText('5');
    await expect(overview.figure('features')).toHaveText('12');
    await expect(overview.programCards).toHaveCount(3);

    const cli = overview.program('Motus coordination CLI');
    // Rolled up by the database from the demo's Foreman tasks, through their waves.
    await expect(cli.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '55');
    await expect(cli).toContainText('55%');
    await expect(cli.getByRole('heading', { level: 3, name: 'motus', exact: true })).toBeVisible();
    await expect(cli.getByRole('list', { name: 'motus features' })).toContainText('Coordination API');
    await expect(cli).toContainText('v0.2.0');

    await expect(overview.upcomingReleases).toHaveCount(5);
    await expect(overview.upcomingReleases.first()).toContainText('Site deploy #42');
  });

  test('reports a healthy, migrated database', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'ok', database: { kind: 'pglite', reachable: true, migrations: { pending: [], current: true } } });
  });
});

test.describe('the shell', () => {
  test('names every area and links only to pages that exist', async ({ overview, page }) => {
    await overview.goto();
    const nav = page.getByRole('navigation', { name: 'Areas' });
    await expect(nav.getByRole('link')).toHaveText([
      'Overview',
      'Inbox',
      'Programs',
      'Roadmap',
      'Board',
      'Blockers',
      'Releases',
      'Builders',
      'Planning',
      'Audit',
      'Settings',
    ]);
    await expect(nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    for (const area of ['Inbox', 'Programs', 'Roadmap', 'Board', 'Blockers', 'Releases', 'Builders', 'Planning', 'Audit', 'Settings']) {
      await expect(nav.getByText(area, { exact: true })).toBeVisible();
    }
  });

  test('switches to the dark theme and keeps it across a reload', async ({ overview, page }) => {
    await overview.goto();
    await overview.themeButton('dark').click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await expect(overview.themeButton('dark')).toHaveAttribute('aria-checked', 'true');
    await overview.themeButton('light').click();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
  });

  test('on a phone, opens the navigation as a drawer and closes it with Escape', async ({ overview, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await overview.goto();
    await expect(page.getByRole('navigation', { name: 'Areas' })).toBeHidden();
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const drawer = page.getByRole('dialog', { name: 'Navigation' });
    await expect(drawer.getByRole('link', { name: 'Overview' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('answers an unknown address with a page that leads back', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await page.getByRole('link', { name: 'Back to the overview' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  });
});
