import { expect, test } from './fixtures';
import { RoadmapItemPage, RoadmapPage } from './pages/roadmap-pages';
import { watchHydration } from './support/hydration';

test.describe('the roadmap, as the first admin (an owner: may plan)', () => {
  test("the phases and their items are in the server's HTML, and the browser takes them over without a hydration error", async ({ page, request }) => {
    const html = await (await request.get('/roadmap')).text();
    // Each lane's markup up to the next lane's: the demo's items in the phases the seed puts them in.
    const parts = html.split(/data-testid="lane-(\w+)"/);
    const lane = (phase: string) => (parts.includes(phase) ? parts[parts.indexOf(phase) + 1]! : '');
    expect(lane('phase_a')).toContain('data-testid="roadmap-card-RI-202"');
    for (const id of ['RI-003', 'RI-004', 'RI-005', 'RI-102', 'RI-103']) expect(lane('phase_b')).toContain(`data-testid="roadmap-card-${id}"`);
    expect(lane('phase_b')).toContain('Phase B');

    const hydration = watchHydration(page);
    const roadmap = new RoadmapPage(page);
    await roadmap.goto();
    expect(await hydration.settled(roadmap.card('RI-202'))).toEqual([]);
  });

  test('moves an item from Phase A to Phase B and back by drag and drop, and the move is kept', async ({ page }) => {
    const roadmap = new RoadmapPage(page);
    await roadmap.goto();
    // The phase's WIP count against its limit (other specs may leave an active item in Phase A).
    await expect(roadmap.lane('phase_a')).toContainText(/\d+ \/ 50 active/);
    await expect(roadmap.lane('phase_a').getByTestId('roadmap-card-RI-202')).toBeVisible();

    await roadmap.drag('RI-202', 'phase_b');
    await expect(roadmap.moveMessage).toContainText('RI-202 moved from Phase A to Phase B.');
    await expect(roadmap.lane('phase_b').getByTestId('roadmap-card-RI-202')).toBeVisible();
    await expect(roadmap.lane('phase_b').getByTestId('lane-phase_b-counts')).toContainText('Total6');
    await page.reload();
    await expect(roadmap.lane('phase_b').getByTestId('roadmap-card-RI-202')).toBeVisible();
    await expect(roadmap.lane('phase_a').getByTestId('roadmap-card-RI-202')).toHaveCount(0);

    await roadmap.drag('RI-202', 'phase_a');
    await expect(roadmap.moveMessage).toContainText('RI-202 moved from Phase B to Phase A.');
    await page.reload();
    await expect(roadmap.lane('phase_a').getByTestId('roadmap-card-RI-202')).toBeVisible();
    await expect(roadmap.lane('phase_b').getByTestId('roadmap-card-RI-202')).toHaveCount(0);
  });

  test('moves an item with the keyboard: within its phase, and to the next phase', async ({ page }) => {
    const roadmap = new RoadmapPage(page);
    await roadmap.goto();
    const order = (phase: string) => roadmap.lane(phase).getByTestId(/^roadmap-card-/);
    await expect(order('phase_b')).toHaveText([/RI-003/, /RI-004/, /RI-005/, /RI-102/, /RI-103/]);

    await roadmap.keyboardMove('RI-005', 'ArrowUp', 'over RI-004 in Phase B');
    await expect(roadmap.moveMessage).toContainText('RI-005 moved within Phase B.');
    await expect(order('phase_b')).toHaveText([/RI-003/, /RI-005/, /RI-004/, /RI-102/, /RI-103/]);

    await roadmap.keyboardMove('RI-005', 'ArrowRight', 'in Phase C');
    await expect(roadmap.moveMessage).toContainText('RI-005 moved from Phase B to Phase C.');
    await page.reload();
    await expect(roadmap.lane('phase_c').getByTestId('roadmap-card-RI-005')).toBeVisible();

    await roadmap.keyboardMove('RI-005', 'ArrowLeft', 'in Phase B');
    await expect(roadmap.moveMessage).toContainText('RI-005 moved from Phase C to Phase B.');
  });

  test('keeps the filters in the URL', async ({ page }) => {
    const roadmap = new RoadmapPage(page);
    await roadmap.goto();
    await page.getByLabel('Item type').selectOption('gate');
    await expect(page).toHaveURL(/\/roadmap\?type=gate$/);
    await expect(page.getByTestId(/^roadmap-card-/)).toHaveCount(2);
    await page.reload();
    await expect(page.getByLabel('Item type')).toHaveValue('gate');
    await expect(roadmap.card('RI-005')).toBeVisible();
    await expect(roadmap.card('RI-003')).toHaveCount(0);
  });

  test('refuses a dependency that would close a loop, says why, and changes nothing', async ({ page }) => {
    const item = new RoadmapItemPage(page);
    await item.goto('RI-001');
    await expect(page.getByText('Nothing: it can start whenever its own status allows.')).toBeVisible();
    // RI-004 waits for RI-003, which waits for RI-001: RI-001 waiting for RI-004 would be a loop.
    await item.addDependency('RI-001', 'RI-004', 'blocks');
    await expect(page.getByTestId('dependency-message')).toContainText('RI-001 cannot depend on RI-004');
    await expect(page.getByTestId('dependency-message')).toContainText('Circular dependency detected: RI-001 -> RI-004 would close a loop');
    await page.reload();
    await expect(page.getByText('Nothing: it can start whenever its own status allows.')).toBeVisible();
  });

  test('completing a blocking item moves the item waiting for it from blocked to ready', async ({ page }) => {
    await page.goto('/roadmap/queues');
    const blocked = page.getByTestId('blocked-RI-009');
    await expect(blocked).toContainText(/waits for\s*RI-008/);
    await expect(page.getByTestId('ready-RI-009')).toHaveCount(0);
    await blocked.getByRole('link', { name: 'RI-008' }).click();

    const item = new RoadmapItemPage(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Deploy gate names the failing claims' })).toBeVisible();
    await item.setStatus('Completed');
    await expect(page.getByTestId('status-message')).toContainText('RI-008 cannot be completed without evidence. Attach evidence first');
    await item.attachEvidence({ type: 'Test result', uri: 'https://ci.example.com/runs/812', title: 'Deploy-gate tests: 14 passed' });
    await expect(page.getByTestId('evidence-message')).toContainText('recorded (SHA-256 of the URI)');
    await expect(page.getByTestId('evidence-list')).toContainText('Deploy-gate tests: 14 passed');
    await item.setStatus('Completed');
    await expect(page.getByTestId('status-message')).toContainText('RI-008 is now completed.');

    await page.goto('/roadmap/queues');
    await expect(page.getByTestId('ready-RI-009')).toBeVisible();
    await expect(page.getByTestId('blocked-RI-009')).toHaveCount(0);
  });
});

test.describe('the roadmap’s other views', () => {
  test('the graph focuses on an item, draws its neighbours and lists its prerequisite chain', async ({ page }) => {
    await page.goto('/roadmap/graph?focus=RI-006');
    await expect(page.getByTestId('graph-node-RI-006')).toBeVisible();
    await expect(page.getByTestId('graph-node-RI-004')).toBeVisible();
    await page.getByTestId('graph-node-RI-004').click();
    await expect(page.getByTestId('graph-selection')).toContainText('Exclusive leases');
    const chain = page.getByRole('list', { name: 'Prerequisite chain' });
    await expect(chain).toContainText('RI-004');
    await expect(chain).toContainText('RI-001');
  });

  test('waves show their sequence, progress and tasks; opening one lists its tasks', async ({ page }) => {
    await page.goto('/roadmap/waves');
    await page.getByLabel('Program').selectOption({ label: 'Foreman office (3 waves)' });
    const second = page.getByTestId('wave-2');
    await expect(second).toContainText('0 / 4 tasks');
    await expect(second).toContainText('Waits for wave 1');
    await second.getByRole('link', { name: /Open/ }).click();
    await expect(page.getByTestId('wave-tasks').getByRole('row')).toHaveCount(5);
  });

  test('a change request shows its dependencies both ways', async ({ page }) => {
    await page.goto('/change-requests/CR-2025-11-04-001');
    await expect(page.getByRole('heading', { level: 1, name: 'Exclusive leases on shared resources' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'CR-2025-11-04-001 depends on' })).toContainText('CR-2025-09-15-010');
    await expect(page.getByRole('list', { name: 'Depends on CR-2025-11-04-001' })).toContainText('CR-2025-11-30-012');
  });
});
