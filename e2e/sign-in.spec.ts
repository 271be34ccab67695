import { ADMIN, ANONYMOUS, expect, test } from './fixtures';

test.describe('a visitor who is not signed in', () => {
  test.use({ storageState: ANONYMOUS });

  test('is sent to sign in from every page', async ({ page, signInPage }) => {
    // A deep link comes back after signing in (governance.spec.ts).
    for (const [path, signIn] of [
      ['/', /\/sign-in$/],
      ['/settings', /\/sign-in\?next=%2Fsettings$/],
    ] as const) {
      await page.goto(path);
      await expect(signInPage.heading).toBeVisible();
      await expect(page).toHaveURL(signIn);
    }
  });

  test('signs in with the keyboard alone, and is told clearly when the password is wrong', async ({ page, signInPage, overview }) => {
    await signInPage.goto();
    await expect(signInPage.email).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(signInPage.message).toHaveText('Enter your email address and password to sign in.');
    await expect(page.getByText('Enter your password', { exact: true })).toBeVisible();

    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    await expect(signInPage.password).toBeFocused();
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await expect(signInPage.message.getByRole('alert')).toHaveText('That email address and password do not match an account. Check both and try again.');

    await signInPage.password.fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await expect(overview.heading).toBeVisible();
  });

  test('gets 401 and a clear JSON error from the builder API without a token', async ({ request }) => {
    const response = await request.get('/api/builders/ui-builder');
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
  });
});
