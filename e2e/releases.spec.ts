import { expect, test } from './fixtures';
import { ReleaseReviewPage } from './pages/release-review-page';

test.describe('releases', () => {
  test('the list shows each release with its roll-up, filters by it, and leads to the review', async ({ page }) => {
    await page.goto('/releases');
    await expect(page.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible();
    await expect(page.getByTestId('release-row')).toHaveCount(8);
    await expect(page.getByRole('figure', { name: /Compliance of .* over its releases/ })).toBeVisible();

    await page.getByRole('combobox', { name: 'Roll-up', exact: true }).selectOption('blocked');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/rollup=blocked/);
    await expect(page.getByTestId('release-row')).toHaveCount(1);
    const row = page.locator('[data-release-id="motus-v0.2.0"]');
    await expect(row.getByTestId('rollup-status')).toHaveText('Blocked');

    await page.getByRole('link', { name: 'Sort by release' }).click();
    await expect(page).toHaveURL(/sort=name/);
    await row.getByRole('link', { name: 'v0.2.0' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'motus v0.2.0' })).toBeVisible();
  });

  test('a blocked release: the failing standard comes first; a passing result changes the verdict; the gate refuses a deploy while a claim fails', async ({ page, request }) => {
    const review = new ReleaseReviewPage(page);
    await review.goto('motus-v0.2.0');
    await expect(review.verdict).toHaveAttribute('data-verdict', 'blocked');
    await expect(review.verdictLabel).toHaveText('Blocked');
    await expect(page.getByTestId('verdict-summary')).toContainText('STD-PRD-002 Coverage at least 80%');
    await expect(review.standards.first()).toHaveAttribute('data-standard-id', 'STD-PRD-002');
    await expect(review.standards.first()).toHaveAttribute('data-latest', 'fail');

    // A pass that contradicts the threshold is refused, next to the field.
    await review.recordResult('STD-PRD-002', { result: 'pass', value: '70' });
    await expect(page.getByTestId('record-message-STD-PRD-002')).toContainText('does not meet the threshold');

    await review.standard('STD-PRD-002').getByLabel('Measured value').fill('82.5');
    await review.standard('STD-PRD-002').getByLabel('Note').fill('Lease store tests landed');
    await review.standard('STD-PRD-002').getByRole('button', { name: 'Record result' }).click();
    await expect(review.verdict).toHaveAttribute('data-verdict', 'warnings');
    await expect(review.verdictLabel).toHaveText('Ships with warnings');
    const coverage = review.standard('STD-PRD-002');
    await expect(coverage).toHaveAttribute('data-latest', 'pass');
    await expect(coverage.getByTestId('latest-result')).toContainText('82.5');
    await expect(coverage.getByTestId('latest-result')).toContainText('Ada Lovelace');
    await coverage.getByText('Earlier results (1)').click();
    await expect(coverage.getByTestId('result-history')).toContainText('76.4');

    // The claim still fails: the database refuses the deploy to the gated target.
    await expect(page.getByTestId('deploy-blockers')).toHaveText('claim-lease-expiry');
    await review.deploy('pypi');
    await expect(review.deployMessage).toContainText('POLICY-001');
    await expect(review.deployMessage).toContainText('claim-lease-expiry');
    await expect(page.getByTestId('deployments')).toHaveCount(0);

    // The report carries every result, the correction and the failure it corrects.
    const csv = await request.get('/api/releases/motus-v0.2.0/report');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).split('\r\n').filter((l) => l.includes('STD-PRD-002'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(',yes,pass,82.5,');
    expect(lines[1]).toContain(',no,fail,76.4,');

    await page.getByRole('link', { name: 'Printable report' }).click();
    await expect(page.getByTestId('compliance-report')).toContainText('Ships with warnings.');
    await expect(page.getByTestId('compliance-report')).toContainText('Lease store tests landed');
  });

  test('standards settings: create a standard for a release, and it shows on its review', async ({ page }) => {
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Standards and charter documents →' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Standards and charters' })).toBeVisible();
    await page.getByText('New standard', { exact: true }).click();
    const form = page.getByRole('form', { name: 'New standard' });
    await form.getByLabel('Id', { exact: true }).fill('STD-REL-009');
    await form.getByLabel('Name', { exact: true }).fill('Rollback rehearsed');
    await form.getByLabel('Level').selectOption('release');
    await form.getByLabel('Check type').selectOption('manual');
    await form.getByLabel('Message when it fails').fill('Nobody rehearsed the rollback.');
    await form.getByLabel('Applies to').selectOption('release');
    await form.getByLabel('Its id').fill('foreman-1.1.0');
    await form.getByRole('button', { name: 'Create standard' }).click();
    await expect(page.locator('[data-standard-id="STD-REL-009"]')).toContainText('release foreman-1.1.0');

    const review = new ReleaseReviewPage(page);
    await review.goto('foreman-1.1.0');
    await expect(review.standard('STD-REL-009')).toHaveAttribute('data-latest', 'none');
  });
});
