import { expect, type Locator, type Page } from '@playwright/test';

/** A planning project's story map and card page (issue 18): build a map, move cards, open them. */
export class StoryMapPage {
  constructor(readonly page: Page) {}

  /** Creates a project on /planning and opens its story map; answers its id. */
  async createProject(name: string, repoUrl = 'https://github.com/acme/app'): Promise<string> {
    await this.page.goto('/planning');
    await this.page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
    await this.page
      .getByRole('button', { name: /New project|Create the first project/ })
      .first()
      .click();
    const dialog = this.page.getByTestId('project-dialog');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Repository URL').fill(repoUrl);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog).toBeHidden();
    await this.page.getByRole('link', { name, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
    await this.map.waitFor();
    return this.page.url().split('/planning/')[1]!.split(/[/?#]/)[0]!;
  }

  get map(): Locator {
    return this.page.getByTestId('story-map');
  }

  async goto(projectId: string) {
    await this.page.goto(`/planning/${projectId}`);
    await this.map.waitFor();
  }

  /** Resolves once the server has answered the next planning change (a server action POST). */
  answered() {
    return this.page.waitForResponse((r) => r.request().method() === 'POST' && Boolean(r.request().headers()['next-action']));
  }

  async addWorkflow(title: string) {
    const done = this.answered();
    await this.page.getByLabel('New workflow').fill(title);
    await this.page.getByRole('button', { name: 'Add workflow' }).click();
    await done;
    await expect(this.workflow(title)).toBeVisible();
  }

  async addActivity(workflow: string, title: string) {
    const done = this.answered();
    await this.page.getByLabel(`New activity in ${workflow}`).fill(title);
    await this.page.getByLabel(`New activity in ${workflow}`).press('Enter');
    await done;
    await expect(this.activity(title)).toBeVisible();
  }

  async addCard(activity: string, title: string) {
    const done = this.answered();
    await this.page.getByLabel(`New card in ${activity}`).fill(title);
    await this.page.getByLabel(`New card in ${activity}`).press('Enter');
    await done;
    await expect(this.card(title)).toBeVisible();
  }

  workflow(title: string): Locator {
    return this.page.getByTestId('workflow-band').filter({ has: this.page.getByRole('heading', { level: 2, name: title, exact: true }) });
  }

  activity(title: string): Locator {
    return this.page.getByRole('region', { name: `Activity ${title}`, exact: true });
  }

  card(title: string): Locator {
    return this.page.getByTestId('map-card').filter({ has: this.page.getByText(title, { exact: true }) });
  }

  /** The card titles of an activity, in order. */
  async cardsIn(activity: string): Promise<string[]> {
    return this.activity(activity).getByTestId('map-card').locator('p.font-medium').allTextContents();
  }

  /** A mouse drag in small steps (dnd-kit starts after 5 px) to the empty foot of an activity's card list. */
  async drag(title: string, toActivity: string) {
    const card = this.card(title);
    await card.scrollIntoViewIfNeeded();
    const from = (await card.boundingBox())!;
    const to = (await this.activity(toActivity).getByTestId('activity-cards').boundingBox())!;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 5 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height - 8, { steps: 15 });
    await this.page.mouse.up();
  }

  /**
   * Picks a card up with the keyboard (focus, Space); dnd-kit's keyboard sensor listens for arrows
   * only from a timer it sets as the drag starts, so one timer turn of our own follows (BoardPage.pickUp).
   */
  async pickUp(title: string) {
    await this.card(title).focus();
    await this.page.keyboard.press('Space');
    await expect(this.card(title)).toHaveAttribute('aria-pressed', 'true');
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  }
}
