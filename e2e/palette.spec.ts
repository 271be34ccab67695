import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';

/**
 * The command palette and the keyboard shortcuts (docs/search.md): Ctrl+K finds a demo roadmap
 * item by words of its title and Enter opens its page; `?` shows the shortcuts; `g` then `b`
 * goes to the board; `/` typed in a field stays a slash.
 */
const palette = (page: Page) => page.locator('[data-command-palette]');

/** The page has hydrated (the shortcuts listen from then on). */
async function ready(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('open-palette')).toBeVisible();
  await page.waitForLoadState('networkidle');
}

test.describe('the command palette', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('Ctrl+K, part of a title, Enter: the item’s page opens; it is recent the next time', async ({ page }) => {
    await ready(page);
    await page.keyboard.press('Control+k');
    await expect(palette(page)).toBeVisible();
    await page.getByTestId('palette-input').fill('exclusive lea');
    // The roadmap item first (a change request's title starts the same way too).
    const first = page.getByTestId('palette-hit').first();
    await expect(first).toContainText('Exclusive leases');
    await expect(first).toContainText('RI-004');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/roadmap\/items\/RI-004$/);
    await expect(palette(page)).toBeHidden();

    // Opened again with nothing typed: the item is under Recent.
    await page.keyboard.press('Control+k');
    await expect(palette(page).getByRole('group', { name: 'Recent' })).toContainText('Exclusive leases');
    // Nothing found: the empty state says so.
    await page.getByTestId('palette-input').fill('zzqqxx nothing');
    await expect(palette(page)).toContainText('Nothing matches');
    await page.keyboard.press('Escape');
    await expect(palette(page)).toBeHidden();
  });

  test('finds by id, and the header button opens it for a mouse', async ({ page }) => {
    await ready(page);
    await page.getByTestId('open-palette').click();
    await page.getByTestId('palette-input').fill('RI-004');
    await expect(page.getByTestId('palette-hit').first()).toContainText('Exclusive leases');
  });

  test('axe finds no serious or critical problem with the palette open', async ({ page }) => {
    await ready(page);
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('lease');
    await expect(page.getByTestId('palette-hit').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
    expect(serious).toEqual([]);
  });
});

test.describe('keyboard shortcuts', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('? shows the shortcuts sheet; g then b goes to the board', async ({ page }) => {
    await ready(page);
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcuts-sheet');
    await expect(sheet).toBeVisible();
    await expect(sheet).toContainText('Board');
    // While a dialog is open, letters do nothing.
    await page.keyboard.press('g');
    await page.keyboard.press('b');
    await expect(page).toHaveURL(/\/$/);
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    await page.keyboard.press('g');
    await page.keyboard.press('b');
    await expect(page).toHaveURL(/\/board/);
  });

  test('/ opens the palette, but typed in a field it is a slash', async ({ page }) => {
    await page.goto('/blockers');
    await page.waitForLoadState('networkidle');
    const field = page.getByRole('searchbox').or(page.locator('input[type="search"], input[name="q"]')).first();
    await field.click();
    await page.keyboard.type('a/b');
    await expect(field).toHaveValue('a/b');
    await expect(palette(page)).toBeHidden();

    await field.blur();
    await page.locator('main h1').first().click();
    await page.keyboard.press('/');
    await expect(palette(page)).toBeVisible();
    await expect(page.getByTestId('palette-input')).toBeFocused();
  });
});

test('screenshots of the palette and the shortcuts sheet for the docs', async ({ page }) => {
  test.skip(!process.env.GANTRY_SCREENSHOTS, 'set GANTRY_SCREENSHOTS=1 to write docs/screenshots');
  test.slow(); // three times the configured time-out (playwright.config.ts)
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1440, 390]) {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
      await ready(page);
      await page.evaluate((t) => localStorage.setItem('theme', t), theme);
      await page.reload();
      await page.waitForLoadState('networkidle');
      await page.getByTestId('open-palette').click();
      await page.getByTestId('palette-input').fill('lease');
      await expect(page.getByTestId('palette-hit').first()).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/palette-${theme}-${width}.png` });
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await expect(page.getByTestId('shortcuts-sheet')).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/shortcuts-${theme}-${width}.png` });
      await page.keyboard.press('Escape');
    }
  }
});
