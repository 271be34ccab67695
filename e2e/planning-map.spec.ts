import { ADMIN_STATE, expect, test } from './fixtures';
import { seriousFindings } from './support/axe';
import { StoryMapPage } from './support/story-map-page';

test.describe('planning: the story map', () => {
  test.use({ viewport: { width: 1440, height: 1000 } });

  test('a manager builds a story map, moves cards by mouse and keyboard, finalizes a card and approves a planned file', async ({ page }) => {
    test.setTimeout(120_000);
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
