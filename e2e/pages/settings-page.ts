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
    await this.page.getByLabel('Builder', { exact: true }).selectOption(builderId);
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByRole('button', { name: 'Create token' }).click();
  }

  token(name: string) {
    return this.tokens.filter({ hasText: name });
  }

  get members() {
    return this.page.getByTestId('members').getByRole('listitem');
  }

  member(text: string) {
    return this.members.filter({ hasText: text });
  }

  invitation(email: string) {
    return this.page.getByTestId('invitations').getByRole('listitem').filter({ hasText: email });
  }

  async addMember(email: string, role: string) {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Role', { exact: true }).selectOption({ label: role });
    await this.page.getByRole('button', { name: 'Add member' }).click();
  }

  /** The invitation link the form shows once. */
  async newInvitationLink(): Promise<string> {
    return (await this.page.getByTestId('new-invitation-value').textContent())!.trim();
  }
}
