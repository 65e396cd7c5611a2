import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../test/harness/start-hub.ts';
import { startDashboardServer, type RunningDashboard } from '../server/index.ts';
import { hasChromium, launchChromium } from '../../test/harness/chromium.ts';
import { ensureDashboardBuild } from '../build/ensure-dashboard-build.ts';

/**
 * The dashboard in a real Chromium against the whole hub (four agencies, hand-offs, audit,
 * gateway) over a synthetic Suxian: each kind of principal signs in and sees what its policy
 * shows, and only that; every request the page makes stays on 127.0.0.1 and on the
 * dashboard's own origin.
 */
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SUXIAN = '431003';

let hub: Hub;
let dashboard: RunningDashboard;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
const requests: string[] = [];
const foreign: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const [{ dist: distDir }, started] = await Promise.all([ensureDashboardBuild(), startHub({ children: 1500, scope: [SUXIAN] })]);
  hub = started;
  dashboard = await startDashboardServer({ port: 0, host: '127.0.0.1', gatewayUrl: hub.gatewayUrl, devTokens: true, distDir, mintToken: (principal) => hub.token(principal) });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const origin = new URL(dashboard.url).origin;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) return route.continue();
    foreign.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => requests.push(request.url()));
  // Chromium reports each CSP refusal to the page; collect them before any script runs.
  await context.addInitScript('window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
  await hub?.stop();
});

async function signIn(principalId: string, purpose: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(dashboard.url);
  await page.locator('#principal').selectOption(principalId);
  await page.locator('#purpose').selectOption(purpose);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

const table = (page: Page) => page.getByTestId('region-table');
async function waitForRegion(page: Page, code: string): Promise<void> {
  await page.waitForFunction(`window.location.hash === '#/region/${code}'`);
  await table(page).locator('tbody tr.total td').first().waitFor();
  await expect.poll(() => page.getByRole('status').count()).toBe(0);
}

async function noLeaks(page: Page): Promise<void> {
  expect(await page.evaluate('window.__violations'), 'Content-Security-Policy violations').toEqual([]);
}

describe.skipIf(!hasChromium)('the dashboard in Chromium', () => {
  it('province under STATISTICS: banded counts of its sub-regions, no children; drills down to a village', async () => {
    const page = await signIn('province-civil-affairs', 'STATISTICS');
    await waitForRegion(page, '43');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('湖南省');
    // Every child count is banded for this caller; the number of schools (PUBLIC) is not.
    const banded = table(page).locator('[data-banded="true"]');
    expect(await banded.count()).toBeGreaterThan(10);
    const texts = await banded.allInnerTexts();
    for (const text of texts) expect(text).toMatch(/^(<5|[\d,]+–[\d,]+|—)$/);
    expect(texts.some((t) => /–/.test(t))).toBe(true);
    expect(await table(page).locator('[data-coordinate="SchoolRegionStats.schools"][data-banded]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('band-legend').getAttribute('data-any-banded')).toBe('true');
    expect(await page.getByTestId('sub-region-chart').locator('canvas').count()).toBe(1);
    // No lists of children, and no child's name anywhere.
    expect(await page.getByTestId('children-section').count()).toBe(0);
    await page.getByTestId('no-record-access').waitFor();

    // "How is this counted": the operation that produced the number, and the rule for this caller.
    await table(page).locator('tr.total [data-coordinate="RegistryStats.activeChildren"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('operation-text').innerText()).toContain('query DashboardRegionOverview');
    expect(await dialog.getByTestId('counted-fact').innerText()).toContain('BASIC');
    expect(await dialog.getByTestId('count-rule').innerText()).toContain('分段');
    await page.screenshot({ path: `${SCREENSHOTS}how-counted.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${SCREENSHOTS}province.png`, fullPage: true });

    // Drill down by clicking: city → county → town → village, with the breadcrumb growing.
    for (const [code, name, shot] of [
      ['4310', '郴州市', 'city'],
      [SUXIAN, '苏仙区', 'county'],
      ['431003101', '白露塘镇', 'town'],
      ['431003101001', '白露塘社区', 'village'],
    ] as const) {
      await table(page).locator(`tr[data-region="${code}"] a`).click();
      await waitForRegion(page, code);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(name);
      expect(await page.getByRole('navigation', { name: '层级导航' }).innerText()).toContain(name);
      expect(await page.getByTestId('children-section').count()).toBe(0);
      await page.screenshot({ path: `${SCREENSHOTS}${shot}.png`, fullPage: true });
    }
    // The breadcrumb goes back up.
    await page.getByRole('navigation', { name: '层级导航' }).getByRole('link', { name: '郴州市' }).click();
    await waitForRegion(page, '4310');

    // English: <html lang>, labels, numbers.
    await page.getByTestId('language').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en-GB');
    await page.getByText('About the counts').waitFor();
    await noLeaks(page);
    await page.close();
  });

  let child: { id: string; name: string; idNumber: string };

  it('county civil affairs: exact counts, the lists of its children and work, a child record without the SENSITIVE facts', async () => {
    const { body } = await hub.query(
      await hub.token({ agency: 'civil_affairs', level: 'county', region: SUXIAN }),
      `{ children(filter: { regionCode: "${SUXIAN}", status: ACTIVE }, first: 200) { edges { node { id name idNumber guardian { name } } } } }`,
    );
    const found = body.data.children.edges.map((e: any) => e.node).find((c: any) => c.idNumber && c.guardian);
    expect(found).toBeDefined();
    child = found;

    const page = await signIn('county-civil-affairs', 'CASE_MANAGEMENT');
    await waitForRegion(page, SUXIAN);
    expect(await table(page).locator('tr.total [data-coordinate="RegistryStats.activeChildren"]').getAttribute('data-banded')).toBeNull();
    expect(await table(page).locator('tr.total [data-coordinate="RegistryStats.guardianMissing"]').getAttribute('data-banded')).toBeNull();
    // A diagnosis count is SENSITIVE: civil affairs may not read disability on a record, so it gets bands.
    expect(await table(page).locator('tr.total [data-coordinate="HealthRegionStats.disabled"]').getAttribute('data-banded')).toBe('true');
    expect(await page.getByTestId('no-record-access').count()).toBe(0);

    const children = page.getByTestId('children-table');
    await children.locator('tbody tr[data-child]').first().waitFor();
    expect(await children.locator('tbody tr[data-child]').count()).toBe(20);
    const firstPage = await children.locator('tbody tr[data-child]').first().getAttribute('data-child');
    // Cursor paging: the next page starts elsewhere.
    await page.getByTestId('children-section').getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => children.locator('tbody tr[data-child]').first().getAttribute('data-child')).not.toBe(firstPage);
    // Filters narrow the list: by risk flag, then by place.
    await page.getByTestId('filter-risk').selectOption('GUARDIAN_MISSING');
    await page.getByTestId('filter-place').selectOption('431003101');
    await expect.poll(async () => (await children.locator('tbody tr[data-child]').count()) < 20).toBe(true);
    await page.getByTestId('work-queue').locator('tbody tr').first().waitFor();
    await page.getByTestId('quality-findings').locator('tbody tr').first().waitFor();
    await page.getByTestId('filter-risk').selectOption('');
    await page.getByTestId('filter-place').selectOption('');
    await children.locator('tbody tr[data-child]').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}county-officer.png`, fullPage: true });

    // Open a child from the list.
    const link = children.locator('tbody tr[data-child] a').first();
    const name = await link.innerText();
    await link.click();
    const record = page.getByTestId('child-record');
    await record.locator('[data-path="basic.name"] dd').getByText(name).waitFor();
    // SENSITIVE facts belong to health and police: withheld from civil affairs, with the rule that withheld them.
    const screenings = record.locator('[data-path="sensitive.mentalHealthScreenings"] .withheld');
    expect(await screenings.getAttribute('data-withheld')).toBe('sensitive-for-owner-or-open-case-only');
    expect(await screenings.innerText()).toContain('已隐藏');
    expect(await record.locator('[data-path="basic.sex"] .withheld').count()).toBe(0);
    await noLeaks(page);
    await page.close();
  });

  it('county justice: a child record with the guardian withheld (reason shown) and the ID number masked', async () => {
    const page = await signIn('county-justice', 'CASE_MANAGEMENT');
    await waitForRegion(page, SUXIAN);
    await page.evaluate(`window.location.hash = '#/child/${child.id}'`);
    const record = page.getByTestId('child-record');
    await record.locator('[data-path="basic.name"] dd').getByText(child.name).waitFor();
    const guardian = record.locator('[data-path="contact.guardian.name"] .withheld');
    expect(await guardian.getAttribute('data-withheld')).toBe('contact-for-core-agencies-only');
    expect(await guardian.innerText()).toBe('已隐藏（原因：联系信息仅限民政、教育、公安、卫健）');
    const idNumber = record.locator('[data-path="identifiers.idNumber"] dd');
    expect(await idNumber.innerText()).toMatch(/^431003\*{12}\s*已脱敏$/);
    expect(await idNumber.innerText()).not.toContain(child.idNumber.slice(6, 14));
    expect(await idNumber.locator('.masked').getAttribute('data-masked')).toBe('identifier-masked-for-other-agencies');
    // PROTECTIVE facts are justice's to read.
    expect(await record.locator('[data-path="risk.riskFlags.guardianMissing"] .withheld').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}child-record.png`, fullPage: true });
    // In English the same field says why, in English.
    await page.getByTestId('language').click();
    expect(await guardian.innerText()).toBe('withheld（reason：contact details for civil affairs, education, police and health only）');
    await noLeaks(page);
    await page.close();
  });

  it("village supervisor: the village's children only", async () => {
    const page = await signIn('village-civil-affairs', 'CASE_MANAGEMENT');
    await waitForRegion(page, '431003101001');
    const rows = page.getByTestId('children-table').locator('tbody tr[data-child]');
    await rows.first().waitFor();
    const villages = await page.getByTestId('children-table').locator('tbody tr[data-child] td:last-child').allInnerTexts();
    expect(villages.length).toBeGreaterThan(0);
    expect(new Set(villages)).toEqual(new Set(['白露塘社区']));
    expect(await page.getByTestId('children-section').getByTestId('filter-place').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}village-officer.png`, fullPage: true });
    await noLeaks(page);
    await page.close();
  });

  it('auditor: the access log and a child’s access history, and no child data', async () => {
    const page = await signIn('county-auditor', 'SUPERVISION');
    await page.getByTestId('audit-page').waitFor();
    const log = page.getByTestId('access-log').getByTestId('audit-entries');
    await log.locator('tbody tr').first().waitFor();
    expect(await log.innerText()).toContain('DashboardChildRecord');
    // Filter: only the justice bureau's requests.
    await page.getByTestId('log-filter-agency').selectOption('justice');
    await page.getByTestId('access-log').getByRole('button', { name: '应用' }).click();
    await expect.poll(async () => new Set((await log.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((t) => t.split(' · ')[0]))).toEqual(new Set(['司法行政']));

    await page.getByTestId('history-child-id').fill(child.id);
    await page.getByTestId('child-history').getByRole('button', { name: '查看' }).click();
    const history = page.getByTestId('child-history').getByTestId('audit-entries');
    await history.locator('tbody tr').first().waitFor();
    const text = await history.innerText();
    expect(text).toContain('司法行政');
    expect(text).toContain('Child.guardian');
    await page.getByTestId('anomalies').locator('table').waitFor();

    // No child data: no names, no counts, no lists.
    expect(await page.locator('body').innerText()).not.toContain(child.name);
    expect(await page.getByTestId('region-table').count()).toBe(0);
    expect(await page.getByTestId('children-table').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}auditor.png`, fullPage: true });
    await noLeaks(page);
    await page.close();
  });

  it('made every request to its own origin on 127.0.0.1, and raised no error', () => {
    const origin = new URL(dashboard.url).origin;
    const network = requests.filter((url) => !url.startsWith('data:'));
    expect(network.length).toBeGreaterThan(20);
    expect(foreign, 'requests to other origins').toEqual([]);
    expect(network.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(network.every((url) => new URL(url).hostname === '127.0.0.1')).toBe(true);
    // Every GraphQL call went through the dashboard's own /graphql.
    expect(network.some((url) => url === `${origin}/graphql`)).toBe(true);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });
});
