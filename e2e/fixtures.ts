import { test as base } from '@playwright/test';

import { SetupPage, SignInPage } from './pages/auth-pages';
import { BoardPage } from './pages/board-page';
import { OverviewPage } from './pages/overview-page';
import { SettingsPage } from './pages/settings-page';

/** The admin that first-admin.setup.ts creates on the fresh instance; every spec reuses its session. */
export const ADMIN = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery staple' } as const;
export const ADMIN_STATE = 'e2e/.auth/admin.json';

export const test = base.extend<{ overview: OverviewPage; signInPage: SignInPage; setupPage: SetupPage; settings: SettingsPage; board: BoardPage }>({
  // Playwright's second argument is usually named `use`; React's lint rules would take it for a hook.
  overview: async ({ page }, provide) => {
    await provide(new OverviewPage(page));
  },
  signInPage: async ({ page }, provide) => {
    await provide(new SignInPage(page));
  },
  setupPage: async ({ page }, provide) => {
    await provide(new SetupPage(page));
  },
  settings: async ({ page }, provide) => {
    await provide(new SettingsPage(page));
  },
  board: async ({ page }, provide) => {
    await provide(new BoardPage(page));
  },
});

/** For specs about visitors who are not signed in. */
export const ANONYMOUS = { cookies: [], origins: [] };

export { expect } from '@playwright/test';
