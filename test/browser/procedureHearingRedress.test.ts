/// <reference lib="dom" />
/**
 * The penalty procedure's hearing and redress paths in the console (issue 19), in a real browser
 * against the real stack, each role on its own log-in (officer2201, and leader2201 the city's
 * responsible person):
 *
 * - a hearing requested within its period (5 working days of the notice's service) is scheduled at
 *   least 7 working days ahead (听证通知书 numbered), its notice served, the hearing recorded once its
 *   day has come; the review (复核) shows the measures as notified beside the measures as reviewed,
 *   refuses a heavier fine with the art. 45 reason in Chinese, and records a lower fine while keeping
 *   the bad-conduct record; the responsible person approves the decision; its service puts the lower
 *   measures in effect (penalty rows dated on the service); a redress filed against it is upheld;
 * - on two other procedures (brought to their decision's service through the API: their earlier
 *   steps are procedurePages.test.ts's), a redress revoked withdraws the measures and the penalty rows,
 *   and a redress changing the decision is refused when heavier and then records the lower measures.
 *
 * One campaign for the whole file; its clock runs a calendar day in 4.8 s so the hearing's 7 working
 * days pass in under a minute, while the revoked and changed redresses are worked. Every date the test
 * types is read from the campaign's clock before the page is read again, so the page's today (which
 * bounds its date pickers) is never behind it.
 */
import type { Page } from 'playwright-core';
import { addDays } from '../../domain/calendar';
import { earliestHearingDate } from '../../domain/penaltyProcedure';
import { loadWorkingCalendar } from '../../readModel/workingCalendar';
import { launchCampaign } from '../../services/launchCampaign';
import { caseWorkflowId } from '../../workflows/messages/case';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import { choose, browserProblems, endCampaign, expectNoErrorShown, logIn, seriousAccessibilityFindings, shot, until } from './support/consolePages';
import {
  apiToken,
  approveButton,
  awaitingOf,
  campaignToday,
  decideViolation,
  openProcedureCard,
  pickDate,
  procedureRow,
  sendProcedureCommand,
} from './support/procedureSteps';

const CAMPAIGN = `hear-${Date.now().toString(36)}`;
/** Categories whose city measures are a fine and a bad-conduct record (docs/legal-bases.md). */
const FINE_CATEGORIES = ['CONSTRUCTOR_1', 'CONSTRUCTOR_2', 'COST_1', 'COST_2'];

interface TestCase {
  caseId: string;
  caseNo: string;
}
let stack: ConsoleStack;
let officer: Page;
let leader: Page;
/** The hearing's case, and the two whose redress is revoked and changed. */
let heard: TestCase;
let revoked: TestCase;
let changed: TestCase;
/** The revoked and changed cases brought to their decision's service; answers the day each was served. */
let servedThroughApi: Promise<Map<string, string>>;
let hearingDate: string;
/** Every case decided here (their procedures are ended with the test). */
const decided: TestCase[] = [];

const idOf = (c: TestCase) => `penalty-procedure/${c.caseId}/city`;
const today = () => campaignToday(stack, CAMPAIGN);
const row = async (c: TestCase) => (await procedureRow(stack, idOf(c)))!;
const submit = (card: ReturnType<Page['getByTestId']>, name: string) => card.locator('button[type=submit]', { hasText: name }).click();

/**
 * Three liable cases whose city procedure has a fine and a bad-conduct record. The seed has few cases,
 * so they are opened the way a city opens one (cityPages.test.ts does the same): a complaint naming a
 * registered person of 长春市 without a case, every registration of theirs in a category with a fine.
 */
async function decidedFineCases(): Promise<TestCase[]> {
  await until('the investigation', async () => (await today()) >= '2024-09-02', 60_000);
  const token = await apiToken(stack, 'officer2201');
  const { rows: persons } = await stack.db.pool.query<{ id_number: string }>(
    `SELECT DISTINCT g.id_number FROM campaign k JOIN data_snapshot_batch b ON b.snapshot_id = k.snapshot_id
       JOIN registration g ON g.batch_id = b.batch_id
      WHERE k.id = $1 AND g.city_code = '2201' AND g.id_number NOT IN (SELECT id_number FROM case_file WHERE campaign_id = $1)
        AND NOT EXISTS (SELECT 1 FROM registration o WHERE o.id_number = g.id_number AND o.cert_category <> ALL($2::text[]))
      ORDER BY g.id_number LIMIT 3`,
    [CAMPAIGN, FINE_CATEGORIES],
  );
  expect(persons).toHaveLength(3);
  for (const p of persons) {
    const res = await fetch(`${stack.baseUrl}/campaigns/${CAMPAIGN}/cities/2201/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ receivedAt: new Date().toISOString(), channel: 'letter', subjectIdNumber: p.id_number, content: '来信反映该人员证书挂靠。' }),
    });
    expect(res.status).toBe(201);
  }
  const cases = await until(
    'the complaints’ cases ready',
    async () => {
      const { rows } = await stack.db.pool.query<{ case_id: string; case_no: string }>(
        `SELECT case_id, case_no FROM case_file WHERE campaign_id = $1 AND id_number = ANY($2::text[]) AND status = 'open' AND ready_at IS NOT NULL ORDER BY case_id`,
        [CAMPAIGN, persons.map((p) => p.id_number)],
      );
      if (rows.length < persons.length) return undefined;
      for (const r of rows) {
        const d = await stack.client.workflow
          .getHandle(caseWorkflowId(CAMPAIGN, '2201', r.case_id))
          .describe()
          .catch(() => undefined);
        if (d?.status.name !== 'RUNNING') return undefined;
      }
      return rows.map((r) => ({ caseId: r.case_id, caseNo: r.case_no }));
    },
    90_000,
  );
  for (const c of cases) {
    decided.push(c);
    await decideViolation(stack, c.caseId);
  }
  for (const c of cases) {
    const seen = await until(`${idOf(c)} found its basis`, async () => {
      const r = await procedureRow(stack, idOf(c));
      return r && r.awaiting.length > 0 ? r : undefined;
    });
    expect([seen.cert_category, seen.awaiting]).toEqual([expect.stringMatching(/^(CONSTRUCTOR|COST)_[12]$/), ['submit_proposal']]);
  }
  return cases;
}

/** Proposal, approval, notice served, rights waived, decision approved and served: through the API, as the console sends them. */
async function serveDecisionThroughApi(c: TestCase): Promise<string> {
  const [officerToken, leaderToken] = await Promise.all([apiToken(stack, 'officer2201'), apiToken(stack, 'leader2201')]);
  const send = async (token: string, path: string, body: object) => {
    const res = await sendProcedureCommand(stack, token, c.caseId, path, body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await awaitingOf(stack, idOf(c), 'submit_proposal');
  await send(officerToken, 'proposal', {
    measures: [{ kind: 'FINE', amountYuan: 5000 }, { kind: 'BAD_CONDUCT_RECORD' }],
    facts: '该人员注册单位与社保缴纳单位不一致。',
    evidence: '社保缴费记录。',
  });
  await send(leaderToken, 'proposal/approval', { approved: true });
  const noticeServedOn = await today();
  await send(officerToken, 'services', { document: 'notice', method: 'direct', servedOn: noticeServedOn, receiver: '当事人本人' });
  await send(officerToken, 'waiver', { waivedOn: noticeServedOn });
  await send(leaderToken, 'decision/approval', { approved: true });
  const servedOn = await today();
  await send(officerToken, 'services', { document: 'decision', method: 'post', servedOn, receiver: '当事人本人' });
  await awaitingOf(stack, idOf(c), 'await_redress');
  return servedOn;
}

/** The browser logs a refused request (422) as a console error: the refusal this test asked for, and nothing else, is taken off the list. */
function expectOnlyRefusals(page: Page): void {
  const problems = browserProblems(page);
  expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
  problems.length = 0;
}

/** The procedure's measures as they stand (the newest version of each kind). */
async function standingMeasures(c: TestCase): Promise<{ kind: string; amount_yuan: number | null; status: string }[]> {
  const { rows } = await stack.db.pool.query(
    `SELECT DISTINCT ON (kind) kind, amount_yuan, status FROM procedure_measure WHERE procedure_id = $1 ORDER BY kind, version DESC, recorded_at DESC`,
    [idOf(c)],
  );
  return rows;
}

const penaltyKinds = async (c: TestCase): Promise<string[]> =>
  (await stack.db.pool.query<{ kind: string }>('SELECT kind FROM penalty WHERE case_id = $1 ORDER BY kind', [c.caseId])).rows.map((r) => r.kind);

/** 登记行政复议或行政诉讼 on the case page: filed on the decision's service day. */
async function fileRedress(c: TestCase, filedOn: string): Promise<void> {
  const card = await openProcedureCard(officer, c.caseId);
  await choose(officer, '救济途径', '行政复议');
  await pickDate(officer, '提起日期', filedOn);
  await submit(card, '登');
  await awaitingOf(stack, idOf(c), 'redress_result');
}

beforeAll(async () => {
  stack = await startConsoleStack();
  await launchCampaign(
    { client: stack.client, pool: stack.db.pool, taskQueue: stack.taskQueue },
    {
      id: CAMPAIGN,
      name: '浏览器测试听证与复议',
      // The generated data's months end before September: the screening needs the seed's start. The
      // investigation lasts past the test, so no phase ends while it runs.
      calendar: {
        selfCheck: { start: '2024-09-01', deadline: '2024-09-01' },
        progressNotice: { date: '2024-11-20' },
        investigation: { start: '2024-09-02', deadline: '2024-11-30' },
        provincialVerification: { start: '2024-12-01', deadline: '2024-12-10' },
      },
      cities: ['2201'],
      dataSources: { snapshotId: stack.snapshotId },
      rules: { reminderAfterDays: 60, escalateAfterDays: 70 },
      clock: { kind: 'compressed', start: new Date(Date.now() + 500).toISOString(), minutesPerDay: 0.08 },
    },
    { launchedBy: 'coordinator' },
  );
  [officer, leader] = await Promise.all([logIn(stack, 'officer2201'), logIn(stack, 'leader2201')]);
  [heard, revoked, changed] = await decidedFineCases();
  servedThroughApi = Promise.all([revoked, changed].map(async (c) => [c.caseId, await serveDecisionThroughApi(c)] as const)).then((e) => new Map(e));
  // Not awaited here: the hearing's steps go on meanwhile; a failure shows in the tests that await it.
  servedThroughApi.catch(() => undefined);
  await awaitingOf(stack, idOf(heard), 'submit_proposal');
}, 300_000);

afterAll(async () => {
  await endCampaign(stack, CAMPAIGN);
  for (const c of decided) {
    await stack?.client.workflow
      .getHandle(idOf(c))
      .terminate('browser test over')
      .catch(() => undefined);
  }
  await stack?.stop();
}, 60_000);

describe('a hearing, the review that lowers a measure, and the decision', () => {
  it('schedules a hearing requested within its period and serves its notice', async () => {
    let card = await openProcedureCard(officer, heard.caseId);
    await card.getByLabel('违法事实').fill('该人员注册单位与社保缴纳单位不一致，存在挂证行为。');
    await card.getByLabel('证据').fill('社保缴费记录、劳动合同。');
    await card.getByLabel('罚款金额（元）').fill('5000');
    await submit(card, '提交拟处理意见');
    await awaitingOf(stack, idOf(heard), 'approve_proposal');

    const leaderCard = await openProcedureCard(leader, heard.caseId);
    await approveButton(leaderCard).click();
    await awaitingOf(stack, idOf(heard), 'serve_notice');

    const noticeServedOn = await today();
    card = await openProcedureCard(officer, heard.caseId);
    await choose(officer, '送达方式', '直接送达');
    await pickDate(officer, '送达日期', noticeServedOn);
    await card.getByLabel('受送达人').fill('当事人本人');
    await submit(card, '登记送达');
    await awaitingOf(stack, idOf(heard), 'await_statement');

    // The party asks for a hearing on the day the notice was served: well within its 5 working days.
    card = await openProcedureCard(officer, heard.caseId);
    await card.locator('.ant-collapse-header', { hasText: '登记听证申请' }).click();
    await pickDate(officer, '申请听证日期', noticeServedOn);
    await submit(card, '登记听证申请');
    await awaitingOf(stack, idOf(heard), 'schedule_hearing');

    card = await openProcedureCard(officer, heard.caseId);
    await card.getByLabel('听证地点').fill('长春市住房和城乡建设局第一会议室');
    await card.getByLabel('听证主持人').fill('法制科科长');
    const time = officer.getByLabel('听证时间', { exact: true });
    await time.click();
    await time.fill('09:30');
    await time.press('Enter');
    await expect(time.inputValue()).resolves.toBe('09:30');
    // 7 working days after the notice's service (art. 64 (二), art. 85), counted from two days on: the clock runs while the form is sent.
    const scheduledOn = await today();
    hearingDate = earliestHearingDate(await loadWorkingCalendar(stack.db.pool), addDays(scheduledOn, 2));
    await pickDate(officer, '听证日期', hearingDate);
    await submit(card, '安排听证并生成听证通知书');
    await awaitingOf(stack, idOf(heard), 'serve_hearing_notice');

    card = await openProcedureCard(officer, heard.caseId);
    await expect(card.getByTestId('procedure-documents').innerText()).resolves.toMatch(/听证通知书[\s\S]*长建/);
    await choose(officer, '送达方式', '直接送达');
    await pickDate(officer, '送达日期', scheduledOn);
    await card.getByLabel('受送达人').fill('当事人本人');
    await submit(card, '登记送达');
    await awaitingOf(stack, idOf(heard), 'record_hearing');
    await expectNoErrorShown(officer);
  }, 180_000);
});

describe('redress against a decision in effect', () => {
  it('revoked: withdraws the measures and the penalty rows, the trail kept', async () => {
    const servedOn = (await servedThroughApi).get(revoked.caseId)!;
    expect((await penaltyKinds(revoked)).length).toBeGreaterThan(0);
    await fileRedress(revoked, servedOn);
    const card = await openProcedureCard(officer, revoked.caseId);
    await choose(officer, '复议诉讼结果', '撤销');
    // Only a change names measures.
    expect(await card.getByTestId('measure-revision').count()).toBe(0);
    await pickDate(officer, '结果日期', servedOn);
    await submit(card, '登记结果');
    await until('the procedure closed', async () => (await row(revoked)).closed_because === 'done', 60_000);
    expect(await penaltyKinds(revoked)).toEqual([]);
    const { rows } = await stack.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM penalty_withdrawn WHERE case_id = $1 AND withdrawn_because = 'redress'`,
      [revoked.caseId],
    );
    expect(rows[0].n).toBeGreaterThan(0);
    expect(new Set((await standingMeasures(revoked)).map((m) => m.status))).toEqual(new Set(['withdrawn']));
    const after = await openProcedureCard(officer, revoked.caseId);
    await expect(after.getByTestId('procedure-measures').innerText()).resolves.toContain('已撤销');
    await expectNoErrorShown(officer);
  }, 120_000);

  it('changed: a heavier fine is refused with the art. 45 reason, a lower fine without the bad-conduct record is recorded', async () => {
    const servedOn = (await servedThroughApi).get(changed.caseId)!;
    await fileRedress(changed, servedOn);
    const card = await openProcedureCard(officer, changed.caseId);
    await choose(officer, '复议诉讼结果', '变更');
    await pickDate(officer, '结果日期', servedOn);
    const revision = card.getByTestId('measure-revision');
    await expect(revision.innerText()).resolves.toContain('罚款 5,000 元');
    const fine = card.getByLabel('变更后罚款金额（元）');
    await fine.fill('8000');
    await expect(card.getByTestId('measure-change-FINE').innerText()).resolves.toContain('加重，不允许');
    await submit(card, '登记结果');
    const refusal = card.getByRole('alert').filter({ hasText: '不得加重处罚' });
    await refusal.waitFor({ timeout: 30_000 });
    await expect(refusal.innerText()).resolves.toContain('《行政处罚法》第四十五条');
    await expect(refusal.innerText()).resolves.toContain('罚款金额由5000元提高到8000元');
    expect((await row(changed)).awaiting).toEqual(['redress_result']);
    expectOnlyRefusals(officer);

    await fine.fill('3000');
    await card.getByRole('checkbox', { name: '保留记入不良行为记录' }).uncheck();
    await expect(card.getByTestId('measure-change-BAD_CONDUCT_RECORD').innerText()).resolves.toContain('不再给予');
    await submit(card, '登记结果');
    await until('the procedure closed', async () => (await row(changed)).closed_because === 'done', 60_000);
    const measures = await standingMeasures(changed);
    expect(measures.find((m) => m.kind === 'FINE')).toMatchObject({ amount_yuan: 3000, status: 'in_effect' });
    expect(measures.find((m) => m.kind === 'BAD_CONDUCT_RECORD')?.status).toBe('dropped');
    expect((await penaltyKinds(changed)).filter((k) => k.startsWith('BAD_CONDUCT'))).toEqual([]);
    const after = await openProcedureCard(officer, changed.caseId);
    await expect(after.getByTestId('procedure-measures').innerText()).resolves.toContain('3,000 元');
    await after.getByText('处理措施变更记录').click();
    await expect(after.getByTestId('procedure-measure-trail').innerText()).resolves.toContain('5,000 元');
    await expectNoErrorShown(officer);
    await shot(officer, 'procedure-redress-changed');
  }, 120_000);
});

describe('the hearing held, reviewed, decided and upheld', () => {
  it('records the hearing on its day; the review refuses a heavier fine and lowers it; the decision served puts the lower fine in effect', async () => {
    await until('the hearing day', async () => (await today()) >= hearingDate, 180_000);
    let card = await openProcedureCard(officer, heard.caseId);
    await pickDate(officer, '听证举行日期', hearingDate);
    await card.getByLabel('参加人员').fill('当事人本人、案件承办人');
    await card.getByLabel('听证笔录').fill('当事人称其已与注册单位解除劳动关系，请求减轻处罚。');
    await submit(card, '登记听证');
    await awaitingOf(stack, idOf(heard), 'review_statement');

    card = await openProcedureCard(officer, heard.caseId);
    await card.getByRole('radiogroup', { name: '是否采纳' }).getByRole('radio', { name: '是' }).check();
    await card.getByLabel('复核理由').fill('当事人已解除劳动关系，情节较轻，采纳其意见，减轻罚款。');
    const revision = card.getByTestId('measure-revision');
    const notified = await revision.innerText();
    expect([notified.includes('告知的处理措施'), notified.includes('罚款 5,000 元'), notified.includes('记入不良行为记录')]).toEqual([true, true, true]);
    const fine = card.getByLabel('复核后罚款金额（元）');
    await fine.fill('8000');
    await submit(card, '提交复核意见');
    const refusal = card.getByRole('alert').filter({ hasText: '不得加重处罚' });
    await refusal.waitFor({ timeout: 30_000 });
    await expect(refusal.innerText()).resolves.toContain('《行政处罚法》第四十五条');
    expect((await row(heard)).awaiting).toEqual(['review_statement']);
    expectOnlyRefusals(officer);
    await fine.fill('3000');
    await expect(card.getByTestId('measure-change-FINE').innerText()).resolves.toContain('减轻：罚款由 5,000 元 减为 3,000 元');
    await expect(card.getByTestId('measure-change-BAD_CONDUCT_RECORD').innerText()).resolves.toContain('维持');
    expect(await seriousAccessibilityFindings(officer)).toEqual([]);
    await shot(officer, 'procedure-review-lowered');
    await submit(card, '提交复核意见');
    await awaitingOf(stack, idOf(heard), 'approve_decision');
    expect(await standingMeasures(heard)).toEqual([
      { kind: 'BAD_CONDUCT_RECORD', amount_yuan: null, status: 'proposed' },
      { kind: 'FINE', amount_yuan: 3000, status: 'proposed' },
    ]);

    // The officer cannot approve the decision; the responsible person does, on their own log-in.
    card = await openProcedureCard(officer, heard.caseId);
    await card.getByText('等待负责人审批。').waitFor();
    const leaderCard = await openProcedureCard(leader, heard.caseId);
    await expect(leaderCard.getByTestId('procedure-measures').innerText()).resolves.toContain('3,000 元');
    await approveButton(leaderCard).click();
    await awaitingOf(stack, idOf(heard), 'serve_decision');
    expect(await penaltyKinds(heard)).toEqual([]);

    const servedOn = await today();
    card = await openProcedureCard(officer, heard.caseId);
    await choose(officer, '送达方式', '邮寄送达');
    await pickDate(officer, '送达日期', servedOn);
    await card.getByLabel('受送达人').fill('当事人本人');
    await submit(card, '登记送达');
    await until('the measures in effect', async () => (await row(heard)).effective_on === servedOn, 60_000);
    const { rows } = await stack.db.pool.query<{ imposed_on: string }>(
      `SELECT DISTINCT to_char(imposed_on, 'YYYY-MM-DD') AS imposed_on FROM penalty WHERE case_id = $1`,
      [heard.caseId],
    );
    expect(rows).toEqual([{ imposed_on: servedOn }]);
    expect(await standingMeasures(heard)).toEqual([
      { kind: 'BAD_CONDUCT_RECORD', amount_yuan: null, status: 'in_effect' },
      { kind: 'FINE', amount_yuan: 3000, status: 'in_effect' },
    ]);
    card = await openProcedureCard(officer, heard.caseId);
    await expect(card.getByTestId('procedure-measures').innerText()).resolves.toContain('已生效');
    await expectNoErrorShown(officer);
    await expectNoErrorShown(leader);
  }, 300_000);

  it('upheld: a redress filed and upheld keeps the measures in effect', async () => {
    const servedOn = (await row(heard)).effective_on!;
    const before = await penaltyKinds(heard);
    await fileRedress(heard, servedOn);
    const card = await openProcedureCard(officer, heard.caseId);
    await choose(officer, '复议诉讼结果', '维持');
    await pickDate(officer, '结果日期', servedOn);
    await submit(card, '登记结果');
    await until('the procedure closed', async () => (await row(heard)).closed_because === 'done', 60_000);
    expect(await penaltyKinds(heard)).toEqual(before);
    expect(new Set((await standingMeasures(heard)).map((m) => m.status))).toEqual(new Set(['in_effect']));
    await expectNoErrorShown(officer);
  }, 120_000);
});
