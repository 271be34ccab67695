import { expect, test } from './fixtures';

test.describe('settings', () => {
  test('an owner makes a builder token, which works once shown, until it is revoked', async ({ page, settings, request }) => {
    await settings.goto();
    await expect(page.getByTestId('members')).toContainText('ada@example.com');
    await expect(page.getByRole('heading', { name: 'What each role may do' })).toBeVisible();

    await settings.createToken('ui-builder', 'E2E runner');
    await expect(page.getByTestId('new-token')).toContainText('cannot show it again');
    const token = (await settings.newTokenValue.textContent())!.trim();
    expect(token).toMatch(/^gantry_/);
    await expect(settings.token('E2E runner')).toContainText('Active');

    const asBuilder = { headers: { authorization: `Bearer ${token}` } };
    const own = await request.get('/api/builders/ui-builder', asBuilder);
    expect(own.status()).toBe(200);
    expect(await own.json()).toMatchObject({ ok: true, data: { builderId: 'ui-builder', organisation: { slug: 'demo' } } });

    await settings.token('E2E runner').getByRole('button', { name: 'Revoke E2E runner' }).click();
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(settings.token('E2E runner')).toContainText('Revoked');
    expect((await request.get('/api/builders/ui-builder', asBuilder)).status()).toBe(401);
  });

  test('a token form with no builder chosen says what is missing, next to the field', async ({ page, settings }) => {
    await settings.goto();
    await page.getByLabel('Name', { exact: true }).fill('No builder');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('token-form-message')).toContainText('One field needs another look');
    await expect(page.getByText('Choose the builder this token acts as')).toBeVisible();
  });
});
