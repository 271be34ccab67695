import type { Locator, Page } from '@playwright/test';

export class BlockersPage {
  readonly heading: Locator;
  readonly openTable: Locator;
  readonly historyTable: Locator;
  readonly raiseDialog: Locator;
  readonly resolveDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Blockers' });
    this.openTable = page.getByTestId('open-blockers');
    this.historyTable = page.getByTestId('blocker-history');
    this.raiseDialog = page.getByTestId('raise-dialog');
    this.resolveDialog = page.getByTestId('resolve-dialog');
  }

  async goto(query = '') {
    await this.page.goto(`/blockers${query}`);
    await this.heading.waitFor();
  }

  /** Raises a blocker on an item found by name, from the desk's Raise button. */
  async raise({ on, find, item, kind, title, needs }: { on: string; find: string; item: string; kind: string; title: string; needs: string }) {
    await this.page.getByRole('button', { name: 'Raise blocker' }).click();
    const dialog = this.raiseDialog;
    await dialog.getByLabel('On a').selectOption({ label: on });
    await dialog.getByLabel('Find it').fill(find);
    const picker = dialog.getByLabel('Blocked item');
    await picker.locator('option', { hasText: item }).first().waitFor({ state: 'attached' });
    await picker.selectOption({ label: item });
    await dialog.getByLabel('Classification').selectOption({ label: kind });
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('What it needs').fill(needs);
    await dialog.getByRole('button', { name: 'Raise blocker' }).click();
  }

  search(text: string) {
    return this.page
      .getByRole('searchbox')
      .fill(text)
      .then(() => this.page.getByRole('button', { name: 'Search' }).click());
  }

  row(table: Locator, text: string) {
    return table.getByRole('row').filter({ hasText: text });
  }
}
