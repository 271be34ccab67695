import { spawn } from 'node:child_process';
import path from 'node:path';

import { expect, test } from './fixtures';
import { BoardPage } from './pages/board-page';

/** Runs `npm run agent` (the reference agent) against this server; resolves with its exit code and output. */
function runAgent(baseURL: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const tsx = path.join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, 'scripts/agent.ts', '--url', baseURL, ...args], { env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

test.describe('builder agents at work', () => {
  test.use({ viewport: { width: 1920, height: 1000 } });

  test('with the board and the builders page open, the reference agent claims, heartbeats and completes a card; both update without a reload', async ({
    page,
    context,
    settings,
    request,
    baseURL,
  }) => {
    test.slow(); // three times the configured time-out (playwright.config.ts)
    await settings.goto();
    await settings.createToken('ui-builder', 'E2E reference agent');
    const token = (await settings.newTokenValue.textContent())!.trim();
    expect(token).toMatch(/^gantry_/);

    // A card of the motus-cli board that the builder may claim now, and that no other spec moves.
    const ready = await request.get('/api/v1/work/ready?limit=50', { headers: { authorization: `Bearer ${token}` } });
    expect(ready.status()).toBe(200);
    const items = ((await ready.json()) as { data: { items: { id: string }[] } }).data.items.map((i) => i.id);
    const workId = 'RI-013';
    expect(items, 'RI-013 is ready for ui-builder').toContain(workId);

    const board = new BoardPage(page);
    await board.goto('roadmap', 'program:motus-cli');
    await board.expectIn('pending', workId);

    const builders = await context.newPage();
    await builders.goto('/builders');
    const heartbeat = builders.getByTestId('builder-ui-builder').locator('time').first();
    const before = Date.parse((await heartbeat.getAttribute('datetime'))!);

    const started = Date.now();
    const agent = runAgent(baseURL!, ['--token', token, '--work', workId, '--once', '--duration', '10-10', '--heartbeat', '2', '--lease', '30']);

    // The claim moves the card; its heartbeats show on the builders page, with no reload of either page.
    await expect(board.cardIn('in_progress', workId)).toBeVisible({ timeout: 15_000 });
    await expect
      .poll(async () => Date.parse((await heartbeat.getAttribute('datetime'))!), { timeout: 15_000 })
      .toBeGreaterThan(Math.max(before, started - 1000));

    const { code, output } = await agent;
    expect(code, output).toBe(0);
    expect(output).toContain(`claimed ${workId}`);
    expect(output).toMatch(new RegExp(`completed ${workId} with evidence sha256 [0-9a-f]{12}`));
    await expect(board.cardIn('completed', workId)).toBeVisible({ timeout: 15_000 });
    await expect(board.cardIn('in_progress', workId)).toHaveCount(0);
  });

  test('the API reference and the OpenAPI document are public', async ({ request }) => {
    const doc = await request.get('/api/v1/openapi.json');
    expect(doc.status()).toBe(200);
    const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/api/v1/work/{workId}/claim');
    const reference = await request.get('/api/docs');
    expect(reference.status()).toBe(200);
    expect(await reference.text()).toContain('/api/v1/openapi.json');
  });
});
