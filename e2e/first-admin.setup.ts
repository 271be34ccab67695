import { ADMIN, ADMIN_STATE, expect, test } from './fixtures';
import { signOut } from './pages/auth-pages';

// Runs first, on the fresh embedded database of this run; the other specs reuse its session.
test('on a fresh start, the first visitor creates the admin, signs out, signs in and sees the demo overview', async ({
  page,
  setupPage,
  signInPage,
  overview,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(setupPage.heading).toBeVisible();
  await expect(page.getByText('Motus Labs (demo)')).toBeVisible();

  await setupPage.createAdmin({ ...ADMIN, password: 'too short' });
  await expect(setupPage.message).toContainText('One field needs another look');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Use at least 12 characters')).toBeVisible();

  await setupPage.createAdmin(ADMIN);
  await expect(overview.heading).toBeVisible();
  await expect(overview.organisation).toContainText('Motus Labs (demo)');
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.name);

  await signOut(page);
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await page.goto('/');
  await expect(signInPage.heading).toBeVisible();
  // The set-up is closed for good once the admin exists.
  await page.goto('/setup');
  await expect(signInPage.heading).toBeVisible();

  await signInPage.signIn(ADMIN.email, ADMIN.password);
  await expect(overview.heading).toBeVisible();
  await expect(overview.figure('programs')).toHaveText('3');
  await page.getByTestId('current-user').click();
  await expect(page.getByTestId('current-role')).toHaveText('Owner of Motus Labs (demo)');
  await page.keyboard.press('Escape');

  await page.context().storageState({ path: ADMIN_STATE });
});
