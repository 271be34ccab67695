import { expect, test } from './fixtures';
import { seriousFindings } from './support/axe';

test.describe('pages of programs, products, features and bugs', () => {
  test('the overview leads to a program page, and on to its product, feature and bug', async ({ overview, page }) => {
    await overview.goto();
    const attention = page.getByTestId('needs-attention');
    await expect(attention.getByRole('heading', { name: 'Needs attention' })).toBeVisible();
    // The demo has releases that may not ship; each names why and links to its review.
    const atRisk = attention.getByTestId('attention-releases').getByRole('listitem').first();
    await expect(atRisk.getByRole('link')).toHaveAttribute('href', /^\/releases\//);

    await overview.program('Motus coordination CLI').getByTestId('program-link').click();
    await expect(page).toHaveURL(/\/programs\/motus-cli$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Motus coordination CLI' })).toBeVisible();
    await expect(page.getByTestId('program-progress')).toHaveText('55%');
    for (const section of [
      'Products',
      'Features by status',
      'Releases',
      'Roadmap progress',
      'Waves',
      'Open blockers',
      'Builders at work',
      'Open change requests',
      'Bugs by version',
    ]) {
      await expect(page.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('table', { name: 'Releases' }).getByTestId('release-verdict').first()).toBeVisible();

    await page.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'motus', exact: true }).click();
    await expect(page).toHaveURL(/\/products\/motus$/);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Motus coordination CLI' })).toBeVisible();

    await page.getByRole('table', { name: 'Features' }).getByRole('link', { name: 'Evidence ledger' }).click();
    await expect(page).toHaveURL(/\/features\/evidence-ledger$/);
    await page.getByTestId('bugs-by-version').getByRole('link', { name: 'SHA-256 differs for Windows paths' }).click();
    await expect(page).toHaveURL(/\/bugs\/BUG-2025-10-05-002$/);
    await expect(page.getByRole('heading', { level: 1, name: 'SHA-256 differs for Windows paths' })).toBeVisible();
    await page.getByRole('link', { name: 'CR-2025-10-02-004' }).click();
    await expect(page).toHaveURL(/\/change-requests\/CR-2025-10-02-004$/);
  });

  test('on a 390 px phone, the pages of a program, product, feature and bug keep their tables in their own box', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/programs/motus-cli', '/products/motus', '/features/evidence-ledger', '/bugs/BUG-2025-10-05-002']) {
      await page.goto(path);
      await page.locator('main').waitFor();
      // The page itself never scrolls sideways; a wide table scrolls inside its card.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      for (const table of await page.locator('main table:visible').all()) {
        const box = (await table.locator('xpath=..').boundingBox())!;
        expect(box.x, path).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, path).toBeLessThanOrEqual(390);
      }
    }
  });

  test('an unknown id answers 404 on every page', async ({ page }) => {
    for (const path of [
      '/programs/no-such-program',
      '/products/no-such-product',
      '/features/no-such-feature',
      '/bugs/BUG-0000',
      '/change-requests/CR-0000',
      '/roadmap/items/RI-0000',
      '/releases/no-such-release',
      '/builders/no-such-builder',
      '/tasks/00000000-0000-4000-8000-000000000000',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: /^No such / }), path).toBeVisible();
      // Drawn inside the shell's <main>, not a second one of its own.
      await expect(page.locator('main'), path).toHaveCount(1);
    }
  });

  test('axe finds no serious or critical problem on the overview, a program page, the board and the roadmap', async ({ page }) => {
    // Six pages, each analysed in full: more than one test's time on a busy machine.
    test.slow(); // three times the configured time-out (playwright.config.ts)
    for (const path of [
      '/',
      '/programs/motus-cli',
      '/products/motus',
      '/board?kind=cr&scope=program:motus-cli',
      '/board?kind=roadmap&scope=program:motus-cli',
      '/roadmap',
    ]) {
      await page.goto(path);
      await page.locator('main').waitFor();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await seriousFindings(page), path).toEqual([]);
    }
  });
});

test.describe('links', () => {
  test('a page prefetches no link in view, only the one a person reaches for by pointer or keyboard', async ({ page }) => {
    const prefetched: string[] = [];
    page.on('request', (request) => {
      if (request.headers()['next-router-prefetch']) prefetched.push(new URL(request.url()).pathname);
    });
    await page.goto('/blockers');
    await page.waitForLoadState('networkidle');
    expect(prefetched).toEqual([]);

    const areas = page.getByRole('navigation', { name: 'Areas' });
    await areas.getByRole('link', { name: 'Releases' }).hover();
    await expect.poll(() => prefetched).toContain('/releases');
    await areas.getByRole('link', { name: 'Builders' }).focus();
    await expect.poll(() => prefetched).toContain('/builders');
    expect(prefetched.filter((path) => path !== '/releases' && path !== '/builders')).toEqual([]);

    await areas.getByRole('link', { name: 'Releases' }).click();
    await expect(page).toHaveURL(/\/releases$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible();
  });
});

test.describe('the board, polished', () => {
  test('opens on the board the person had open last', async ({ page }) => {
    await page.goto('/board?kind=roadmap&scope=program:foreman-office');
    await expect(page.getByTestId('board-column').first()).toBeVisible();
    // The board remembers itself once it runs in the browser.
    await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === 'gantry-board')?.value ?? '').toContain('roadmap');
    await page.goto('/board');
    await expect(page.getByRole('link', { name: 'Roadmap items' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('board-scope')).toHaveValue('program:foreman-office');
  });

  test("names owners on hover and for screen readers, and the panel's facts by their names, as links", async ({ page }) => {
    await page.goto('/board?kind=roadmap&scope=program:motus-cli');
    const owned = page
      .getByTestId('board-card')
      .filter({ has: page.getByTestId('card-owner') })
      .first();
    const owner = owned.getByTestId('card-owner');
    const name = (await owner.getAttribute('title'))!.replace('Owner: ', '');
    expect(name).not.toMatch(/^user:/);
    await expect(owner).toHaveAttribute('aria-label', `Owner: ${name}`);
    await expect(owned).toHaveAttribute('aria-label', new RegExp(`owner ${name}$`));

    await owned.click();
    const panel = page.getByTestId('card-panel');
    await expect(panel.getByText('Phase', { exact: true })).toBeVisible();
    // Display names, never keys such as phase_b or motus-cli.
    await expect(panel.getByRole('definition').filter({ hasText: /phase_[a-z]/ })).toHaveCount(0);
    await expect(panel.getByRole('link', { name: 'Motus coordination CLI' })).toHaveAttribute('href', '/programs/motus-cli');
    await expect(panel.getByTestId('panel-page-link')).toHaveAttribute('href', /^\/roadmap\/items\//);
  });

  test('fits five columns on a 1440 px screen with the sidebar', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/board?kind=roadmap&scope=program:motus-cli');
    const columns = page.getByTestId('board-column');
    await expect(columns).toHaveCount(5);
    const board = page.getByTestId('board');
    const overflow = await board.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
});

test('screenshots for the docs', async ({ page }) => {
  test.skip(!process.env.GANTRY_SCREENSHOTS, 'set GANTRY_SCREENSHOTS=1 to write docs/screenshots');
  test.slow(); // three times the configured time-out (playwright.config.ts)
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto('/');
    await page.evaluate((t) => localStorage.setItem('theme', t), theme);
    await page.reload();
    await page.getByTestId('needs-attention').waitFor();
    await page.screenshot({ path: `docs/screenshots/overview-${theme}.png`, fullPage: false });
    await page.goto('/programs/motus-cli');
    await page.getByTestId('program-progress').waitFor();
    await page.screenshot({ path: `docs/screenshots/program-${theme}.png`, fullPage: true });
  }
});
