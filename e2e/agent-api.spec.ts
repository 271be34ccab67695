import { expect, test } from './fixtures';

test.describe('the agent API with a personal token', () => {
  test('a member makes a personal token in Settings, claims and heartbeats with it, then revokes it', async ({ page, request }) => {
    await page.goto('/settings');
    const card = page.locator('[aria-labelledby="personal-tokens-heading"]');
    await card.getByLabel('Token name', { exact: true }).fill('E2E agent');
    await page.getByRole('button', { name: 'Create personal token' }).click();
    await expect(page.getByTestId('new-personal-token')).toContainText('cannot show it again');
    const token = (await page.getByTestId('new-personal-token-value').textContent())!.trim();
    expect(token).toMatch(/^gantry_/);
    await expect(page.getByTestId('personal-tokens')).toContainText('E2E agent');

    const auth = { authorization: `Bearer ${token}` };
    const me = await request.get('/api/v1/builder', { headers: auth });
    expect(me.status()).toBe(200);
    expect((await me.json()).data).toMatchObject({ workerType: 'human', role: 'owner', builder: null });

    const ready = await request.get('/api/v1/work/ready?limit=1', { headers: auth });
    const [item] = (await ready.json()).data.items as { id: string }[];
    expect(item).toBeDefined();
    const claim = await request.post(`/api/v1/work/${item!.id}/claim`, { headers: { ...auth, 'idempotency-key': 'e2e-claim' }, data: { ttlSeconds: 120 } });
    expect(claim.status()).toBe(201);
    const attempt = (await claim.json()).data as { id: string };
    const again = await request.post(`/api/v1/work/${item!.id}/claim`, { headers: { ...auth, 'idempotency-key': 'e2e-claim' }, data: { ttlSeconds: 120 } });
    expect(again.headers()['idempotent-replayed']).toBe('true');
    const beat = await request.post(`/api/v1/attempts/${attempt.id}/heartbeat`, { headers: auth, data: { progress: 30, message: 'from e2e' } });
    expect(beat.status()).toBe(200);
    // The claim ends here: left to lapse, its lease would move the item back to pending (as
    // "system") two minutes later, in the middle of whichever spec is editing it then.
    const failed = await request.post(`/api/v1/attempts/${attempt.id}/fail`, { headers: auth, data: { reason: 'the e2e run ends its claim' } });
    expect(failed.status(), await failed.text()).toBe(200);
    expect((await failed.json()).data).toMatchObject({ outcome: 'failed' });

    if (process.env.GANTRY_SCREENSHOTS) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [1440, 390]) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 900 });
          await card.first().scrollIntoViewIfNeeded();
          await card.first().screenshot({ path: `test-results/agent-api/personal-tokens-${scheme}-${width}.png` });
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    await page.getByTestId('personal-tokens').getByRole('listitem').filter({ hasText: 'E2E agent' }).getByRole('button', { name: 'Revoke E2E agent' }).click();
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(page.getByTestId('personal-tokens')).toContainText('Revoked');
    const refused = await request.get('/api/v1/builder', { headers: auth });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['content-type']).toContain('application/problem+json');
  });
});
