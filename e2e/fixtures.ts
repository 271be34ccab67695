import { test as base } from '@playwright/test';

import { OverviewPage } from './pages/overview-page';

export const test = base.extend<{ overview: OverviewPage }>({
  // Playwright's second argument is usually named `use`; React's lint rules would take it for a hook.
  overview: async ({ page }, provide) => {
    await provide(new OverviewPage(page));
  },
});

export { expect } from '@playwright/test';
