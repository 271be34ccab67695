import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  readonly heading: Locator;
  readonly tokens: Locator;
  readonly newTokenValue: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' });
    this.tokens = page.getByTestId('api-tokens').getByRole('listitem');
    this.newTokenValue = page.getByTestId('new-token-value');
  }

  async goto() {
    await this.page.goto('/settings');
    await this.heading.waitFor();
  }

  async createToken(builderId: string, name: string) {
    await this.page.getByLabel('Builder').selectOption(builderId);
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByRole('button', { name: 'Create token' }).click();
  }

  token(name: string) {
    return this.tokens.filter({ hasText: name });
  }
}
