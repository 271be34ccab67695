import fs from 'node:fs';
import path from 'node:path';

import { ANONYMOUS, ADMIN, expect, test } from './fixtures';
import { BoardPage } from './pages/board-page';
import { SettingsPage } from './pages/settings-page';

const MONA = { name: 'Mona Manager', email: 'mona@example.com', password: 'mona picks a long passphrase' };

/** The id of a server action of the build, as the browser sends it in the Next-Action header. */
function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in the build`);
  return found[0];
}

test.describe('governance a manager can trust', () => {
  test('a manager edits a card: its history names that manager, with the field old → new', async ({ page, browser }) => {
    // The owner invites Mona as a manager; she joins in a browser of her own.
    const settings = new SettingsPage(page);
    await settings.goto();
    await settings.addMember(MONA.email, 'Manager');
    const link = await settings.newInvitationLink();
    const mona = await browser.newContext({ storageState: ANONYMOUS, viewport: { width: 1920, height: 1000 } });
    const monaPage = await mona.newPage();
    await monaPage.goto(link);
    await monaPage.getByLabel('Your name').fill(MONA.name);
    await monaPage.getByLabel('Password', { exact: true }).fill(MONA.password);
    await monaPage.getByLabel('Repeat the password').fill(MONA.password);
    await monaPage.getByRole('button', { name: 'Create my account and join' }).click();
    await expect(monaPage.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    // RI-005 is ben's; Mona renames it.
    await monaPage.goto(`/board?kind=roadmap&scope=${encodeURIComponent('program:motus-cli')}`);
    await monaPage.locator('[data-testid="board-card"][data-card-id="RI-005"]').click();
    const panel = monaPage.getByTestId('card-panel');
    await panel.getByLabel('Title').fill('Gate: lease design review, with the DBA');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(monaPage.getByText('Saved', { exact: true })).toBeVisible();
    await mona.close();

    // Anyone reading the card later sees who did it: Mona, not ben (the owner) and not "system".
    const reader = new BoardPage(await page.context().newPage());
    await reader.goto('roadmap', 'program:motus-cli');
    await reader.card('RI-005').click();
    const latest = reader.page.getByTestId('card-panel').getByTestId('card-history').locator('li').first();
    await expect(latest).toContainText(MONA.name);
    await expect(latest).toContainText('title');
    await expect(latest).toContainText('Gate: lease design review');
    await expect(latest).toContainText('Gate: lease design review, with the DBA');
    await expect(latest).not.toContainText('system');
    await expect(latest).not.toContainText('ben');
  });

  test('unknown and deleted ids answer HTTP 404 on the item route and on every detail page', async ({ request }) => {
    expect((await request.get('/api/board/items/roadmap/RI-NOPE')).status()).toBe(404);
    expect((await request.get('/api/board/items/cr/CR-NOPE')).status()).toBe(404);
    for (const path of ['/roadmap/items/RI-NOPE', '/change-requests/CR-NOPE', '/tasks/T-NOPE', '/builders/no-such-builder', '/releases/no-such-release']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).toMatch(/not found|no such|there is no/i);
    }
    // A malformed id (a stray %) names nothing: 404, never a 500.
    for (const path of [
      '/bugs/50%zz',
      '/programs/%E0%A4%A',
      '/features/%',
      '/change-requests/CR%zz',
      '/releases/%zz',
      '/releases/%zz/report',
      '/builders/%zz',
      '/api/v1/work/50%zz',
      '/api/v1/attempts/%zz/heartbeat',
      '/api/board/items/cr/%zz',
      '/api/releases/%zz/report',
    ]) {
      const status = (await request.get(path)).status();
      expect(status, path).toBeGreaterThanOrEqual(400);
      expect(status, path).toBeLessThan(500);
    }
    // A known id still answers 200.
    expect((await request.get('/roadmap/items/RI-005')).status()).toBe(200);
  });

  test('routes refuse bad input with a clear 4xx', async ({ request }) => {
    const scope = encodeURIComponent('program:motus-cli');
    const since = await request.get(`/api/board/changes?kind=roadmap&scope=${scope}&since=1e20`);
    expect(since.status()).toBe(400);
    expect(await since.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const nul = await request.get(`/api/board/column?kind=roadmap&scope=${scope}&status=pending&afterId=a%00b`);
    expect(nul.status()).toBe(400);
    expect(JSON.stringify(await nul.json())).toContain('NUL');
  });

  test('server actions over HTTP: malformed, empty, oversized or NUL-bearing bodies get 400 or 413, never a 200 digest', async ({ request }) => {
    const id = actionId('updateBoardCard');
    const origin = new URL(test.info().project.use.baseURL!).origin;
    const post = (body: string | Buffer, contentType = 'text/plain;charset=UTF-8') =>
      request.post('/board', { headers: { 'next-action': id, 'content-type': contentType, origin }, data: body });
    const cases: [string, string | Buffer, number, string?][] = [
      ['malformed JSON', '[{"kind":', 400],
      ['empty', '', 400],
      ['not an argument list', '"hello"', 400],
      ['a NUL byte', JSON.stringify([{ kind: 'roadmap', id: 'RI-004', version: 1, title: 'a\u0000b' }]), 400],
      ['oversized', Buffer.alloc(600 * 1024, 'a'), 413],
      ['another content type', 'kind=roadmap', 400, 'application/x-www-form-urlencoded'],
    ];
    for (const [what, body, status, type] of cases) {
      const response = await post(body, type);
      expect(response.status(), what).toBe(status);
      expect((await response.json()).ok, what).toBe(false);
    }
    // A well-formed call with a boolean version reaches the action, which refuses it.
    const typed = await post(JSON.stringify([{ kind: 'roadmap', id: 'RI-004', version: true, title: 'Planted' }]));
    expect(typed.status()).toBe(200);
    expect(await typed.text()).toContain('invalid_input');
  });

  test('the auth library’s own account endpoints are closed: nobody renames themselves to “ben”', async ({ page, request }) => {
    const rename = await request.post('/api/auth/update-user', { data: { name: 'agent:builder-1' } });
    expect(rename.status()).toBe(404);
    for (const endpoint of [
      '/api/auth/change-password',
      '/api/auth/change-email',
      '/api/auth/delete-user',
      '/api/auth/revoke-sessions',
      '/api/auth/sign-up/email',
    ]) {
      expect((await request.post(endpoint, { data: {} })).status(), endpoint).toBe(404);
    }
    expect((await request.get('/api/auth/list-sessions')).status()).toBe(404);
    await page.goto('/');
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.name);
  });
});

test.describe('a signed-out person who opens a deep link', () => {
  test.use({ storageState: ANONYMOUS });

  test('returns to it after signing in', async ({ page, signInPage }) => {
    await page.goto('/roadmap/items/RI-004');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Froadmap%2Fitems%2FRI-004$/);
    await signInPage.email.fill(ADMIN.email);
    await signInPage.password.fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/roadmap\/items\/RI-004$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Exclusive leases');
  });

  test('is never sent to another site', async ({ page }) => {
    await page.goto('/sign-in?next=%2F%2Fevil.example%2F');
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    expect(page.url()).not.toContain('evil.example');
  });
});
