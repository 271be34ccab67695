import { stableUuid } from '../lib/db/seed/helpers';
import { expect, test } from './fixtures';

// Issue 18, orchestration: a manager starts a build of the demo project's finalized card, a builder
// agent reports a passing check and a pull-request candidate through the agent API, a reviewer
// approves it; the open run page shows each step without a reload.

const project = stableUuid('planning', 'motus-0.2');

test.describe('a planning build run', () => {
  test('start a run, an agent reports checks and a PR candidate, a reviewer approves: the run page follows live', async ({ page, settings, request }) => {
    test.slow(); // three times the configured time-out (playwright.config.ts)
    await settings.goto();
    await settings.createToken('api-builder', 'E2E planning builder');
    const token = (await settings.newTokenValue.textContent())!.trim();
    const auth = { authorization: `Bearer ${token}` };

    await page.goto(`/planning/${project}/runs`);
    await expect(page.getByRole('heading', { name: 'Build runs' })).toBeVisible();
    await page.getByTestId('start-run').click();
    const dialog = page.getByRole('dialog');
    // A card that is not finalized is refused, with the reason.
    await dialog.getByLabel('Card', { exact: true }).selectOption({ label: 'Expired leases free the resource (not finalized)' });
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await expect(page.getByTestId('start-run-message')).toContainText('Finalize “Expired leases free the resource” before starting a build.');
    await dialog.getByLabel('Card', { exact: true }).selectOption({ label: 'Write leases coexist; an exclusive lease blocks them' });
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await expect(page).toHaveURL(new RegExp(`/planning/${project}/runs/[0-9a-f-]{36}$`));
    const runId = page.url().split('/').pop()!;
    await expect(page.getByTestId('run-status')).toHaveText('Running');
    await expect(page.getByTestId('run-gate')).toContainText('unitNot run');

    // The builder finds its assignment and reports, through the agent API.
    const listed = await request.get('/api/v1/planning/assignments', { headers: auth });
    const assignment = ((await listed.json()) as { data: { id: string; runId: string }[] }).data.find((a) => a.runId === runId)!;
    expect(assignment).toBeDefined();
    const running = await request.post(`/api/v1/planning/assignments/${assignment.id}/executions`, {
      headers: auth,
      data: { status: 'running', summary: 'Writing the lease rules' },
    });
    expect(running.status()).toBe(201);
    await expect(page.getByTestId('run-execution')).toContainText('Writing the lease rules');
    const commit = await request.post(`/api/v1/planning/assignments/${assignment.id}/commits`, {
      headers: auth,
      data: { sha: '5e1f0c0ffee42', message: 'leases: write leases coexist' },
    });
    expect(commit.status()).toBe(201);
    await expect(page.getByTestId('run-commits')).toContainText('leases: write leases coexist');
    for (const checkType of ['lint', 'unit']) {
      const check = await request.post(`/api/v1/planning/runs/${runId}/checks`, {
        headers: { ...auth, 'idempotency-key': `e2e-${runId}-${checkType}` },
        data: { checkType, status: 'passed', output: `${checkType}: green` },
      });
      expect(check.status()).toBe(201);
    }
    await expect(page.getByTestId('run-gate')).toContainText('unitPassed');
    const pr = await request.post(`/api/v1/planning/runs/${runId}/pull-request`, {
      headers: auth,
      data: { title: 'Write leases coexist', description: 'Builds the card; lint and unit passed.' },
    });
    expect(pr.status()).toBe(200);
    expect(((await pr.json()) as { data: { approval: { status: string } } }).data.approval.status).toBe('pending');
    await expect(page.getByTestId('run-pull-request')).toContainText('Write leases coexist');
    const approvals = page.getByTestId('run-approvals');
    await expect(approvals).toContainText('Pending');

    // The reviewer (the owner here) approves creating the pull request.
    await approvals.getByRole('button', { name: 'Approve creating the pull request' }).click();
    await expect(approvals).toContainText('Approved');
    await expect(page.getByTestId('run-timeline')).toContainText('Approval to create the pull request approved');
    await expect(page.getByTestId('run-timeline')).toContainText('Check unit passed');

    if (process.env.GANTRY_SCREENSHOTS) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [1440, 390]) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({ path: `docs/screenshots/planning-run-${scheme}-${width}.png`, fullPage: true });
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    // The builder finishes; the run completes, which frees the project for the next build.
    const done = await request.post(`/api/v1/planning/assignments/${assignment.id}/executions`, { headers: auth, data: { status: 'completed' } });
    expect(done.status()).toBe(201);
    await expect(page.getByTestId('run-status')).toHaveText('Completed');
  });
});
