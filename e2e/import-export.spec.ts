import fs from 'node:fs';

import { expect, test } from './fixtures';

/**
 * Issue 17: the board exports its filtered cards as CSV; change requests are imported from a CSV
 * file (a bad row refused by name and nothing written, then the corrected file written at once);
 * a filtered board is saved as a view that the sidebar lists and that opens with its filters.
 */
const TAG = `E2E import ${Date.now().toString(36)}`;
const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const shots = 'test-results/import-export';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1440, height: 1000 } });

test('exports the board as CSV with its cards', async ({ page, board }) => {
  await board.goto('cr', 'product:motus');
  const first = page.getByTestId('board-card').first();
  const id = (await first.getAttribute('data-card-id'))!;
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = fs.readFileSync((await (await download).path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('id,title,status,owner,owner_name,labels,blockers,dependencies,waiting_on,evidence');
  expect(csv).toContain(`${id},`);
});

test('exports the blocker desk, the builders and the releases with their filters', async ({ page }) => {
  const lists = [
    { path: '/blockers?tab=history', header: 'id,kind,severity,title,target_type' },
    { path: '/builders', header: 'builder_id,type,backend,state' },
    { path: '/releases?sort=name', header: 'id,name,product_id,product,type,status,target_date,verdict' },
  ];
  for (const list of lists) {
    await page.goto(list.path);
    const link = page.getByTestId('export-csv');
    // The link carries the page's filters.
    expect(await link.getAttribute('href')).toBe(`/api/export${list.path}`);
    const download = page.waitForEvent('download');
    await link.click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8');
    expect(csv.startsWith(list.header), list.path).toBe(true);
    await page.screenshot({ path: `${shots}/list${list.path.split('?')[0]!.replace('/', '-')}-light-1440.png` });
  }
});

test('imports change requests: a bad row is named and nothing is written; the corrected file is', async ({ page, board }) => {
  test.slow(); // three times the configured time-out (playwright.config.ts)
  await page.goto('/board?kind=cr&scope=product:motus');
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import work items' })).toBeVisible();
  await expect(page.getByTestId('import-kind')).toHaveValue('cr');

  // A row without a title: the preview names it, and Import stays off.
  await page.getByTestId('import-file').setInputFiles(file('crs.csv', `product_id,title,size\nmotus,${TAG} one,S\nmotus,,M\n`));
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('1 row needs another look');
  await expect(errors.getByRole('row').nth(1)).toContainText('2');
  await expect(errors.getByRole('row').nth(1)).toContainText('Give the change request a title.');
  await expect(page.getByTestId('import-submit')).toBeDisabled();

  // A row the database refuses (no such product): refused by row, nothing written.
  await page.getByTestId('import-file').setInputFiles(file('crs.csv', `product_id,title,size\nmotus,${TAG} one,S\nno-such-product,${TAG} two,M\n`));
  await expect(page.getByTestId('import-preview')).toContainText('2 change requests, all fine.');
  await page.screenshot({ path: `${shots}/import-preview-light-1440.png`, fullPage: true });
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-refusal')).toHaveText(
    'Row 2: product_id: there is no product “no-such-product” in this organisation. Nothing was imported.',
  );
  await board.goto('cr', 'product:motus');
  await page.goto(`/board?kind=cr&scope=product:motus&q=${encodeURIComponent(TAG)}`);
  await expect(page.getByTestId('board-card')).toHaveCount(0);

  // The corrected file: both written, and on the board.
  await page.goto('/import?kind=cr');
  await page.getByTestId('import-file').setInputFiles(file('crs.csv', `product_id,title,size\nmotus,${TAG} one,S\nmotus,"${TAG} two, with a comma",M\n`));
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 2 change requests');
  await page.goto(`/board?kind=cr&scope=product:motus&q=${encodeURIComponent(TAG)}`);
  await expect(page.getByTestId('board-card')).toHaveCount(2);
  await expect(page.getByTestId('board-card').filter({ hasText: `${TAG} two, with a comma` })).toBeVisible();
});

test('saves a filtered board as a view that the sidebar lists and opens with its filters', async ({ page }) => {
  const name = `Imported ${TAG.slice(-6)}`;
  await page.goto(`/board?kind=cr&scope=product:motus&q=${encodeURIComponent(TAG)}`);
  await page.getByTestId('save-view').click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Save view' }).last().click();
  const link = page.getByTestId('saved-views').getByRole('link', { name });
  await expect(link).toBeVisible();

  await page.goto('/programs');
  await page.getByTestId('saved-views').getByRole('link', { name }).click();
  await expect(page).toHaveURL(/\/board\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('q')).toBe(TAG);
  expect(url.searchParams.get('scope')).toBe('product:motus');
  await expect(page.getByTestId('board-card')).toHaveCount(2);
  await expect(page.getByTestId('saved-views').getByRole('link', { name })).toHaveAttribute('aria-current', 'page');

  // The command palette lists it too.
  await page.goto('/programs');
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(name);
  await page.getByRole('option', { name }).click();
  await expect(page).toHaveURL(/\/board\?/);
  expect(new URL(page.url()).searchParams.get('q')).toBe(TAG);

  if (!process.env.GANTRY_SCREENSHOTS) return;
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((t) => localStorage.setItem('theme', t), theme);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      await page.getByTestId('board').waitFor();
      await page.screenshot({ path: `${shots}/board-view-${theme}-${width}.png` });
      await page.goto('/import?kind=cr');
      await page.getByTestId('import-file').setInputFiles(file('crs.csv', `product_id,title,size\nmotus,${TAG} x,S\nmotus,,XXL\n,No product,M\n`));
      await page.getByTestId('import-errors').waitFor();
      await page.screenshot({ path: `${shots}/import-errors-${theme}-${width}.png`, fullPage: true });
      await page.goBack();
    }
  }
});
