import type { Locator, Page } from '@playwright/test';

export class OverviewPage {
  readonly heading: Locator;
  readonly organisation: Locator;
  readonly programCards: Locator;
  readonly upcomingReleases: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Overview' });
    this.organisation = page.getByTestId('current-organisation');
    this.programCards = page.getByTestId('program-card');
    this.upcomingReleases = page.getByTestId('upcoming-releases').getByRole('listitem');
  }

  async goto() {
    await this.page.goto('/');
    await this.heading.waitFor();
  }

  figure(name: 'programs' | 'products' | 'features' | 'upcoming-releases') {
    return this.page.getByTestId(`figure-${name}`);
  }

  program(name: string) {
    return this.programCards.filter({ has: this.page.getByRole('heading', { level: 2, name }) });
  }

  themeButton(theme: 'light' | 'dark' | 'system') {
    return this.page.getByTestId(`theme-${theme}`);
  }
}
