import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect, test } from './fixtures';

/**
 * Settings → Webhooks (docs/webhooks.md): an owner creates a webhook for a receiver this spec runs
 * on 127.0.0.1, copies its secret (shown once), sends a test, and sees the delivery in the log;
 * the receiver checks the signature.
 */
test.describe('webhooks settings', () => {
  let server: Server;
  let receiverUrl = '';
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok from the e2e receiver');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gantry`;
  });
  test.afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('create a webhook, see it listed, send a test and see the delivery in the log', async ({ page }) => {
    test.slow(); // three times the configured time-out (playwright.config.ts)
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Webhooks →' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(page.getByText('No webhook yet')).toBeVisible();
    await expect(page.getByText('No delivery yet.')).toBeVisible();

    const form = page.getByTestId('new-webhook-form');
    // A URL that is not http(s) and no event: refused, with the reasons at the fields.
    await form.getByLabel('Name').fill('E2E receiver');
    await form.getByLabel('URL').fill('ftp://127.0.0.1/gantry');
    await form.getByRole('button', { name: 'Create webhook' }).click();
    await expect(form.getByText('Use an http:// or https:// URL')).toBeVisible();
    await expect(form.getByText('Choose at least one event')).toBeVisible();

    // With the keyboard: the URL, then an event ticked with Space, then Enter on the button.
    await form.getByLabel('URL').fill(receiverUrl);
    await form.getByRole('checkbox', { name: /work\.created/ }).focus();
    await page.keyboard.press('Space');
    await form.getByRole('checkbox', { name: /blocker\.raised/ }).check();
    await form.getByRole('button', { name: 'Create webhook' }).focus();
    await page.keyboard.press('Enter');

    const secret = page.getByTestId('new-webhook-secret-value');
    await expect(secret).toHaveText(/^whsec_[0-9a-f]{64}$/);
    const secretValue = (await secret.textContent())!.trim();
    const row = page.getByTestId('webhook').filter({ hasText: 'E2E receiver' });
    await expect(row).toBeVisible();
    await expect(row).toContainText(receiverUrl);
    await expect(row).toContainText('work.created');
    await expect(row).toContainText('blocker.raised');
    await expect(row.getByText('On', { exact: true })).toBeVisible();

    await row.getByRole('button', { name: 'Send a test delivery to E2E receiver' }).click();
    const delivery = page.getByTestId('webhook-delivery').filter({ hasText: 'ping' });
    await expect(delivery).toHaveAttribute('data-state', 'delivered', { timeout: 20_000 });
    await expect(delivery).toContainText('E2E receiver');
    await expect(delivery).toContainText('Answered 200');
    await expect(delivery).toContainText('ok from the e2e receiver');

    // The receiver got it, signed with the secret shown once.
    const ping = received.find((r) => r.headers['gantry-event'] === 'ping');
    expect(ping).toBeDefined();
    const [t, v1] = String(ping!.headers['gantry-signature'])
      .split(',')
      .map((part) => part.split('=')[1]!);
    expect(v1).toBe(createHmac('sha256', secretValue).update(`${t}.${ping!.body}`).digest('hex'));
    expect(JSON.parse(ping!.body)).toMatchObject({ event: 'ping', entity: { type: 'webhooks' } });

    // Edit, then turn off: the row says so and Send test is disabled.
    await row.getByRole('button', { name: 'Edit E2E receiver' }).click();
    const edit = row.locator('form');
    await edit.getByLabel('Name').fill('E2E receiver (CI)');
    await edit.getByRole('button', { name: 'Save webhook' }).click();
    const renamed = page.getByTestId('webhook').filter({ hasText: 'E2E receiver (CI)' });
    await expect(renamed).toBeVisible();
    await renamed.getByRole('button', { name: 'Turn off E2E receiver (CI)' }).click();
    await expect(renamed.getByText('Off', { exact: true })).toBeVisible();
    await expect(renamed.getByRole('button', { name: 'Send a test delivery to E2E receiver (CI)' })).toBeDisabled();
    await renamed.getByRole('button', { name: 'Turn on E2E receiver (CI)' }).click();
    await expect(renamed.getByText('On', { exact: true })).toBeVisible();

    if (process.env.GANTRY_SCREENSHOTS) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [1440, 390]) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 900 });
          await page.getByTestId('webhooks').scrollIntoViewIfNeeded();
          await page.screenshot({ path: `test-results/webhooks/webhooks-${scheme}-${width}.png` });
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    // Delete: it leaves the list; its deliveries stay in the log.
    await renamed.getByRole('button', { name: 'Delete E2E receiver (CI)' }).click();
    await page.getByRole('group', { name: 'Delete E2E receiver (CI)?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('No webhook yet')).toBeVisible();
    await expect(page.getByTestId('webhook-delivery').first()).toBeVisible();
  });
});
