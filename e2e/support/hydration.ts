import type { Locator, Page } from '@playwright/test';

/**
 * A production build reports a hydration mismatch as a minified recoverable error in the console
 * ("Minified React error #418; visit https://react.dev/errors/418…"), not in words; a development
 * build says "Hydration failed" or "did not match". Both count, and so does an uncaught page error.
 */
const HYDRATION = /hydrat|did not match|didn't match|react\.dev\/errors\/(418|419|422|423|425)\b/i;

/**
 * Collects the page's hydration errors from now on. Call it before the navigation, then
 * `settled(locator)` once the page is open: it waits until React has taken over that element
 * (hydration puts its fiber on the node the server drew) and the page is idle, so that a mismatch
 * found while hydrating has been reported, and returns the errors. A node that React threw away
 * and drew again (what it does with a part that did not match) counts as an error too.
 */
export function watchHydration(page: Page) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && HYDRATION.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (HYDRATION.test(`${error.message}\n${error.stack ?? ''}`)) errors.push(error.message);
  });
  return {
    async settled(element: Locator): Promise<string[]> {
      const outcome = await element.evaluate(
        (node) =>
          new Promise<string>((resolve) => {
            const started = performance.now();
            const wait = () => {
              if (!node.isConnected) resolve('the element was replaced instead of hydrated');
              else if (Object.keys(node).some((key) => key.startsWith('__reactFiber$'))) requestIdleCallback(() => resolve('hydrated'), { timeout: 2_000 });
              else if (performance.now() - started > 30_000) resolve('the element was not hydrated within 30 s');
              else setTimeout(wait, 50);
            };
            wait();
          }),
      );
      return outcome === 'hydrated' ? errors : [...errors, outcome];
    },
  };
}
