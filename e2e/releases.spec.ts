import { expect, test } from './fixtures';
import { ReleaseReviewPage } from './pages/release-review-page';
import { watchHydration } from './support/hydration';

test.describe('releases', () => {
  test("a release's verdict and its standards are in the server's HTML, and the browser takes them over without a hydration error", async ({
    page,
    request,
  }) => {
    // The site deploy of motus-web, which no other spec changes; the demo leaves it not ready, its page weight failing.
    const html = await (await request.get('/releases/motus-web-deploy-42')).text();
    expect(html).toMatch(/data-testid="verdict"[^>]*data-verdict="not_ready"|data-verdict="not_ready"[^>]*data-testid="verdict"/);
    expect(html).toContain('STD-PRD-005');
    const standards = html.split('data-testid="standards"')[1] ?? '';
    for (const id of ['STD-PRD-005', 'STD-PRD-001', 'STD-PRD-003', 'STD-PRD-004']) expect(standards).toContain(`data-standard-id="${id}"`);

    const hydration = watchHydration(page);
    const review = new ReleaseReviewPage(page);
    await review.goto('motus-web-deploy-42');
    expect(await hydration.settled(review.standard('STD-PRD-005'))).toEqual([]);
  });

  test('the list shows each release with its verdict, filters by it, and leads to the review', async ({ page }) => {
    await page.goto('/releases');
    await expect(page.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible();
    // The demo's eight releases (other specs may have added their own since).
    await expect(page.getByTestId('release-row').first()).toBeVisible();
    expect(await page.getByTestId('release-row').count()).toBeGreaterThanOrEqual(8);
    await expect(page.locator('[data-release-id="motus-v0.2.0"]')).toBeVisible();
    await expect(page.getByRole('figure', { name: /Compliance of .* over its releases/ })).toBeVisible();
    // Nothing checked is not "clear": foreman 1.1.0 has no result and five blocking standards.
    const unchecked = page.locator('[data-release-id="foreman-1.1.0"]');
    await expect(unchecked.getByTestId('tally')).toHaveText('none');
    await expect(unchecked.getByTestId('verdict')).toContainText('Not ready');
    await expect(unchecked.getByTestId('verdict-reasons')).toContainText('STD-PRD-001 not checked');

    await page.getByRole('combobox', { name: 'Verdict', exact: true }).selectOption('blocked');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/verdict=blocked/);
    await expect(page.getByTestId('release-row')).toHaveCount(1);
    const row = page.locator('[data-release-id="motus-v0.2.0"]');
    await expect(row.getByTestId('verdict')).toHaveAttribute('data-verdict', 'blocked');
    await expect(row.getByTestId('verdict')).toContainText('Blocked');
    await expect(row.getByTestId('verdict-reasons')).toContainText('STD-PRD-002 fails');

    await page.getByRole('link', { name: 'Sort by release' }).click();
    await expect(page).toHaveURL(/sort=name/);
    await row.getByRole('link', { name: 'v0.2.0' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'motus v0.2.0' })).toBeVisible();
  });

  test('a blocked release: the failing standard comes first; a passing result leaves it not ready while blocking standards lack a pass, on the review, the list and the overview; the gate refuses a deploy while a claim fails', async ({
    page,
    request,
  }) => {
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
    // The security review was never checked and the changelog check was skipped: both block shipping.
    await expect(review.verdict).toHaveAttribute('data-verdict', 'not_ready');
    await expect(review.verdictLabel).toHaveText('Not ready');
    await expect(page.getByTestId('verdict-summary')).toContainText('not checked: STD-PRG-001 Security review signed off');
    await expect(page.getByTestId('verdict-summary')).toContainText('skipped: STD-REL-001 Changelog entry for the release');
    await expect(review.verdict.locator('[data-testid="verdict-reason"][data-problem="unchecked"]').first()).toContainText('STD-PRG-001');
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

    expect(lines[0]).toContain(',Not ready,');

    await page.getByRole('link', { name: 'Printable report' }).click();
    await expect(page.getByTestId('compliance-report')).toContainText('Not ready.');
    await expect(page.getByTestId('compliance-report')).toContainText('Lease store tests landed');

    // The releases list and the overview give the same word, and name the same standards.
    await page.goto('/releases?q=v0.2.0');
    const row = page.locator('[data-release-id="motus-v0.2.0"]');
    await expect(row.getByTestId('verdict')).toHaveAttribute('data-verdict', 'not_ready');
    await expect(row.getByTestId('verdict')).toContainText('Not ready');
    await expect(row.getByTestId('verdict-reasons')).toContainText('STD-PRG-001 not checked, STD-REL-001 skipped');
    await page.goto('/');
    const upcoming = page.locator('[data-testid="upcoming-release"][data-release-id="motus-v0.2.0"]');
    await expect(upcoming.getByTestId('release-verdict')).toHaveAttribute('data-verdict', 'not_ready');
    await expect(upcoming.getByTestId('release-verdict')).toContainText('Not ready');
    await expect(upcoming.getByTestId('release-verdict-reasons')).toHaveText('STD-PRG-001 not checked, STD-REL-001 skipped');
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
