import { expect, type Locator, type Page } from '@playwright/test';

/** The kanban board: columns by status, cards that move by mouse or keyboard. */
export class BoardPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Board' });
  }

  async goto(kind: string, scope: string) {
    await this.page.goto(`/board?kind=${kind}&scope=${encodeURIComponent(scope)}`);
    await this.heading.waitFor();
    await this.page.getByTestId('board').waitFor();
  }

  column(status: string) {
    return this.page.locator(`[data-testid="board-column"][data-status="${status}"]`);
  }

  card(id: string) {
    return this.page.locator(`[data-testid="board-card"][data-card-id="${id}"]`);
  }

  cardIn(status: string, id: string) {
    return this.column(status).locator(`[data-testid="board-card"][data-card-id="${id}"]`);
  }

  /** A mouse drag in small steps (dnd-kit starts a drag after 5 px), onto the column's header area. */
  async drag(id: string, toStatus: string) {
    const card = this.card(id);
    await card.scrollIntoViewIfNeeded();
    const from = (await card.boundingBox())!;
    const to = (await this.column(toStatus).locator('header').boundingBox())!;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 5 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height + 40, { steps: 15 });
    await this.page.mouse.up();
  }

  /**
   * Picks a card up with the keyboard (focus, Space). dnd-kit's keyboard sensor listens for the
   * arrow keys only from a timer it sets as the drag starts, and Chromium runs input before timers:
   * an arrow pressed straight after the pick-up can arrive first and be lost (a CI flake). One timer
   * turn of our own, queued after the sensor's, makes sure it is listening.
   */
  async pickUp(id: string) {
    await this.card(id).focus();
    await this.page.keyboard.press('Space');
    await expect(this.card(id)).toHaveAttribute('aria-pressed', 'true');
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /** Resolves once the server has answered the next move (POST /api/board/move). */
  moveAnswered() {
    return this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/board/move');
  }

  async expectIn(status: string, id: string) {
    await expect(this.cardIn(status, id)).toBeVisible();
  }
}
