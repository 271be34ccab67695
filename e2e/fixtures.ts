import { test as base } from '@playwright/test';

import { OverviewPage } from './pages/overview-page';

export const test = base.extend<{ overview: OverviewPage }>({
  overview: async ({ page }, use) => {
    await use(new OverviewPage(page));
  },
});

export { expect } from '@playwright/test';
