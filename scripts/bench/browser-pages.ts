import type { Browser, BrowserContext } from '@playwright/test';

// What `--browser` times on any page (scripts/bench/browser.ts): navigation → the first frame in
// which the page's main content is visible, and the first-load JavaScript of a fresh navigation.

export const VIEWPORT = { width: 1440, height: 900 };

export interface Cookie {
  name: string;
  value: string;
  domain: string;
  path: string;
}

// The scripts that run in the page are strings: tsx would wrap functions written here in a helper
// (__name) that the page does not have.

/**
 * Runs in the page before its own scripts: notes the first frame in which an element matching
 * `selector` is in the document and visible (not in a streamed part still hidden), and marks it.
 */
export const watchFirstVisible = (selector: string, mark: string) => `
  (() => {
    const check = (at) => {
      const found = document.querySelector(${JSON.stringify(selector)});
      if (found && found.checkVisibility()) {
        window.__visibleAt = at;
        performance.mark(${JSON.stringify(mark)});
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();`;

/** A context signed in, which times every navigation of its page to the first frame with `selector` visible. */
export async function watchingContext(browser: Browser, cookies: Cookie[], selector: string, mark: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addCookies(cookies);
  await context.addInitScript({ content: watchFirstVisible(selector, mark) });
  return context;
}

/**
 * Navigates `samples` times after three warm-up navigations (the server has rendered the page and
 * the browser has its scripts cached: a person's second visit), each to the first frame with the
 * watched content visible; and each navigation's first contentful paint.
 */
export async function timeNavigations(context: BrowserContext, url: string, samples: number): Promise<{ visible: number[]; fcp: number[] }> {
  const page = context.pages()[0] ?? (await context.newPage());
  const visible: number[] = [];
  const fcp: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction('window.__visibleAt !== undefined', null, { timeout: 30_000 });
    const seen = await page.evaluate<{ visible: number; fcp: number }>(
      `({ visible: window.__visibleAt, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN })`,
    );
    if (i < 3) continue;
    visible.push(seen.visible);
    if (Number.isFinite(seen.fcp)) fcp.push(seen.fcp);
  }
  return { visible, fcp };
}

/** The scripts a fresh navigation to `url` loads: kB as sent (compressed) and as parsed. */
export async function firstLoadJs(browser: Browser, cookies: Cookie[], url: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addCookies(cookies);
  const page = await context.newPage();
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    return await page.evaluate<{ count: number; sent: number; parsed: number }>(`(() => {
      const scripts = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script');
      return {
        count: scripts.length,
        sent: scripts.reduce((n, e) => n + e.encodedBodySize, 0) / 1024,
        parsed: scripts.reduce((n, e) => n + e.decodedBodySize, 0) / 1024,
      };
    })()`);
  } finally {
    await context.close();
  }
}
