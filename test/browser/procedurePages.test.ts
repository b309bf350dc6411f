/// <reference lib="dom" />
/**
 * The penalty procedure in the console (issue 19), in a real browser against the real stack: a
 * liable decision starts the city's procedure and records no penalty; the officer finds it among
 * 待办程序 and drafts the proposal (拟处理意见) on the case page; the officer cannot approve it, the
 * responsible person (leader2201) approves it on 负责人审批; the notice is numbered and downloads as
 * .docx; its service starts the statement window counted in working days (剩余 N 个工作日); the
 * party waives; the responsible person approves the decision; its service puts the measures in
 * effect, and only then do penalty rows exist, dated on the service. Supervisors and auditors read
 * the procedure without a form; the province's page lists the province's procedures. A 一级 case
 * imposed by the province in phase 3 runs the province's procedure to its 处理建议 to the ministry,
 * approved by the province's responsible person (leader22), and the ministry's answer recorded.
 *
 * The campaign's clock runs a calendar day in 30 s (not the area tests' 15 s), so the statement
 * window (5 working days, at least a week: three and a half minutes) stays open while the test works
 * in it. It starts a day back, so the cases open at launch; the investigation ends on the third day,
 * so the provincial phase begins a minute in, about when the 一级 test needs it.
 */
import type { Page } from 'playwright-core';
import { launchCampaign } from '../../services/launchCampaign';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import { choose, decidableCase, endCampaign, expectNoErrorShown, logIn, openPage, seriousAccessibilityFindings, shot, until } from './support/consolePages';
import {
  apiToken as apiTokenOf,
  awaitingOf as awaitingOfRow,
  campaignToday,
  decideViolation as decideViolationOf,
  openProcedureCard,
  pickDate,
  procedureRow as procedureRowOf,
} from './support/procedureSteps';

const CAMPAIGN = `proc-${Date.now().toString(36)}`;
let stack: ConsoleStack;
let target: { caseId: string; caseNo: string };
/** A case of a person registered in a 一级 category only: the province proposes its revocation to the ministry. */
let firstClass: string | undefined;
const procedureId = () => `penalty-procedure/${target.caseId}/city`;

const apiToken = (user: string) => apiTokenOf(stack, user);
const procedureRow = async (id = procedureId()) => (await procedureRowOf(stack, id))!;
const awaitingOf = (action: string, id = procedureId()) => awaitingOfRow(stack, id, action);
const decideViolation = (caseId: string) => decideViolationOf(stack, caseId);
/**
 * The campaign's today: the date a service or a waiver is recorded on. It is read before the page that
 * takes it is opened: the clock runs a day in 45 s, and the page refuses a date after the today it read.
 */
const today = () => campaignToday(stack, CAMPAIGN);
const openCase = async (page: Page): Promise<void> => void (await openProcedureCard(page, target.caseId));

beforeAll(async () => {
  stack = await startConsoleStack();
  await launchCampaign(
    { client: stack.client, pool: stack.db.pool, taskQueue: stack.taskQueue },
    {
      id: CAMPAIGN,
      name: '浏览器测试处罚程序',
      calendar: {
        selfCheck: { start: '2024-09-01', deadline: '2024-09-01' },
        progressNotice: { date: '2024-09-03' },
        investigation: { start: '2024-09-02', deadline: '2024-09-03' },
        provincialVerification: { start: '2024-09-04', deadline: '2024-09-30' },
      },
      cities: ['2201'],
      dataSources: { snapshotId: stack.snapshotId },
      rules: { reminderAfterDays: 30, escalateAfterDays: 40 },
      // A day back: the investigation, and the cases, begin at launch.
      clock: { kind: 'compressed', start: new Date(Date.now() + 500 - 30_000).toISOString(), minutesPerDay: 0.5 },
    },
    { launchedBy: 'coordinator' },
  );
  target = await decidableCase(stack, CAMPAIGN, '2201');
  // 确认挂证 through the API, as the case page sends it (the case page's own test is cityPages.test.ts).
  await decideViolation(target.caseId);
  await until('the city procedure', async () => (await procedureRow()) !== undefined, 60_000);
  const { rows } = await stack.db.pool.query<{ case_id: string }>(
    `SELECT c.case_id FROM case_file c
      WHERE c.campaign_id = $1 AND c.status = 'open' AND c.ready_at IS NOT NULL AND c.case_id <> $2
        AND EXISTS (SELECT 1 FROM registration g WHERE g.id_number = c.id_number AND g.cert_category LIKE '%\\_1')
        AND NOT EXISTS (SELECT 1 FROM registration g WHERE g.id_number = c.id_number AND g.cert_category NOT LIKE '%\\_1')
      ORDER BY c.case_id LIMIT 1`,
    [CAMPAIGN, target.caseId],
  );
  firstClass = rows[0]?.case_id;
  if (firstClass) await decideViolation(firstClass);
}, 300_000);

afterAll(async () => {
  await endCampaign(stack, CAMPAIGN);
  for (const id of [procedureId(), `penalty-procedure/${firstClass}/city`, `penalty-procedure/${firstClass}/province`]) {
    await stack?.client.workflow
      .getHandle(id)
      .terminate('browser test over')
      .catch(() => undefined);
  }
  await stack?.stop();
}, 60_000);

describe('the city procedure, step by step', () => {
  it('starts at a liable decision with no penalty recorded, and is among the officer’s 待办程序', async () => {
    const { rows } = await stack.db.pool.query('SELECT count(*)::int AS n FROM penalty WHERE case_id = $1', [target.caseId]);
    expect(rows[0].n).toBe(0);
    const page = await logIn(stack, 'officer2201');
    await openPage(page, '/procedures');
    const row = page.locator(`tr[data-row-key="${procedureId()}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toContain('拟定处理意见');
    await expectNoErrorShown(page);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'procedures-due-officer');
    await row.getByRole('link', { name: target.caseNo }).click();
    await page.getByTestId('procedure-city').waitFor({ timeout: 30_000 });
    await page.close();
  }, 120_000);

  it('takes the officer’s proposal from the legal basis in force, which the officer cannot approve', async () => {
    const page = await logIn(stack, 'officer2201');
    await openCase(page);
    const card = page.getByTestId('procedure-city');
    await card.getByLabel('违法事实').fill('该人员注册单位与社保缴纳单位不一致，存在挂证行为。');
    await card.getByLabel('证据').fill('社保缴费记录、劳动合同。');
    if ((await card.getByLabel('罚款金额（元）').count()) > 0) await card.getByLabel('罚款金额（元）').fill('5000');
    await card.getByRole('button', { name: '提交拟处理意见' }).click();
    await awaitingOf('approve_proposal');
    await card.getByText('等待负责人审批。').waitFor({ timeout: 30_000 });
    expect(await card.getByRole('button', { name: '同意' }).count()).toBe(0);
    await expect(card.getByTestId('procedure-measures').innerText()).resolves.toContain('拟作出');
    await expectNoErrorShown(page);
    await shot(page, 'procedure-proposed');
    await page.close();
  }, 120_000);

  it('is approved by the responsible person on 负责人审批, which numbers the notice', async () => {
    const officer = await logIn(stack, 'officer2201');
    await openPage(officer, '/procedures/approvals');
    await officer.getByTestId('forbidden').waitFor();
    await officer.close();

    const page = await logIn(stack, 'leader2201');
    await openPage(page, '/procedures/approvals');
    const row = page.locator(`tr[data-row-key="${procedureId()}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toContain('负责人审批处理意见');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    const approval = page.getByTestId('approval');
    await approval.waitFor();
    // The responsible person reads the facts and the evidence the proposal rests on.
    await expect(approval.innerText()).resolves.toContain('该人员注册单位与社保缴纳单位不一致，存在挂证行为。');
    await shot(page, 'approvals-leader');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await approval.getByLabel('审批意见').fill('同意拟处理意见。');
    await approval
      .getByRole('button', { name: '同 意' })
      .or(approval.getByRole('button', { name: '同意' }))
      .click();
    await until('the notice numbered', async () => (await procedureRow()).notice_document_id !== null, 60_000);
    await awaitingOf('serve_notice');
    await expectNoErrorShown(page);
    await page.close();
  }, 120_000);

  it('shows the notice with its number, downloads it, and starts the statement window at its service, in working days', async () => {
    const page = await logIn(stack, 'officer2201');
    const servedOn = await today();
    await openCase(page);
    const card = page.getByTestId('procedure-city');
    const documents = card.getByTestId('procedure-documents');
    await documents.waitFor({ timeout: 30_000 });
    await expect(documents.innerText()).resolves.toMatch(/长建罚告〔\d{4}〕第\d{4}号/);
    const [download] = await Promise.all([page.waitForEvent('download'), documents.getByRole('button', { name: /下载/ }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);

    await choose(page, '送达方式', '直接送达');
    await pickDate(page, '送达日期', servedOn);
    await card.getByLabel('受送达人').fill('当事人本人');
    await card.getByRole('button', { name: '登记送达' }).click();
    await awaitingOf('await_statement');
    const deadlines = card.getByTestId('procedure-deadlines');
    await deadlines.getByText('陈述申辩期限').waitFor({ timeout: 30_000 });
    await expect(deadlines.innerText()).resolves.toMatch(/剩余 \d+ 个工作日|今日到期/);
    // The notice shows the day it was served.
    await expect(documents.innerText()).resolves.not.toContain('未送达');
    await expectNoErrorShown(page);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'procedure-statement-window');
    await page.close();
  }, 120_000);

  it('takes the party’s waiver, the responsible person’s decision (sent back once and revised), and the decision’s service, which puts the measures in effect', async () => {
    const page = await logIn(stack, 'officer2201');
    const waivedOn = await today();
    await openCase(page);
    const card = page.getByTestId('procedure-city');
    await card.getByText('当事人放弃陈述申辩和听证').click();
    await pickDate(page, '放弃日期', waivedOn);
    await card.getByRole('button', { name: '登记放弃' }).click();
    await awaitingOf('approve_decision');

    const leader = await logIn(stack, 'leader2201');
    await openCase(leader);
    const leaderCard = leader.getByTestId('procedure-city');
    // Sent back first: the officer revises the decision (the measures as notified, the reasons) and it returns for approval.
    await leaderCard.getByRole('button', { name: '退回修改' }).click();
    await awaitingOf('revise_decision');
    await openCase(page);
    await card.getByLabel('修改理由').fill('按负责人意见补充从轻处罚的理由');
    await card.getByRole('button', { name: '提交修改后的处理决定' }).click();
    await awaitingOf('approve_decision');
    await openCase(leader);
    await leaderCard
      .getByRole('button', { name: '同 意' })
      .or(leaderCard.getByRole('button', { name: '同意' }))
      .click();
    await awaitingOf('serve_decision');
    await leader.close();

    const { rows: none } = await stack.db.pool.query('SELECT count(*)::int AS n FROM penalty WHERE case_id = $1', [target.caseId]);
    expect(none[0].n).toBe(0);
    const servedOn = await today();
    await openCase(page);
    await choose(page, '送达方式', '邮寄送达');
    await pickDate(page, '送达日期', servedOn);
    await card.getByLabel('受送达人').fill('当事人本人');
    // The signed 送达回证, scanned: uploaded with the service, its id named by the command.
    await card.locator('input[type=file]').setInputFiles({ name: '送达回证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%送达回证\n') });
    await card.getByRole('button', { name: '登记送达' }).click();
    await until('the measures in effect', async () => (await procedureRow()).effective_on === servedOn, 60_000);
    const { rows } = await stack.db.pool.query<{ imposed_on: string }>(
      `SELECT to_char(imposed_on, 'YYYY-MM-DD') AS imposed_on FROM penalty WHERE case_id = $1`,
      [target.caseId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.imposed_on))).toEqual(new Set([servedOn]));
    await openCase(page);
    await expect(card.getByTestId('procedure-measures').innerText()).resolves.toContain('已生效');
    const attachments = card.getByTestId('procedure-attachments');
    await expect(attachments.innerText()).resolves.toContain('送达回证.pdf');
    const [proof] = await Promise.all([page.waitForEvent('download'), attachments.getByRole('button', { name: /下载/ }).click()]);
    expect(proof.suggestedFilename()).toBe('送达回证.pdf');
    await expectNoErrorShown(page);
    await shot(page, 'procedure-in-effect');
    await page.close();
  }, 180_000);
});

describe('the procedure for the roles that read it', () => {
  it.each([['supervisor'], ['auditor']])(
    'shows the %s the procedure with no form, and the province’s procedures page',
    async (user) => {
      const page = await logIn(stack, user);
      await openCase(page);
      const card = page.getByTestId('procedure-city');
      await card.getByTestId('procedure-steps-taken').waitFor();
      expect(await card.locator('form').count()).toBe(0);
      // What the officer wrote stays with the officers: no facts, no evidence for this role.
      expect(await card.innerText()).not.toContain('该人员注册单位与社保缴纳单位不一致，存在挂证行为。');
      await expectNoErrorShown(page);
      await openPage(page, '/procedures/province');
      await page.getByTestId('no-procedures').or(page.getByTestId('procedure-list')).waitFor();
      await expectNoErrorShown(page);
      await page.close();
    },
    90_000,
  );

  it("gives the coordinator the province's steps due, not the city's", async () => {
    const page = await logIn(stack, 'coordinator');
    await openPage(page, '/procedures');
    await page.getByTestId('no-procedures').or(page.getByTestId('procedure-list')).waitFor();
    expect(await page.locator(`tr[data-row-key="${procedureId()}"]`).count()).toBe(0);
    await expectNoErrorShown(page);
    await page.close();
  }, 60_000);
});

describe("the province's procedure of a 一级 case", () => {
  const provinceId = () => `penalty-procedure/${firstClass}/province`;
  const openProvinceCard = async (page: Page) => {
    await openPage(page, `/cases/${encodeURIComponent(firstClass!)}`);
    await page.reload();
    await page.locator('h1').first().waitFor();
    const card = page.getByTestId('procedure-province');
    await card.waitFor({ timeout: 30_000 });
    return card;
  };

  it('goes from the imposition to the 处理建议 to the ministry, and closes on its answer', async () => {
    // The generator's data (seed 7) holds persons registered in a 一级 category only in 长春市.
    expect(firstClass).toBeDefined();
    const caseId = firstClass!;
    await until('the provincial phase', async () => (await today()) >= '2024-09-04', 600_000);
    const imposed = await fetch(`${stack.baseUrl}/cases/${encodeURIComponent(caseId)}/provincial-penalties`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await apiToken('coordinator')}`,
        'idempotency-key': `proc-province-${caseId}`,
      },
      body: JSON.stringify({}),
    });
    expect(imposed.status).toBe(200);
    await awaitingOf('submit_proposal', provinceId());

    const coordinator = await logIn(stack, 'coordinator');
    await openPage(coordinator, '/procedures');
    await coordinator.locator(`tr[data-row-key="${provinceId()}"]`).waitFor({ timeout: 30_000 });
    let card = await openProvinceCard(coordinator);
    // The proposal form lists the basis's measures once the basis has loaded (the card is there before it).
    await card.getByText('撤销注册').first().waitFor({ timeout: 30_000 });
    await card.getByLabel('违法事实').fill('该人员注册单位与社保缴纳单位不一致。');
    await card.getByLabel('证据').fill('社保缴费记录。');
    await card.getByRole('button', { name: '提交拟处理意见' }).click();
    await awaitingOf('approve_proposal', provinceId());

    const leader = await logIn(stack, 'leader22');
    await openPage(leader, '/procedures/approvals');
    const row = leader.locator(`tr[data-row-key="${provinceId()}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    await leader
      .getByTestId('approval')
      .getByRole('button', { name: '同 意' })
      .or(leader.getByTestId('approval').getByRole('button', { name: '同意' }))
      .click();
    await awaitingOf('serve_notice', provinceId());

    const noticeServedOn = await today();
    card = await openProvinceCard(coordinator);
    await choose(coordinator, '送达方式', '直接送达');
    await pickDate(coordinator, '送达日期', noticeServedOn);
    await card.getByLabel('受送达人').fill('当事人本人');
    await card.getByRole('button', { name: '登记送达' }).click();
    await awaitingOf('await_statement', provinceId());
    const waivedOn = await today();
    card = await openProvinceCard(coordinator);
    await card.getByText('当事人放弃陈述申辩和听证').click();
    await pickDate(coordinator, '放弃日期', waivedOn);
    await card.getByRole('button', { name: '登记放弃' }).click();
    await awaitingOf('approve_decision', provinceId());

    const leaderCard = await openProvinceCard(leader);
    await leaderCard
      .getByRole('button', { name: '同 意' })
      .or(leaderCard.getByRole('button', { name: '同意' }))
      .click();
    await awaitingOf('ministry_answer', provinceId());

    // The 处理建议's record lands a moment after the step moves on: the list is read again until it shows it.
    await openPage(coordinator, '/procedures/province');
    const ministryRow = coordinator.locator(`tr[data-row-key="${provinceId()}"]`);
    await until('the ministry column', async () => {
      if ((await ministryRow.count()) > 0 && (await ministryRow.innerText()).includes('已报部，待答复')) return true;
      await coordinator.reload();
      await coordinator.locator('h1').first().waitFor();
      await ministryRow.waitFor({ timeout: 30_000 });
      return false;
    });
    const answeredOn = await today();
    card = await openProvinceCard(coordinator);
    await expect(card.getByTestId('procedure-documents').innerText()).resolves.toContain('处理建议');
    await card.getByRole('radio', { name: '是' }).check();
    await pickDate(coordinator, '答复日期', answeredOn);
    await card.getByLabel('住房和城乡建设部文号').fill('建市罚〔2024〕18号');
    await card.getByRole('button', { name: '登记处理结果' }).click();
    await until('the revocation in effect', async () => (await procedureRow(provinceId())).effective_on === answeredOn, 60_000);
    await openPage(coordinator, '/procedures/province');
    await expect(coordinator.locator(`tr[data-row-key="${provinceId()}"]`).innerText()).resolves.toContain('撤销注册（建市罚〔2024〕18号）');
    await expectNoErrorShown(coordinator);
    expect(await seriousAccessibilityFindings(coordinator)).toEqual([]);
    await shot(coordinator, 'province-procedures-ministry');
    await leader.close();
    await coordinator.close();
  }, 900_000);
});
