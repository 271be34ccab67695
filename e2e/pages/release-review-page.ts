import type { Locator, Page } from '@playwright/test';

/** A release's review page (/releases/[id]). */
export class ReleaseReviewPage {
  readonly verdict: Locator;
  readonly verdictLabel: Locator;
  readonly standards: Locator;
  readonly deployMessage: Locator;

  constructor(readonly page: Page) {
    this.verdict = page.getByTestId('verdict');
    this.verdictLabel = page.getByTestId('verdict-label');
    this.standards = page.getByTestId('standard');
    this.deployMessage = page.getByTestId('deploy-message');
  }

  async goto(releaseId: string) {
    await this.page.goto(`/releases/${releaseId}`);
    await this.verdict.waitFor();
  }

  standard(id: string): Locator {
    return this.page.locator(`[data-testid="standard"][data-standard-id="${id}"]`);
  }

  /** Opens the standard's form and records a result. */
  async recordResult(standardId: string, { result, value, note }: { result: 'pass' | 'fail' | 'skip' | 'error'; value?: string; note?: string }) {
    const item = this.standard(standardId);
    await item.getByRole('button', { name: `Record a result for ${standardId}` }).click();
    const form = item.getByRole('form', { name: `New result for ${standardId}` });
    await form.getByLabel('Result').selectOption(result);
    if (value !== undefined) await form.getByLabel('Measured value').fill(value);
    if (note !== undefined) await form.getByLabel('Note').fill(note);
    await form.getByRole('button', { name: 'Record result' }).click();
  }

  async deploy(target: string, version?: string) {
    const form = this.page.getByRole('form', { name: 'Deploy this release' });
    await form.getByLabel('Target').selectOption(target);
    if (version) await form.getByLabel('Version').fill(version);
    await form.getByRole('button', { name: 'Deploy' }).click();
  }
}
