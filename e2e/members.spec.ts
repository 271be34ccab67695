import { ANONYMOUS, expect, test } from './fixtures';
import { signOut } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';

const NORA = { name: 'Nora Quist', email: 'nora@example.com', password: 'nora picks a long passphrase' };
const NORA_NEW_PASSWORD = 'nora changed her passphrase';

test.describe('members', () => {
  test('an owner invites someone; they join through the link, change their password, and are removed again', async ({ page, settings, browser }) => {
    // Three browser contexts and a dozen pages: more than one test's time on a busy machine.
    test.slow(); // three times the configured time-out (playwright.config.ts)
    await settings.goto();
    await settings.addMember(NORA.email, 'Reviewer');
    await expect(page.getByTestId('new-invitation')).toContainText('has no Gantry account yet');
    const link = await settings.newInvitationLink();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(settings.invitation(NORA.email)).toContainText('Waiting');

    // Nora, in a browser of her own, opens the link and creates her account.
    const nora = await browser.newContext({ storageState: ANONYMOUS });
    const noraPage = await nora.newPage();
    await noraPage.goto(link);
    await expect(noraPage.getByRole('heading', { level: 1, name: 'Join Motus Labs (demo)' })).toBeVisible();
    await expect(noraPage.getByLabel('Email address')).toHaveValue(NORA.email);
    await noraPage.getByLabel('Your name').fill(NORA.name);
    await noraPage.getByLabel('Password', { exact: true }).fill(NORA.password);
    await noraPage.getByLabel('Repeat the password').fill(NORA.password);
    await noraPage.getByRole('button', { name: 'Create my account and join' }).click();
    await expect(noraPage.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await noraPage.getByTestId('current-user').click();
    await expect(noraPage.getByTestId('current-role')).toHaveText('Reviewer of Motus Labs (demo)');
    await noraPage.keyboard.press('Escape');

    // The link worked once.
    const other = await browser.newContext({ storageState: ANONYMOUS });
    const otherPage = await other.newPage();
    await otherPage.goto(link);
    await expect(otherPage.getByRole('heading', { level: 1, name: 'This invitation was used' })).toBeVisible();
    await other.close();

    // Nora changes her password: the current one is checked, then only the new one signs in.
    await noraPage.goto('/account');
    await noraPage.getByLabel('Current password').fill('not my password at all');
    await noraPage.getByLabel('New password', { exact: true }).fill(NORA_NEW_PASSWORD);
    await noraPage.getByLabel('Repeat the new password').fill(NORA_NEW_PASSWORD);
    await noraPage.getByRole('button', { name: 'Change password' }).click();
    await expect(noraPage.getByTestId('password-form-message')).toContainText('Your current password is not the one you typed');
    await expect(noraPage.getByText('This is not your current password')).toBeVisible();
    await noraPage.getByLabel('Current password').fill(NORA.password);
    await noraPage.getByRole('button', { name: 'Change password' }).click();
    await expect(noraPage.getByTestId('password-form-message')).toContainText('Your password is changed');
    await signOut(noraPage);
    await expect(noraPage).toHaveURL(/\/sign-in\?reason=signed-out$/);
    await noraPage.getByLabel('Email address').fill(NORA.email);
    await noraPage.getByLabel('Password').fill(NORA.password);
    await noraPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(noraPage.getByTestId('form-message')).toContainText('do not match an account');
    await noraPage.getByLabel('Password').fill(NORA_NEW_PASSWORD);
    await noraPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(noraPage.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    // The owner sees her among the members, and removes her; her next page says so.
    await settings.goto();
    await expect(settings.member(NORA.email)).toBeVisible();
    await expect(page.getByTestId('invitations')).toHaveCount(0);
    await settings
      .member(NORA.email)
      .getByRole('button', { name: `Remove ${NORA.name}` })
      .click();
    await settings.member(NORA.email).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(settings.member(NORA.email)).toHaveCount(0);
    await noraPage.goto('/');
    await expect(noraPage).toHaveURL(/\/sign-in\?reason=no-organisation$/);
    await expect(noraPage.getByText('Your account belongs to no organisation any more')).toBeVisible();
    await nora.close();

    // Her account stays: adding her address again lets her join at once, without a link.
    await settings.addMember(NORA.email, 'Viewer');
    await expect(page.getByTestId('member-form-message')).toHaveText(`${NORA.name} (${NORA.email}) joined as viewer.`);
    await expect(settings.member(NORA.email)).toBeVisible();
  });

  test('a revoked invitation link stops working; the last owner cannot leave', async ({ page, settings, browser }) => {
    await settings.goto();
    await settings.addMember('olga@example.com', 'Builder');
    const link = await settings.newInvitationLink();
    await settings.invitation('olga@example.com').getByRole('button', { name: 'Revoke the invitation of olga@example.com' }).click();
    await settings.invitation('olga@example.com').getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(settings.invitation('olga@example.com')).toHaveCount(0);

    const olga = await browser.newContext({ storageState: ANONYMOUS });
    const olgaPage = await olga.newPage();
    await olgaPage.goto(link);
    await expect(olgaPage.getByRole('heading', { level: 1, name: 'This invitation was revoked' })).toBeVisible();
    await olga.close();

    const me = settings.member('ada@example.com');
    await me.getByRole('button', { name: 'Leave this organisation' }).click();
    await me.getByRole('button', { name: 'Leave', exact: true }).click();
    await expect(me).toContainText('An organisation keeps at least one owner; make someone else owner first');
    await page.reload();
    await expect(settings.member('ada@example.com')).toBeVisible();
  });
});

test.describe('password reset', () => {
  test('an owner issues a one-time link; the member sets a new password with it and signs in', async ({ page, settings, browser }) => {
    await settings.goto();
    await settings
      .member(NORA.email)
      .getByRole('button', { name: `Password-reset link for ${NORA.name}` })
      .click();
    await expect(page.getByTestId('new-reset-link')).toContainText(`Send ${NORA.name} this link`);
    const link = (await page.getByTestId('new-reset-link-value').textContent())!.trim();
    expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);

    const nora = await browser.newContext({ storageState: ANONYMOUS });
    const noraPage = await nora.newPage();
    await noraPage.goto(link);
    await expect(noraPage.getByRole('heading', { level: 1, name: 'Set a new password' })).toBeVisible();
    await noraPage.getByLabel('New password', { exact: true }).fill('nora forgot and reset it');
    await noraPage.getByLabel('Repeat the new password').fill('nora forgot and reset it');
    await noraPage.getByRole('button', { name: 'Set the new password' }).click();
    await expect(noraPage.getByText('Your new password is set. Sign in with it.')).toBeVisible();
    await noraPage.getByLabel('Email address').fill(NORA.email);
    await noraPage.getByLabel('Password').fill('nora forgot and reset it');
    await noraPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(noraPage.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    await noraPage.goto(link);
    await expect(noraPage.getByRole('heading', { level: 1, name: 'This link was used' })).toBeVisible();
    await nora.close();
  });
});

test.describe('organisations', () => {
  test('an owner starts a second organisation and switches between the two in the header; each shows only its own data', async ({ page, overview }) => {
    const settings = new SettingsPage(page);
    await settings.goto();
    await page.getByLabel('Organisation name').fill('Second Works');
    await page.getByRole('button', { name: 'Create organisation' }).click();

    // The new organisation: its own, empty overview and only its founder as member.
    await expect(overview.heading).toBeVisible();
    await expect(overview.organisation).toContainText('Second Works');
    // An empty organisation is told what to create first.
    await expect(page.getByTestId('empty-create-program')).toBeVisible();
    await expect(overview.programCards).toHaveCount(0);
    await settings.goto();
    await expect(settings.members).toHaveCount(1);
    await expect(settings.member('nora@example.com')).toHaveCount(0);

    // Back to the demo in the header: its programs and members again.
    await overview.goto();
    await overview.organisation.click();
    await page
      .getByRole('list', { name: 'Your organisations' })
      .getByRole('button', { name: /Motus Labs \(demo\)/ })
      .click();
    await expect(overview.organisation).toContainText('Motus Labs (demo)');
    await expect(overview.figure('programs')).toHaveText('3');
    await settings.goto();
    await expect(settings.member('nora@example.com')).toBeVisible();

    // And to the second one once more: none of the demo's data.
    await overview.goto();
    await overview.organisation.click();
    await page
      .getByRole('list', { name: 'Your organisations' })
      .getByRole('button', { name: /Second Works/ })
      .click();
    await expect(overview.organisation).toContainText('Second Works');
    await expect(page.getByTestId('empty-create-program')).toBeVisible();

    // Leave the shared session in the demo organisation for the other specs.
    await overview.organisation.click();
    await page
      .getByRole('list', { name: 'Your organisations' })
      .getByRole('button', { name: /Motus Labs \(demo\)/ })
      .click();
    await expect(overview.organisation).toContainText('Motus Labs (demo)');
  });
});
