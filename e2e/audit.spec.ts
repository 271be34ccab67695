import { ADMIN, expect, test } from './fixtures';

/**
 * Issue 17: an edit is traced everywhere: the audit log (filtered by who, in the URL), its CSV
 * export, and the item's own history, where Restore brings the old value back as a new version.
 */
const ITEM = 'RI-010';
const OLD = 'Search the docs';
const NEW = 'Search the docs, audited';

test.describe('the audit trail of an edit', () => {
  test.describe.configure({ timeout: 120_000 });

  test('shows in the audit log, survives a reload, exports, and is restored from the history', async ({ page }) => {
    await page.goto(`/roadmap/items/${ITEM}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OLD);
    await page.getByRole('button', { name: `Edit roadmap item ${OLD}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill(NEW);
    await dialog.getByRole('button', { name: 'Save item' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEW);

    // The audit log, filtered by the admin: the URL carries the filter.
    await page.goto('/audit');
    await page.getByLabel('Who').selectOption({ label: ADMIN.name });
    await page.getByLabel('Item id').fill(ITEM);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/\/audit\?actor=user%3A[^&]+&.*entity=RI-010/);
    const row = page.getByTestId('audit-row').first();
    await expect(row).toContainText(ADMIN.name);
    await expect(row).toContainText(`${OLD} → ${NEW}`);
    await page.reload();
    await expect(page.getByLabel('Who')).toHaveValue(/^user:/);
    await expect(page.getByTestId('audit-row').first()).toContainText(NEW);
    await expect(page.getByRole('link', { name: 'RI-010' }).first()).toHaveAttribute('href', `/roadmap/items/${ITEM}`);

    // The CSV export of the filtered rows downloads and holds the row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv as Buffer[]).toString('utf8');
    expect(text.split('\r\n')[0]).toContain('actor_name');
    expect(text).toContain(`${ADMIN.name},plan.update,update,roadmap_item,${ITEM}`);
    expect(text).toContain(NEW);

    // The item's history shows old → new; Restore brings the old title back as a new version by the admin.
    await page.goto(`/roadmap/items/${ITEM}`);
    const history = page.getByTestId('item-history');
    const latest = history.getByTestId('history-entry').first();
    await expect(latest).toContainText(ADMIN.name);
    await expect(latest).toContainText(`${OLD} → ${NEW}`);
    await latest.getByRole('button', { name: /Restore the title to Search the docs/ }).click();
    await expect(page.getByTestId('restore-message')).toContainText('Restored the title');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OLD);
    const restored = history.getByTestId('history-entry').first();
    await expect(restored).toContainText(ADMIN.name);
    await expect(restored).toContainText(`${NEW} → ${OLD}`);
  });

  test('the decisions log lists recorded decisions with what they are about', async ({ page }) => {
    await page.goto('/audit/decisions');
    await expect(page.getByRole('link', { name: 'Decisions' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('decisions-list').locator('li').first()).toBeVisible();
  });
});

test('screenshots of the audit pages for the docs', async ({ page }) => {
  test.skip(!process.env.GANTRY_SCREENSHOTS, 'set GANTRY_SCREENSHOTS=1 to write docs/screenshots');
  test.slow(); // three times the configured time-out (playwright.config.ts)
  // Two edits (there and back), so that the history has field changes to restore.
  await page.goto(`/roadmap/items/${ITEM}`);
  for (const [from, to] of [
    [OLD, NEW],
    [NEW, OLD],
  ]) {
    await page.getByRole('button', { name: `Edit roadmap item ${from}` }).click();
    await page.getByRole('dialog').getByLabel('Title').fill(to!);
    await page.getByRole('dialog').getByRole('button', { name: 'Save item' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(to!);
  }
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 1440 ? 900 : 844 });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto('/audit');
      await expect(page.getByTestId('audit-row').first()).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/audit-${theme}-${width}.png` });
      await page.goto('/audit?entity=no-such-item');
      await expect(page.getByRole('heading', { name: 'No entry matches these filters' }).filter({ visible: true })).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/audit-empty-${theme}-${width}.png` });
      await page.goto('/audit/decisions');
      await expect(page.getByTestId('decisions-list')).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/audit-decisions-${theme}-${width}.png` });
      await page.goto(`/roadmap/items/${ITEM}`);
      await page.getByTestId('item-history').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `docs/screenshots/item-history-${theme}-${width}.png` });
    }
  }
});
