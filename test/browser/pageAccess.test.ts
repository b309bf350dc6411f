/// <reference lib="dom" />
/**
 * Every page × every role (and the responsible person, 负责人, who may open the approvals besides
 * their role's pages), in a real browser against the real stack: a user's menu lists exactly
 * the pages they may open; each such page loads with no error shown and no serious or critical axe
 * finding (a screenshot of each is kept); a page the role may not open is refused with 无权访问.
 * What each page's main action does is proven in the area tests beside this one.
 */
import type { Page } from 'playwright-core';
import { ROLES, type Role } from '../../domain/roles';
import { mayOpen, PAGES, type PageAccess, type Viewer } from '../../web/src/app/pageAccess';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import {
  decidableCase,
  endCampaign,
  expectNoErrorShown,
  launchCompressedCampaign,
  logIn,
  openPage,
  seriousAccessibilityFindings,
  shot,
} from './support/consolePages';

const CAMPAIGN = `access-${Date.now().toString(36)}`;
const USER_OF: Record<Role, string> = {
  province_coordinator: 'coordinator',
  city_officer: 'officer2201',
  supervisor: 'supervisor',
  auditor: 'auditor',
  city_hr_officer: 'hr2201',
  city_fund_officer: 'fund2201',
  province_hr_coordinator: 'hr22',
};

let stack: ConsoleStack;
let caseId: string;
beforeAll(async () => {
  stack = await startConsoleStack();
  await launchCompressedCampaign(stack, CAMPAIGN);
  caseId = (await decidableCase(stack, CAMPAIGN, '2201')).caseId;
}, 240_000);

afterAll(async () => {
  await endCampaign(stack, CAMPAIGN);
  await stack?.stop();
}, 60_000);

const addressOf = (page: PageAccess) => page.path.replace(':caseId', caseId);

/** Each role's demo user, and 长春市's responsible person (a city officer who also approves). */
const PERSONAS: [string, string, Viewer][] = [
  ...ROLES.map((role): [string, string, Viewer] => [role, USER_OF[role], { role, responsible: false }]),
  ['city_officer (responsible person)', 'leader2201', { role: 'city_officer', responsible: true }],
];

describe.each(PERSONAS)('the console for the role %s', (persona, user, viewer) => {
  let page: Page;
  beforeAll(async () => {
    page = await logIn(stack, user);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('lists in its menu exactly the pages the role may open', async () => {
    const menu = await page.locator('nav .ant-menu-item').allInnerTexts();
    expect(menu.map((m) => m.trim())).toEqual(PAGES.filter((p) => p.menu && mayOpen(p, viewer)).map((p) => p.title.zh));
  }, 60_000);

  it.each(PAGES.filter((p) => mayOpen(p, viewer)).map((p) => [p.key, p]))(
    'opens %s with no error shown, no serious accessibility finding, and no overflow at 768 px',
    async (_key, access) => {
      await openPage(page, addressOf(access));
      await expect(page.locator('h1').first().innerText()).resolves.toContain(access.title.zh);
      await expectNoErrorShown(page);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await shot(page, `${access.key}-${persona.replace(/\W+/g, '-')}`);
      // At 768 px (a tablet, a narrow window) the page still fits: wide tables scroll inside themselves.
      await page.setViewportSize({ width: 768, height: 1024 });
      await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
      await page.setViewportSize({ width: 1366, height: 768 });
    },
    90_000,
  );

  it.each(PAGES.filter((p) => !mayOpen(p, viewer)).map((p) => [p.key, p]))(
    'refuses %s',
    async (_key, access) => {
      await openPage(page, addressOf(access));
      await page.getByTestId('forbidden').waitFor();
      await expect(page.getByTestId('forbidden').innerText()).resolves.toContain('无权访问此页面');
    },
    60_000,
  );
});

describe('the console as the API serves it', () => {
  it('is the page at / with a fresh style nonce in its CSP, hashed scripts cached for good, and the API paths left to the API', async () => {
    const first = await fetch(`${stack.baseUrl}/`);
    const second = await fetch(`${stack.baseUrl}/`);
    const csp = first.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    const html = await first.text();
    expect(html).toContain(`<meta name="csp-nonce" content="${nonce}"`);
    const script = /src="(\/console\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${stack.baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${stack.baseUrl}${script}`, { headers: { 'if-none-match': asset.headers.get('etag')! } })).status).toBe(304);
    expect((await fetch(`${stack.baseUrl}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(`${stack.baseUrl}/campaigns`)).status).toBe(401);
  }, 60_000);
});

describe('the console in two languages', () => {
  it('switches to English and back, with <html lang> following and the menu in the chosen language', async () => {
    const page = await logIn(stack, 'coordinator');
    await openPage(page, '/overview');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('nav .ant-menu-item', { hasText: 'Overview' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').first().innerText()).resolves.toBe('Overview');
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('nav .ant-menu-item', { hasText: '进展总览' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.close();
  }, 60_000);
});
