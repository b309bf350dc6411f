/// <reference lib="dom" />
/**
 * Intermediaries (中介机构, issue 21 item 2) in a real browser against the real stack: 长春市's officer
 * registers a broker, issues it a rectification order with a deadline (shown with its status), and
 * names it on a case page with the reason; the order escalated shows its due-process procedure (the broker
 * its party: its step and what is due), listed in 长春市人社局's 待办程序, whose link opens the order's
 * procedure card, where the 人社 officer submits the proposal; the responsible person approves it on
 * 负责人审批 and downloads the numbered notice from the card; the province's coordinator reads the city's
 * registry without the actions; a supervisor is refused the page.
 */
import type { Page } from 'playwright-core';
import { orderWatchId } from '../../domain/intermediary';
import { escalate } from '../../services/intermediaries';
import { intermediaryOrderPath } from '../../web/src/components/intermediaries/orderLink';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import {
  choose,
  decidableCase,
  endCampaign,
  expectNoErrorShown,
  launchCompressedCampaign,
  logIn,
  openPage,
  seriousAccessibilityFindings,
  shot,
  until,
} from './support/consolePages';
import { approveButton, awaitingOf, procedureRow } from './support/procedureSteps';

const CAMPAIGN = `interm-${Date.now().toString(36)}`;
const BROKER = '长春某挂证中介工作室';
const REASON = '当事人陈述经该中介介绍挂靠并收取费用';

let stack: ConsoleStack;
let officer: Page;
let theCase: { caseId: string; caseNo: string };
/** The order the second test escalates, whose procedure the third works. */
let escalated: { intermediaryId: number; orderId: number; procedureId: string };

async function fillDate(page: Page, dialog: ReturnType<Page['locator']>, label: string, date: string): Promise<void> {
  const input = dialog.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await until(`${label} set`, async () => (await input.inputValue()) === date);
}

beforeAll(async () => {
  stack = await startConsoleStack();
  await launchCompressedCampaign(stack, CAMPAIGN, ['2201']);
  theCase = await decidableCase(stack, CAMPAIGN, '2201');
  officer = await logIn(stack, 'officer2201');
}, 300_000);

afterAll(async () => {
  await officer?.close();
  await endCampaign(stack, CAMPAIGN);
  const { rows } = await stack.db.pool.query<{ id: string }>('SELECT id FROM intermediary_order');
  for (const r of rows)
    await stack.client.workflow
      .getHandle(orderWatchId(CAMPAIGN, Number(r.id)))
      .terminate('browser test over')
      .catch(() => undefined);
  const procedures = await stack.db.pool.query<{ procedure_id: string }>('SELECT procedure_id FROM penalty_procedure WHERE intermediary_order_id IS NOT NULL');
  for (const r of procedures.rows)
    await stack.client.workflow
      .getHandle(r.procedure_id)
      .terminate('browser test over')
      .catch(() => undefined);
  await stack?.stop();
}, 60_000);

describe("the officer's 中介机构", () => {
  it('registers a broker and issues it a rectification order with a deadline', async () => {
    const menu = await officer.locator('nav .ant-menu-item').allInnerTexts();
    expect(menu.map((m) => m.trim())).toContain('中介机构');
    await openPage(officer, '/intermediaries');
    await expectNoErrorShown(officer);
    await officer.getByRole('button', { name: '登记中介机构' }).click();
    const dialog = officer.locator('.ant-modal').filter({ hasText: '登记中介机构' });
    await dialog.getByLabel('机构名称').fill(BROKER);
    await choose(dialog, '机构类型', '中介（掮客）');
    await dialog
      .getByRole('button', { name: '登 记' })
      .or(dialog.getByRole('button', { name: '登记' }))
      .click();
    const row = officer.locator('tr', { hasText: BROKER });
    await row.waitFor();
    expect(await row.innerText()).toContain('经办人登记');

    await row.click();
    await officer.getByRole('button', { name: '下达责令限期整改' }).click();
    const order = officer.locator('.ant-modal').filter({ hasText: '责令限期整改：' });
    await fillDate(officer, order, '下达日期', '2024-09-10');
    await fillDate(officer, order, '整改期限', '2024-10-20');
    await order.getByLabel('整改要求').fill('停止介绍挂证，解除已安排的挂证关系');
    await order
      .getByRole('button', { name: '下 达' })
      .or(order.getByRole('button', { name: '下达' }))
      .click();
    await until('the order listed', async () => (await row.innerText()).includes('2024-10-20') && (await row.innerText()).includes('整改中'));
    // Not overdue on the campaign's (compressed) clock, whose today is still in September 2024.
    expect(await row.innerText()).not.toContain('已逾期');
    const orders = await stack.db.pool.query(
      `SELECT o.status FROM intermediary_order o JOIN intermediary i ON i.id = o.intermediary_id WHERE i.campaign_id = $1`,
      [CAMPAIGN],
    );
    expect(orders.rows).toEqual([{ status: 'open' }]);
    // The order's 责令限期整改通知书, numbered by 长春市人社局 when issued, downloads from the order.
    const noticeButton = officer.getByRole('button', { name: /下载责令限期整改通知书/ });
    await until('the notice numbered on its button', async () => (await noticeButton.innerText()).includes('长人社责改'));
    const [notice] = await Promise.all([officer.waitForEvent('download'), noticeButton.click()]);
    expect(notice.suggestedFilename()).toMatch(/^长人社责改〔\d{4}〕第0001号\.docx$/);
    expect(await seriousAccessibilityFindings(officer)).toEqual([]);
    await shot(officer, 'intermediaries-officer');
    await expectNoErrorShown(officer);
  }, 120_000);

  it('shows the escalated order’s due-process procedure on the order, the broker its party', async () => {
    const { rows } = await stack.db.pool.query<{ intermediary_id: string; id: string }>(
      `SELECT o.intermediary_id, o.id FROM intermediary_order o JOIN intermediary i ON i.id = o.intermediary_id WHERE i.campaign_id = $1`,
      [CAMPAIGN],
    );
    const basis = await stack.db.pool.query<{ id: string }>(`SELECT id FROM intermediary_basis_version WHERE violation = 'HR_SERVICE_IMPROPER'`);
    await escalate(
      stack.db.pool,
      { client: stack.client, taskQueue: stack.taskQueue },
      { campaignId: CAMPAIGN, cityCode: '2201' },
      Number(rows[0].intermediary_id),
      Number(rows[0].id),
      { escalatedOn: '2024-09-20', reason: '拒不改正，情节严重', basisId: Number(basis.rows[0].id) },
      'officer2201',
    );
    const orderId = Number(rows[0].id);
    escalated = { intermediaryId: Number(rows[0].intermediary_id), orderId, procedureId: `penalty-procedure/intermediary-order/${CAMPAIGN}/${orderId}/city` };
    await awaitingOf(stack, escalated.procedureId, 'submit_proposal');
    // A reload: the registry's data (cached by the console) is read again, and the row opens afresh.
    await openPage(officer, '/intermediaries');
    await officer.reload();
    await officer.locator('h1').first().waitFor();
    await officer.locator('tr', { hasText: BROKER }).click();
    await until('the procedure on the order', async () => (await officer.getByText('待办：拟定处理意见').count()) > 0);
    expect(await officer.getByText('拟处理意见', { exact: true }).count()).toBeGreaterThan(0);
    await shot(officer, 'intermediary-procedure');
    expect(await seriousAccessibilityFindings(officer)).toEqual([]);
    await expectNoErrorShown(officer);
  }, 90_000);

  it('lists the order’s procedure in the 人社 officer’s 待办程序, whose card takes the proposal, approved by the responsible person', async () => {
    const { procedureId, orderId } = escalated;
    // 长春市人社局 acts on intermediaries: its 待办程序 lists the order's procedure under the broker's name, linked to the order.
    const hr = await logIn(stack, 'hr2201');
    await openPage(hr, '/procedures');
    const row = hr.locator(`tr[data-row-key="${procedureId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toContain('拟定处理意见');
    await row.getByRole('link', { name: BROKER }).click();
    const card = hr.getByTestId(`procedure-order-${orderId}`);
    await card.waitFor({ timeout: 30_000 });
    // The basis chosen at the escalation gives the measures (a fine of 1万–5万元); no violation to choose, no attachment.
    await card.getByLabel('违法事实').fill('该中介为多人安排挂证并收取费用，经责令限期整改拒不改正。');
    await card.getByLabel('证据').fill('社会保险代缴记录、询问笔录。');
    await card.getByLabel('罚款金额（元）').fill('30000');
    await card.getByRole('button', { name: '提交拟处理意见' }).click();
    await awaitingOf(stack, procedureId, 'approve_proposal');
    await card.getByText('等待负责人审批。').waitFor({ timeout: 30_000 });
    await expectNoErrorShown(hr);
    expect(await seriousAccessibilityFindings(hr)).toEqual([]);
    await shot(hr, 'intermediary-procedure-proposed');
    await hr.close();

    // The responsible person approves it on 负责人审批, and downloads the numbered notice from the order's card.
    const leader = await logIn(stack, 'leader2201');
    await openPage(leader, '/procedures/approvals');
    const waiting = leader.locator(`tr[data-row-key="${procedureId}"]`);
    await waiting.waitFor({ timeout: 30_000 });
    await waiting.getByRole('button', { name: /展开|Expand/ }).click();
    const approval = leader.getByTestId('approval');
    await expect(approval.innerText()).resolves.toContain('该中介为多人安排挂证并收取费用');
    await approveButton(approval).click();
    await until('the notice numbered', async () => (await procedureRow(stack, procedureId))?.notice_document_id !== null);
    await openPage(leader, intermediaryOrderPath({ cityCode: '2201', intermediaryId: escalated.intermediaryId, orderId }));
    const documents = leader.getByTestId(`procedure-order-${orderId}`).getByTestId('procedure-documents');
    await documents.waitFor({ timeout: 30_000 });
    await expect(documents.innerText()).resolves.toMatch(/长人社罚告〔\d{4}〕第\d{4}号/);
    const [download] = await Promise.all([leader.waitForEvent('download'), documents.getByRole('button', { name: /下载/ }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await expectNoErrorShown(leader);
    await leader.close();
  }, 180_000);

  it('names the broker on a case page with the reason', async () => {
    await openPage(officer, `/cases/${theCase.caseId}`);
    await officer.getByRole('button', { name: '认定中介机构' }).click();
    const dialog = officer.locator('.ant-modal').filter({ hasText: '认定安排挂证的中介机构' });
    await choose(dialog, '中介机构', BROKER);
    await dialog.getByLabel('认定理由').fill(REASON);
    await dialog.getByRole('button', { name: '确认认定' }).click();
    const section = officer.locator('section[aria-labelledby="sec-intermediaries"]');
    await until('the broker on the case', async () => (await section.innerText()).includes(BROKER) && (await section.innerText()).includes(REASON));
    expect(await section.innerText()).toContain('经办人认定其安排挂证');
    expect(await seriousAccessibilityFindings(officer)).toEqual([]);
    await expectNoErrorShown(officer);
  }, 90_000);
});

describe('other roles', () => {
  it("lets the coordinator read the city's registry without the actions", async () => {
    const page = await logIn(stack, 'coordinator');
    await openPage(page, '/intermediaries');
    const row = page.locator('tr', { hasText: BROKER });
    await row.waitFor();
    expect(await page.getByRole('button', { name: '登记中介机构' }).count()).toBe(0);
    await row.click();
    await until('the order shown', async () => (await page.getByText('停止介绍挂证').count()) > 0);
    expect(await page.getByRole('button', { name: '记录整改结果' }).count()).toBe(0);
    await expectNoErrorShown(page);
    await page.close();
  }, 90_000);

  it('refuses the page to a supervisor', async () => {
    const page = await logIn(stack, 'supervisor');
    await openPage(page, '/intermediaries');
    await page.getByTestId('forbidden').waitFor();
    await page.close();
  }, 60_000);
});
