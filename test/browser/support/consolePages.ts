/// <reference lib="dom" />
/**
 * What every browser test does with the console: log in as a role, open a page by its address,
 * check that no error is shown (on the page, in the browser's console, or as a CSP refusal), run
 * axe-core, and keep a screenshot in test-artifacts/screenshots/ for people to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchCampaign } from '../../../services/launchCampaign';
import { caseWorkflowId } from '../../../workflows/messages/case';
import type { ConsoleStack } from './consoleStack';

const SHOTS = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Problems the browser reported while a page was open: script errors, failed console calls, CSP refusals. */
const problemsOf = new WeakMap<Page, string[]>();

export function browserProblems(page: Page): string[] {
  return problemsOf.get(page) ?? [];
}

export async function logIn(stack: ConsoleStack, username: string): Promise<Page> {
  const page = await stack.browser.newPage();
  const problems: string[] = [];
  problemsOf.set(page, problems);
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  await page.goto(`${stack.baseUrl}/#/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(stack.password(username));
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await page.getByTestId('who').waitFor();
  return page;
}

/** Opens a console address (e.g. `/worklist`) and waits until its heading is there and nothing is loading. */
export async function openPage(page: Page, address: string): Promise<void> {
  // A tab in the background gets no animation frames, and Ant Design's motions (a closing dialog) wait for them.
  await page.bringToFront();
  await page.goto(`${page.url().split('#')[0]}#${address}`);
  await page.locator('h1').first().waitFor();
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
}

/** Fails when the page shows an error (an error alert or result) or the browser reported one. */
export async function expectNoErrorShown(page: Page): Promise<void> {
  const shown = await page.locator('.ant-alert-error, .ant-result-error, .ant-result-500').allInnerTexts();
  expect(shown).toEqual([]);
  expect(await page.getByText('PLACEHOLDER').count()).toBe(0);
  expect(browserProblems(page)).toEqual([]);
}

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  /** The elements found (CSS selectors), so a failure says where. */
  targets: string[];
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA). */
export async function seriousAccessibilityFindings(page: Page): Promise<AxeFinding[]> {
  // A dropdown still closing (its motion classes on) is half in the page, and a button just enabled is
  // still fading to its colours (a CSS transition): let Ant Design's motions and transitions end first
  // (a spinner's endless animation is not waited for).
  await page
    .waitForFunction(
      () =>
        document.querySelector('[class*="-leave-active"], [class*="-appear-active"], [class*="-enter-active"]') === null &&
        document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => undefined);
  // Evaluated through the DevTools protocol: the page's CSP rightly refuses an injected <script>. Once
  // per document: the console moves between its pages by the address's hash, in the same document.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeResult[] }> } }).axe;
    interface AxeResult {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown }[];
    }
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.map((n) => String(n.target)) }));
  });
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A calendar day on launchCompressedCampaign's clock. */
export const COMPRESSED_DAY_MS = 15_000;

/**
 * The seed's phases squeezed: self-check is one calendar day (15 s), the investigation 60 days. The
 * clock starts `daysPassed` calendar days back (one by default), so the investigation, and the cases,
 * begin at launch instead of a wait of 15 s in every file; two days back, the progress notice (通报,
 * 2024-09-03) comes at launch too.
 */
export async function launchCompressedCampaign(
  stack: ConsoleStack,
  campaignId: string,
  cities: string[] = ['2201', '2202'],
  { daysPassed = 1 }: { daysPassed?: number } = {},
): Promise<void> {
  await launchCampaign(
    { client: stack.client, pool: stack.db.pool, taskQueue: stack.taskQueue },
    {
      id: campaignId,
      name: '浏览器测试专项行动',
      calendar: {
        selfCheck: { start: '2024-09-01', deadline: '2024-09-01' },
        progressNotice: { date: '2024-09-03' },
        investigation: { start: '2024-09-02', deadline: '2024-10-31' },
        provincialVerification: { start: '2024-11-01', deadline: '2024-11-10' },
      },
      cities,
      dataSources: { snapshotId: stack.snapshotId },
      rules: { reminderAfterDays: 30, escalateAfterDays: 40 },
      clock: {
        kind: 'compressed',
        start: new Date(Date.now() + 500 - daysPassed * COMPRESSED_DAY_MS).toISOString(),
        minutesPerDay: COMPRESSED_DAY_MS / 60_000,
      },
    },
    { launchedBy: 'coordinator' },
  );
}

/** Ends a test's campaign, so its timers do not keep running on the shared dev server. */
export async function endCampaign(stack: ConsoleStack | undefined, campaignId: string): Promise<void> {
  await stack?.client.workflow
    .getHandle(`campaign/${campaignId}`)
    .terminate('browser test over')
    .catch(() => undefined);
}

/** An open case of the city whose workflow takes decisions: the read model's ready mark, as the worklist shows it. */
export async function decidableCase(stack: ConsoleStack, campaignId: string, cityCode: string): Promise<{ caseId: string; caseNo: string }> {
  return until(
    `an open case in ${cityCode}`,
    async () => {
      const { rows } = await stack.db.pool.query<{ case_id: string; case_no: string }>(
        `SELECT case_id, case_no FROM case_file WHERE campaign_id = $1 AND city_code = $2 AND status = 'open' AND ready_at IS NOT NULL
       ORDER BY risk_score DESC, case_id LIMIT 1`,
        [campaignId, cityCode],
      );
      const c = rows[0];
      if (!c) return undefined;
      const d = await stack.client.workflow
        .getHandle(caseWorkflowId(campaignId, cityCode, c.case_id))
        .describe()
        .catch(() => undefined);
      return d?.status.name === 'RUNNING' ? { caseId: c.case_id, caseNo: c.case_no } : undefined;
    },
    90_000,
  );
}

/**
 * Picks `option` in the Ant Design select labelled `label`, and picks it again until the select shows it:
 * under load a click can land while the dropdown is still opening, and the dropdown then stays open
 * with nothing chosen (seen in cityPages' transfer test: the case page's 核查结论 still unset).
 */
export async function choose(scope: Page | Locator, label: string, option: string): Promise<void> {
  // A dialog passes itself as the scope where its label's text is also a section's name on the page.
  const page = 'page' in scope ? scope.page() : scope;
  const field = scope.getByLabel(label, { exact: true });
  // `has` is matched inside each .ant-select, so its locator starts from the page, not from the scope.
  const select = scope.locator('.ant-select', { has: page.getByLabel(label, { exact: true }) }).first();
  await until(`${label}: ${option}`, async () => {
    if ((await select.innerText()).includes(option)) return true;
    await field.click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option })
      .first()
      .click({ timeout: 10_000 })
      .catch(() => undefined);
    return false;
  });
}
