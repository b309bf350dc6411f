/// <reference lib="dom" />
/**
 * Complaints in a real browser (issue 20 items 1–2): the province coordinator publishes a city's hotline
 * on 投诉举报设置; the public page (no log-in) shows it and takes an online complaint about a unit once the
 * ALTCHA widget has solved its challenge, answering the number and query code; the city officer finds it
 * on 投诉举报办理 (with the complainant's contact), accepts it (a unit inquiry opens), concludes and
 * answers it; the complainant reads the reply with the number and the code. A supervisor reads the
 * complaint without the contact.
 */
import type { Page } from 'playwright-core';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import { browserProblems, expectNoErrorShown, logIn, openPage, seriousAccessibilityFindings, until } from './support/consolePages';

let stack: ConsoleStack;
const PHONE = '13700001111';
let complaintNo = '';
let queryCode = '';

beforeAll(async () => {
  stack = await startConsoleStack();
  const today = shanghaiDate(new Date());
  const campaignId = `cp-${Date.now().toString(36)}`;
  const config = CampaignConfig.parse({
    id: campaignId,
    name: '投诉页面测试',
    cities: ['2201'],
    dataSources: { snapshotId: stack.snapshotId },
    calendar: {
      selfCheck: { start: addDays(today, -200), deadline: addDays(today, -170) },
      progressNotice: { date: addDays(today, -165) },
      investigation: { start: addDays(today, -169), deadline: addDays(today, -80) },
      provincialVerification: { start: addDays(today, -79), deadline: addDays(today, -30) },
    },
  });
  await recordCampaignStart(stack.db.pool, {
    config,
    snapshotId: stack.snapshotId,
    launchedBy: 'test',
    workflowId: `campaign/${campaignId}`,
    at: new Date().toISOString(),
  });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

/** Ant Design puts a space between the two characters of a two-character button (受 理). */
const buttonName = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);

async function step(page: Page, button: string, text?: string): Promise<void> {
  await page.getByRole('button', { name: buttonName(button) }).click();
  const dialog = page.getByRole('dialog', { name: button });
  if (text !== undefined) await dialog.getByRole('textbox').fill(text);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('complaints from the public page to the reply', () => {
  it('the coordinator publishes a hotline on 投诉举报设置', async () => {
    const page = await logIn(stack, 'coordinator');
    await openPage(page, '/complaint-settings');
    await page.getByLabel('长春市投诉举报电话').fill('0431-88886666');
    await page
      .getByRole('row', { name: /长春市/ })
      .getByRole('button', { name: /保\s*存/ })
      .click();
    // The save answers after the click returns: read until it is stored (under load it came after the check).
    await until(
      'the hotline stored',
      async () => (await stack.db.pool.query(`SELECT hotline FROM complaint_channel_setting WHERE city_code = '2201'`)).rows[0]?.hotline === '0431-88886666',
    );
    await expectNoErrorShown(page);
  });

  it('the public page shows it and takes a complaint once the challenge is solved', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.baseUrl}/#/public/complaints`);
    await page.getByRole('heading', { level: 1, name: '“挂证”问题投诉举报' }).waitFor();
    await page.getByRole('cell', { name: '0431-88886666' }).waitFor();
    await page.getByLabel('受理市（州）').click();
    await page.getByTitle('长春市').click();
    await page.getByLabel('单位').check();
    await page.getByLabel('被举报单位名称').fill('吉林省页面测试建设有限公司');
    await page.getByLabel('投诉举报内容').fill('该公司多个项目的项目负责人长期不在岗，证书挂靠');
    await page.getByLabel('联系电话').fill(PHONE);
    const submit = page.getByRole('button', { name: '提交投诉举报' });
    expect(await submit.isDisabled()).toBe(true);
    // The widget draws its own check mark over the checkbox.
    await page.locator('altcha-widget input[type="checkbox"]').click({ force: true });
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled, undefined, { timeout: 60_000 });
    await submit.click();
    await page.getByTestId('complaint-registered').waitFor();
    complaintNo = await page.getByTestId('complaint-no').innerText();
    queryCode = (await page.getByTestId('query-code').innerText()).trim();
    expect(complaintNo).toMatch(/^2201-\d{4}-\d{6}$/);
    expect(queryCode).toMatch(/^[A-Z2-9]{12}$/);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.close();
  });

  it('the city officer sees the contact, accepts (a unit inquiry opens), concludes and answers it', async () => {
    const page = await logIn(stack, 'officer2201');
    await openPage(page, '/complaint-cases');
    await page.getByRole('button', { name: complaintNo }).click();
    const drawer = page.getByRole('dialog', { name: `投诉举报 ${complaintNo}` });
    await drawer.getByText(PHONE).waitFor();
    await step(page, '受理', '');
    await drawer.getByRole('heading', { name: '单位核查' }).waitFor();
    await step(page, '办结', '经现场核查，2个项目负责人不在岗，已责令整改');
    await step(page, '答复投诉人', '您反映的问题经核查属实，已责令该公司整改。感谢监督。');
    await drawer.getByText('已答复').waitFor();
    expect(browserProblems(page)).toEqual([]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('a supervisor reads the complaint without the contact', async () => {
    const page = await logIn(stack, 'supervisor');
    await openPage(page, '/complaint-cases');
    await page.getByRole('button', { name: complaintNo }).click();
    const drawer = page.getByRole('dialog', { name: `投诉举报 ${complaintNo}` });
    await drawer.getByText('已答复').waitFor();
    expect(await drawer.getByText(PHONE).count()).toBe(0);
    expect(await drawer.getByRole('button', { name: buttonName('受理') }).count()).toBe(0);
  });

  it('the complainant reads the reply with the number and the query code', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.baseUrl}/#/public/complaints`);
    await page.getByLabel('投诉举报编号').fill(complaintNo);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const status = page.getByTestId('complaint-status');
    await status.waitFor();
    expect(await status.innerText()).toContain('已答复');
    expect(await status.innerText()).toContain('已责令该公司整改');
    expect(await status.innerText()).not.toContain('吉林省页面测试建设有限公司');
  });
});
