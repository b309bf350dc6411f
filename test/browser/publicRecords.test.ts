/// <reference lib="dom" />
/**
 * The console's public page (issue 19 item 6) in a real browser, without logging in: published
 * records found by exact name and by certificate number, the ID number shown masked (the full one
 * never reaches the page), a withdrawn record never shown, and the page reached from the log-in page.
 * And the registration desk's ban look-up, which names the decision a ban rests on.
 */
import type { Page } from 'playwright-core';
import { seedPublishedRecords, type PublishedFixture } from '../support/publicationFixtures';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import { logIn, openPage, seriousAccessibilityFindings, shot } from './support/consolePages';

let stack: ConsoleStack;
let fx: PublishedFixture;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  stack = await startConsoleStack();
  fx = await seedPublishedRecords(stack.db.pool, `public-${Date.now().toString(36)}`);
  page = await stack.browser.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

async function searchFor(criteria: { name?: string; certNumber?: string }): Promise<void> {
  await page.getByLabel('姓名或单位名称').fill(criteria.name ?? '');
  await page.getByLabel('注册证书编号').fill(criteria.certNumber ?? '');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.getByTestId('public-results').waitFor();
}

describe('the public page of published records', () => {
  it('is reached from the log-in page and opens without a log-in', async () => {
    await page.goto(`${stack.baseUrl}/#/`);
    await page.getByRole('link', { name: '公开信息查询（无需登录）' }).click();
    await page.getByRole('heading', { level: 1, name: '不良行为记录和不予注册公开查询' }).waitFor();
    expect(await page.getByLabel('密码').count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem('gz.session'))).toBeNull();
  });

  it('finds a person by exact name, showing the ID number masked only', async () => {
    await searchFor({ name: fx.published.name });
    const cards = page.getByTestId('public-record');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    expect(await page.getByTestId('masked-id').first().innerText()).toBe(masked(fx.published.idNumber));
    expect(await page.content()).not.toContain(fx.published.idNumber);
    expect(await cards.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('注册执业人员不良行为记录'), expect.stringContaining('3年内不予受理注册申请')]),
    );
    await shot(page, 'public-records-by-name');
  });

  it('finds the same records by certificate number', async () => {
    await searchFor({ certNumber: fx.published.certNumber });
    await page.getByTestId('public-record').first().waitFor();
    expect(await page.getByTestId('public-record').count()).toBe(2);
    expect(await page.getByTestId('public-results').innerText()).toContain(fx.published.name);
  });

  it('never shows a withdrawn record', async () => {
    await searchFor({ name: fx.withdrawn.name });
    await page.getByText('未查到在公开期限内的记录').waitFor();
    expect(await page.getByTestId('public-record').count()).toBe(0);
    await searchFor({ certNumber: fx.withdrawn.certNumber });
    await page.getByText('未查到在公开期限内的记录').waitFor();
  });

  it('asks for a name or a certificate number, in Chinese, before searching', async () => {
    await page.getByLabel('姓名或单位名称').fill('');
    await page.getByLabel('注册证书编号').fill('');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('请填写姓名（单位名称）或注册证书编号，至少一项').waitFor();
  });

  it('has no serious accessibility finding, fits 768 px with its results, and no browser error', async () => {
    await searchFor({ name: fx.published.name });
    await page.getByTestId('public-record').first().waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.setViewportSize({ width: 768, height: 1024 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(problems).toEqual([]);
  });
});

describe('the ban look-up', () => {
  it('shows the number and the legal basis of the decision a ban rests on', async () => {
    const desk = await logIn(stack, 'officer2201');
    await openPage(desk, '/bans');
    await desk.getByLabel('身份证号').fill(fx.published.idNumber);
    await desk.getByRole('button', { name: /查\s*询/ }).click();
    await desk.getByTestId('ban-result').waitFor();
    expect(await desk.getByTestId('ban-decision-no').innerText()).toBe(fx.published.decisionNo);
    expect(await desk.getByTestId('ban-result').innerText()).toContain('《注册建造师管理规定》（建设部令第153号）第三十四条');
    await shot(desk, 'ban-lookup-decision');
  });
});
