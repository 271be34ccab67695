import { expect, type Locator, type Page } from '@playwright/test';

/** The phases view: lanes of roadmap items, moved by drag and drop. */
export class RoadmapPage {
  readonly heading: Locator;
  readonly moveMessage: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Roadmap' });
    this.moveMessage = page.getByTestId('move-message');
  }

  async goto(query = '') {
    await this.page.goto(`/roadmap${query}`);
    await this.heading.waitFor();
  }

  lane(phase: string): Locator {
    return this.page.getByTestId(`lane-${phase}`);
  }

  card(id: string): Locator {
    return this.page.getByTestId(`roadmap-card-${id}`);
  }

  /**
   * Lifts a card with Space, presses one arrow key, waits until the screen reader hears where it
   * is (`over`, e.g. "in Phase C"), and drops it with Space.
   */
  async keyboardMove(id: string, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight', over: string) {
    // The card's grip is its keyboard handle (the title beside it is a link).
    const handle = this.card(id).getByTestId('grip');
    await handle.focus();
    await this.page.keyboard.press('Space');
    await expect(handle).toHaveAttribute('aria-pressed', 'true');
    await this.page.keyboard.press(key);
    await expect(this.page.getByRole('status').filter({ hasText: `${id} is over` })).toContainText(over);
    await this.page.keyboard.press('Space');
  }

  /** Drags a card onto a lane with real mouse steps (dnd-kit's pointer sensor starts after 5 px). */
  async drag(id: string, toPhase: string) {
    const handle = this.card(id).locator('span.font-mono');
    await handle.scrollIntoViewIfNeeded();
    const from = (await handle.boundingBox())!;
    // Just below the target lane's header: the top of its list.
    const to = (await this.lane(toPhase).locator('header').boundingBox())!;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height + 30, { steps: 15 });
    await this.page.mouse.up();
  }
}

/** One roadmap item's panel: dependencies, status, evidence. */
export class RoadmapItemPage {
  constructor(readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/roadmap/items/${id}`);
    await expect(this.page.getByText(id, { exact: true }).first()).toBeVisible();
  }

  async addDependency(itemId: string, dependsOnId: string, type: string) {
    await this.page.getByLabel(`${itemId} depends on (roadmap item id)`).fill(dependsOnId);
    const form = this.page.getByRole('form', { name: 'Add a dependency' });
    await form.getByLabel('Type').selectOption(type);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
  }

  async setStatus(label: string) {
    await this.page.getByLabel('Status').selectOption({ label });
    await this.page.getByRole('button', { name: 'Set status' }).click();
  }

  async attachEvidence({ type, uri, title }: { type: string; uri: string; title: string }) {
    const form = this.page.getByRole('form', { name: 'Attach evidence' });
    await form.getByLabel('Type').selectOption({ label: type });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Where it is (URL or path)').fill(uri);
    await form.getByRole('button', { name: 'Attach evidence' }).click();
  }
}
