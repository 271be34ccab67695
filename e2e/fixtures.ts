import { test as base, type Page } from '@playwright/test';

import { SetupPage, SignInPage } from './pages/auth-pages';
import { BoardPage } from './pages/board-page';
import { OverviewPage } from './pages/overview-page';
import { SettingsPage } from './pages/settings-page';

/** The admin that first-admin.setup.ts creates on the fresh instance; every spec reuses its session. */
export const ADMIN = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery staple' } as const;
export const ADMIN_STATE = 'e2e/.auth/admin.json';

/**
 * A streamed page (every route with a loading.tsx) arrives as its skeleton, then each finished part
 * in a hidden `<div hidden id="S:n">` that React's inline script moves into place a moment later
 * (batched since React 19.2). Until then the part is in the document twice, and a locator that also
 * matches hidden elements (a label, a test id) finds two and fails at once in strict mode, a flake
 * seen in CI on the audit page and the board. So a navigation, in any page of any context, resolves
 * only once no streamed part is left hidden (at most 5 s; a part that never moves is left to the
 * test's own expectations).
 */
function settleStreamingNavigations(page: Page) {
  const proto = Object.getPrototypeOf(page) as Page & { __gantrySettles?: boolean };
  if (proto.__gantrySettles) return;
  proto.__gantrySettles = true;
  const settle = (self: Page) =>
    self.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'), null, { timeout: 5_000, polling: 50 }).catch(() => undefined);
  const goto = proto.goto;
  proto.goto = async function (this: Page, ...args: Parameters<Page['goto']>) {
    const response = await goto.apply(this, args);
    await settle(this);
    return response;
  };
  const reload = proto.reload;
  proto.reload = async function (this: Page, ...args: Parameters<Page['reload']>) {
    const response = await reload.apply(this, args);
    await settle(this);
    return response;
  };
}

export const test = base.extend<{
  overview: OverviewPage;
  signInPage: SignInPage;
  setupPage: SetupPage;
  settings: SettingsPage;
  board: BoardPage;
  settledNavigations: void;
}>({
  settledNavigations: [
    async ({ page }, provide) => {
      settleStreamingNavigations(page);
      await provide();
    },
    { auto: true },
  ],
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
