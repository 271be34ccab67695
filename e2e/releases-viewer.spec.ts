import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { expect, test, type Browser, type BrowserContext } from '@playwright/test';

import { ReleaseReviewPage } from './pages/release-review-page';

// The fresh e2e instance has one member (its admin) and Gantry cannot invite people yet, so this
// spec serves a second instance of the same build on a folder of its own, prepared with an owner
// and a viewer of the demo organisation (e2e/support/prepare-members.ts). E2E_SIDE_PORT picks
// its port (default: a free one).
const PASSWORD = 'correct horse battery staple';
const dataDir = path.join(process.cwd(), '.e2e-viewer-data');
let server: ChildProcess | undefined;
let baseURL = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function signedIn(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await page.close();
  return context;
}

test.describe('a viewer and compliance results', () => {
  test.describe.configure({ timeout: 270_000 });

  test.beforeAll(async () => {
    test.setTimeout(270_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const env = { ...process.env, GANTRY_DATA_DIR: dataDir, DATABASE_URL: '' };
    const prepared = spawnSync('npx', ['tsx', '--conditions=react-server', 'e2e/support/prepare-members.ts'], {
      env: { ...env, E2E_MEMBERS: 'olive@example.com:owner,victor@example.com:viewer' },
      encoding: 'utf8',
    });
    if (prepared.status !== 0) throw new Error(`Preparing the members failed: ${prepared.stderr}`);
    const port = Number(process.env.E2E_SIDE_PORT) || (await freePort());
    baseURL = `http://localhost:${port}`;
    server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--port', String(port)], {
      env: { ...env, PORT: String(port) },
      stdio: 'ignore',
    });
    for (let i = 0; i < 240; i++) {
      if (
        await fetch(`${baseURL}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('The second instance did not become healthy');
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('sees the review without the control to record a result, and a forged call is refused', async ({ browser }) => {
    const owner = await signedIn(browser, 'olive@example.com');
    const viewer = await signedIn(browser, 'victor@example.com');

    // The viewer reads the review, with no way to record a result (or to deploy).
    const viewerPage = new ReleaseReviewPage(await viewer.newPage());
    await viewerPage.goto('motus-v0.2.0');
    await expect(viewerPage.verdict).toHaveAttribute('data-verdict', 'blocked');
    await expect(viewerPage.standards).not.toHaveCount(0);
    await expect(viewerPage.page.getByRole('button', { name: /^Record a result/ })).toHaveCount(0);
    await expect(viewerPage.page.getByText('Reviewers, managers and owners record results.')).toBeVisible();
    await expect(viewerPage.page.getByRole('form', { name: 'Deploy this release' })).toHaveCount(0);

    // The owner records a result; the request the browser sends is kept...
    const ownerPage = new ReleaseReviewPage(await owner.newPage());
    await ownerPage.goto('motus-v0.2.0');
    const sent = ownerPage.page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
    await ownerPage.recordResult('STD-REL-002', { result: 'pass', note: 'Notes read' });
    const request = await sent;
    await expect(ownerPage.standard('STD-REL-002')).toHaveAttribute('data-latest', 'pass');

    // ...and sent again with the viewer's session: the server action refuses it.
    const forged = await viewer.request.post(request.url(), {
      headers: { 'next-action': request.headers()['next-action']!, 'content-type': request.headers()['content-type']!, accept: 'text/x-component' },
      data: request.postDataBuffer()!,
    });
    const answer = await forged.text();
    expect(answer).toContain('"code":"forbidden"');
    expect(answer).toContain('Your role (Viewer) may not record compliance results.');

    // Nothing was written: the standard has the owner's one result.
    await ownerPage.page.reload();
    await expect(ownerPage.standard('STD-REL-002').getByTestId('result-history')).toHaveCount(0);
    await expect(ownerPage.standard('STD-REL-002').getByTestId('latest-result')).toContainText('olive');

    // The same with the owner's session is accepted (the forged request itself was well formed).
    const replayed = await owner.request.post(request.url(), {
      headers: { 'next-action': request.headers()['next-action']!, 'content-type': request.headers()['content-type']!, accept: 'text/x-component' },
      data: request.postDataBuffer()!,
    });
    expect(await replayed.text()).toContain('"ok":true');

    await owner.close();
    await viewer.close();
  });
});
