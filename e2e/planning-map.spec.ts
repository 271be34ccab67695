import type { Browser } from '@playwright/test';

import { ADMIN_STATE, expect, test } from './fixtures';
import { SettingsPage } from './pages/settings-page';
import { seriousFindings } from './support/axe';
import { StoryMapPage } from './support/story-map-page';

/** A new builder token, made on the settings page in a context of its own (the story map's page stays open). */
async function builderToken(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const settings = new SettingsPage(await context.newPage());
  await settings.goto();
  await settings.createToken('api-builder', `E2E story-map builder ${Date.now().toString(36)}`);
  const token = (await settings.newTokenValue.textContent())!.trim();
  await context.close();
  return token;
}

test.describe('planning: the story map', () => {
  test.use({ viewport: { width: 1440, height: 1000 } });

  test('a manager builds a story map, moves cards by mouse and keyboard, finalizes a card, approves a planned file and builds it: an agent reports, a reviewer approves', async ({
    page,
    browser,
    request,
  }) => {
    test.slow(); // three times the configured time-out (playwright.config.ts)
    const map = new StoryMapPage(page);
    const projectId = await map.createProject(`Sign-up flow ${Date.now().toString(36)}`);
    await expect(page.getByText('No workflows yet')).toBeVisible();

    await map.addWorkflow('Sign up');
    await map.addActivity('Sign up', 'Enter details');
    await map.addActivity('Sign up', 'Confirm email');
    await map.addCard('Enter details', 'Sign-up form');
    await map.addCard('Enter details', 'Field validation');
    await map.addCard('Confirm email', 'Send the mail');
    expect(await map.cardsIn('Enter details')).toEqual(['Sign-up form', 'Field validation']);
    expect(await seriousFindings(page)).toEqual([]);

    // The mouse: the form goes to the foot of "Confirm email".
    let answered = map.answered();
    await map.drag('Sign-up form', 'Confirm email');
    expect((await answered).ok()).toBe(true);
    await expect.poll(() => map.cardsIn('Confirm email')).toEqual(['Send the mail', 'Sign-up form']);

    // The keyboard: validation jumps right, into "Confirm email", and is dropped there.
    await map.pickUp('Field validation');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('status').filter({ hasText: 'Field validation is over activity Confirm email.' })).toBeAttached();
    answered = map.answered();
    await page.keyboard.press('Space');
    expect((await answered).ok()).toBe(true);
    await expect.poll(() => map.cardsIn('Enter details')).toEqual([]);
    const order = await map.cardsIn('Confirm email');
    expect([...order].sort()).toEqual(['Field validation', 'Send the mail', 'Sign-up form']);

    // Positions persist.
    await page.reload();
    await map.map.waitFor();
    expect(await map.cardsIn('Confirm email')).toEqual(order);
    expect(await map.cardsIn('Enter details')).toEqual([]);

    // The card page: finalizing without a requirement is refused in a sentence; with one it works.
    await map.card('Sign-up form').click();
    await page.getByTestId('card-page').waitFor();
    await page.getByRole('button', { name: 'Finalize card' }).click();
    await expect(page.getByTestId('finalize-message')).toContainText(
      'Card "Sign-up form" has no requirements: add at least one requirement before finalizing it',
    );
    const requirements = page.getByTestId('knowledge-requirement');
    await requirements.getByLabel('New requirement', { exact: true }).fill('An email address is required');
    await requirements.getByRole('button', { name: 'Add requirement' }).click();
    await expect(requirements.getByTestId('knowledge-item')).toContainText('An email address is required');
    await page.getByRole('button', { name: 'Finalize card' }).click();
    await expect(page.getByTestId('card-finalized')).toBeVisible();

    // A planned file, approved.
    const files = page.getByTestId('planned-files');
    await files.getByLabel('File', { exact: true }).fill('app/signup/form.tsx');
    await files.getByLabel('What it is for', { exact: true }).fill('The sign-up form');
    await files.getByRole('button', { name: 'Plan file' }).click();
    await expect(files.getByTestId('planned-file-status')).toHaveText('proposed');
    await files.getByRole('button', { name: 'Approve app/signup/form.tsx' }).click();
    await expect(files.getByTestId('planned-file-status')).toHaveText('approved');
    expect(await seriousFindings(page)).toEqual([]);

    // The action history names the moves and the refusal.
    await page.getByRole('link', { name: 'Actions', exact: true }).click();
    const history = page.getByTestId('action-history');
    await expect(history.getByText('Moved a card')).toHaveCount(2);
    await expect(history.getByText(/has no requirements/)).toBeVisible();
    expect(page.url()).toContain(`/planning/${projectId}/actions`);
    expect(await seriousFindings(page)).toEqual([]);

    // The project's policy asks for the unit check; then the finalized card is built from its page.
    await page.getByRole('link', { name: 'Policy', exact: true }).click();
    const policy = page.getByTestId('policy-form');
    await policy.getByLabel('unit', { exact: true }).check();
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await expect(page.getByTestId('policy-message')).toContainText('Saved');
    await map.goto(projectId);
    await map.card('Sign-up form').click();
    await page.getByTestId('card-page').waitFor();
    await page.getByTestId('start-run').click();
    await page.getByTestId('start-run-dialog').getByRole('button', { name: 'Start run' }).click();
    await expect(page).toHaveURL(new RegExp(`/planning/${projectId}/runs/[0-9a-f-]{36}$`));
    const runId = page.url().split('/').pop()!;
    await expect(page.getByTestId('run-status')).toHaveText('Running');
    await expect(page.getByTestId('run-gate')).toContainText('unitNot run');

    // A builder agent, over the API, reports a passing check and a pull-request candidate; the open run page follows.
    const auth = { authorization: `Bearer ${await builderToken(browser)}` };
    const check = await request.post(`/api/v1/planning/runs/${runId}/checks`, {
      headers: { ...auth, 'idempotency-key': `e2e-map-${runId}-unit` },
      data: { checkType: 'unit', status: 'passed', output: 'unit: 12 passed' },
    });
    expect(check.status()).toBe(201);
    await expect(page.getByTestId('run-gate')).toContainText('unitPassed');
    const pr = await request.post(`/api/v1/planning/runs/${runId}/pull-request`, {
      headers: auth,
      data: { title: 'Sign-up form', description: 'The form, with the unit check green.' },
    });
    expect(pr.status()).toBe(200);
    await expect(page.getByTestId('run-pull-request')).toContainText('Sign-up form');
    const approvals = page.getByTestId('run-approvals');
    await expect(approvals).toContainText('Pending');

    // A reviewer (the owner) approves it; the timeline shows each step, none of it after a reload.
    await approvals.getByRole('button', { name: 'Approve creating the pull request' }).click();
    await expect(approvals).toContainText('Approved');
    const timeline = page.getByTestId('run-timeline');
    await expect(timeline).toContainText('Check unit passed');
    await expect(timeline).toContainText('Approval to create the pull request approved');
  });

  test("another person's change appears on an open story map without a reload", async ({ browser }) => {
    const contexts = await Promise.all([browser.newContext({ storageState: ADMIN_STATE }), browser.newContext({ storageState: ADMIN_STATE })]);
    const [watcher, editor] = await Promise.all(contexts.map((context) => context.newPage()));
    const watching = new StoryMapPage(watcher!);
    const editing = new StoryMapPage(editor!);
    const projectId = await editing.createProject(`Live map ${Date.now().toString(36)}`);
    await watching.goto(projectId);
    await expect(watcher!.getByText('No workflows yet')).toBeVisible();
    await editing.addWorkflow('Checkout');
    await expect(watching.workflow('Checkout')).toBeVisible();
    await Promise.all(contexts.map((c) => c.close()));
  });

  test('an unknown project is a 404, in words', async ({ page }) => {
    expect((await page.goto('/planning/00000000-0000-4000-8000-000000000000'))?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'No such project' })).toBeVisible();
    expect((await page.goto('/planning/not-a-uuid'))?.status()).toBe(404);
  });
});

test('screenshots of the demo story map, light and dark, at 1440 and 390 px', async ({ page }) => {
  test.skip(!process.env.GANTRY_SCREENSHOTS, 'set GANTRY_SCREENSHOTS=1 to write docs/screenshots');
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 1440 ? 900 : 844 });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto('/planning');
      await page.getByRole('link', { name: 'Motus 0.2 planning', exact: true }).click();
      await expect(page.getByTestId('workflow-band').first()).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/planning-story-map-${theme}-${width}.png` });
    }
  }
});
