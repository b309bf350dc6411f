/**
 * The web console in a real browser (Debian's chromium, headless) against a real API, database,
 * worker and Temporal dev server. A campaign for 长春市 (2201) and 吉林市 (2202) runs on a
 * compressed clock (a calendar day = 15 s), so its self-check deadline passes during the test.
 * Screenshots go to test-artifacts/screenshots/ for people to look at; nothing is compared by pixel.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { usccCheckCharacter } from '../../domain/uscc';
import { insertReport } from '../../activities/reports/reportStore';
import { launchCampaign } from '../../services/launchCampaign';
import { caseWorkflowId } from '../../workflows/messages/case';
import { startConsoleStack, type ConsoleStack } from './consoleStack';

const SHOTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const CAMPAIGN = `browser-${Date.now().toString(36)}`;

let stack: ConsoleStack;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function logIn(username: string, opts: { keyboard?: boolean } = {}): Promise<Page> {
  const page = await stack.browser.newPage();
  await page.goto(`${stack.baseUrl}/#/login`);
  if (opts.keyboard) {
    // Keyboard only: the user-name field has focus on arrival, Tab moves on, Enter submits.
    await page.getByLabel('用户名').waitFor();
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(stack.password(username));
    await page.keyboard.press('Enter');
  } else {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(stack.password(username));
    await page.getByRole('button', { name: '登录' }).click();
  }
  await page.locator('header.topbar').waitFor();
  return page;
}

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The seed's phases squeezed: self-check is one calendar day (15 s), the investigation 60 days. */
async function launchCompressedCampaign(): Promise<void> {
  await launchCampaign(
    { client: stack.client, pool: stack.db.pool, taskQueue: stack.taskQueue },
    {
      id: CAMPAIGN,
      name: '浏览器测试专项行动',
      calendar: {
        selfCheck: { start: '2024-09-01', deadline: '2024-09-01' },
        progressNotice: { date: '2024-09-03' },
        investigation: { start: '2024-09-02', deadline: '2024-10-31' },
        provincialVerification: { start: '2024-11-01', deadline: '2024-11-10' },
      },
      cities: ['2201', '2202'],
      dataSources: { snapshotId: stack.snapshotId },
      rules: { reminderAfterDays: 30, escalateAfterDays: 40 },
      clock: { kind: 'compressed', start: new Date(Date.now() + 500).toISOString(), minutesPerDay: 0.25 },
    },
    { launchedBy: 'coordinator' },
  );
}

/** An open case of the city whose workflow takes decisions: the read model's ready mark, as the worklist shows it. */
async function decidableCase(cityCode: string): Promise<{ caseId: string; caseNo: string }> {
  return until(
    `an open case in ${cityCode}`,
    async () => {
      const { rows } = await stack.db.pool.query<{ case_id: string; case_no: string }>(
        `SELECT case_id, case_no FROM case_file WHERE campaign_id = $1 AND city_code = $2 AND status = 'open' AND ready_at IS NOT NULL
       ORDER BY risk_score DESC, case_id LIMIT 1`,
        [CAMPAIGN, cityCode],
      );
      const c = rows[0];
      if (!c) return undefined;
      const d = await stack.client.workflow
        .getHandle(caseWorkflowId(CAMPAIGN, cityCode, c.case_id))
        .describe()
        .catch(() => undefined);
      expect(d?.status.name).toBe('RUNNING');
      return { caseId: c.case_id, caseNo: c.case_no };
    },
    90_000,
  );
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startConsoleStack();
}, 180_000);

afterAll(async () => {
  await stack?.client.workflow
    .getHandle(`campaign/${CAMPAIGN}`)
    .terminate('browser test over')
    .catch(() => undefined);
  await stack?.stop();
}, 60_000);

describe('the web console', () => {
  it('is served by the API at / with its bundle, leaving the API paths to the API', async () => {
    const page = await fetch(`${stack.baseUrl}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await fetch(`${stack.baseUrl}/console/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(10_000);
    const again = await fetch(`${stack.baseUrl}/console/app.js`, { headers: { 'if-none-match': script.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${stack.baseUrl}/campaigns`)).status).toBe(401);
  }, 60_000);

  it('shows a supervisor the overdue alert live, without reloading the page', async () => {
    const page = await logIn('supervisor');
    await page.goto(`${stack.baseUrl}/#/alerts`);
    await page.getByTestId('stream-state').filter({ hasText: '已连接实时推送' }).waitFor();
    // A reload would wipe this marker: its survival proves the row arrived over the stream.
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    expect(await page.locator('tr[data-alert-kind="deadline_overdue"]').count()).toBe(0);

    await launchCompressedCampaign();

    const row = page.locator('tr[data-alert-kind="deadline_overdue"]').first();
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toMatch(/长春市|吉林市/);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(await page.getByTestId('alerts-live').textContent()).toContain('新预警');
    await shot(page, 'supervisor-alerts');
    await page.close();
  }, 120_000);

  it('lets a city officer open a case, record a decision, and see it in the worklist', async () => {
    const target = await decidableCase('2201');
    const page = await logIn('officer2201');
    await page.goto(`${stack.baseUrl}/#/worklist`);
    const link = page.getByRole('link', { name: target.caseNo, exact: true });
    await link.waitFor();
    await shot(page, 'officer-worklist');
    await link.click();

    await page.locator('table.timeline').waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('待核查');
    await page.getByRole('combobox', { name: '核查结论' }).selectOption('VIOLATION');
    // The form checks with the API's schema before sending: an empty employer is refused in place.
    await page.getByRole('button', { name: '提交' }).click();
    expect(await page.locator('#decide-actualEmployer-name').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('实际工作单位名称').fill('吉林某某建筑劳务有限公司');
    await page.getByLabel('证据').fill('社保连续三个月由该单位缴纳，劳动合同备案亦在该单位。');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('case-outcome').filter({ hasText: '确认挂证' }).waitFor({ timeout: 30_000 });
    await shot(page, 'officer-case-decided');

    await page
      .getByRole('link', { name: /核查清单/ })
      .first()
      .click();
    const rowOutcome = page.locator(`tr[data-case-row="${target.caseId}"] [data-testid="row-outcome"]`);
    await rowOutcome.waitFor();
    expect(await rowOutcome.textContent()).toBe('确认挂证');
    expect(await page.locator(`tr[data-case-row="${target.caseId}"] [data-testid="row-status"]`).textContent()).not.toBe('待核查');
    await shot(page, 'officer-worklist-after-decision');

    // The city's reports: each deadline with a countdown (or how long it is overdue).
    await page.getByRole('link', { name: '本市报送' }).click();
    await page.getByTestId('countdown').first().waitFor();
    expect(await page.getByTestId('countdown').first().textContent()).toMatch(/距截止|已逾期/);
    await shot(page, 'officer-submissions');
    await page.close();
  }, 150_000);

  it('gives the coordinator the overview, the launch form with the seed calendar, and its validation', async () => {
    const page = await logIn('coordinator');
    await page.goto(`${stack.baseUrl}/#/overview`);
    await page.locator('svg.phase-timeline').waitFor();
    await page.locator('svg.progress-chart').waitFor();
    expect(await page.locator('svg.phase-timeline').textContent()).toContain('今天');
    await shot(page, 'coordinator-overview');

    await page.getByRole('link', { name: '发起行动' }).click();
    expect(await page.getByLabel('开始日期').first().inputValue()).toBe('2024-09-01');
    expect(await page.locator('#launch-calendar-investigation-deadline').inputValue()).toBe('2025-01-31');
    expect(await page.locator('.cities input[type=checkbox]:checked').count()).toBe(9);
    // Same schema as the API: an id with capitals and no snapshot are refused before sending.
    await page.getByLabel('行动编号').fill('Bad ID');
    await page.getByRole('button', { name: '发起' }).click();
    expect(await page.getByLabel('行动编号').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#launch-dataSources-snapshotId').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('launch-id');
    await shot(page, 'coordinator-launch-form');

    await page.getByRole('link', { name: '汇总表审核' }).click();
    await page.locator('h1', { hasText: '市（州）汇总表审核' }).waitFor();
    await shot(page, 'coordinator-review');
    // An upload: one good row, one without a name (rejected, reported, the rest still used).
    await page.getByRole('link', { name: '数据导入' }).click();
    await page.getByLabel('数据类别').selectOption('units');
    const code = '91220101MA0000079';
    await page.getByLabel('文件').setInputFiles({
      name: 'units-upload.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `unit_code,unit_name\n${code}${usccCheckCharacter(code)},长春测试建设有限公司\n${code.slice(0, 16)}8${usccCheckCharacter(`${code.slice(0, 16)}8`)},\n`,
      ),
    });
    await page.getByRole('button', { name: '上传' }).click();
    await page.locator('td', { hasText: 'units-upload.csv' }).waitFor();
    const uploaded = page.locator('tr', { has: page.locator('td', { hasText: 'units-upload.csv' }) });
    expect(await uploaded.locator('td.num').nth(3).textContent()).toBe('1');
    expect(await uploaded.getByRole('button', { name: '下载问题清单' }).count()).toBe(1);
    await shot(page, 'coordinator-imports');
    await page.close();
  }, 60_000);

  it('marks an open case whose workflow is still being started 准备中, and does not let it be selected', async () => {
    const target = await decidableCase('2201');
    // As the case looks in the minutes between its opening and its workflow's start.
    await stack.db.pool.query('UPDATE case_file SET ready_at = NULL WHERE case_id = $1', [target.caseId]);
    try {
      const page = await logIn('officer2201');
      await page.goto(`${stack.baseUrl}/#/worklist?status=open`);
      const row = page.locator(`tr[data-case-row="${target.caseId}"]`);
      await row.waitFor();
      expect(await row.getByTestId('row-preparing').textContent()).toBe('准备中');
      expect(await row.getByTestId('row-preparing').getAttribute('title')).toContain('稍后即可办理');
      expect(await row.locator('input[type=checkbox]').isDisabled()).toBe(true);
      // Select-all takes the ready cases only.
      await page.getByRole('checkbox', { name: '全选本页' }).check();
      expect(await row.locator('input[type=checkbox]').isChecked()).toBe(false);
      const ready = await page.locator('tr[data-case-row]:not(:has([data-testid="row-preparing"])) input[type=checkbox]:checked').count();
      expect(await page.getByTestId('selected-count').textContent()).toBe(`已选 ${ready}`);
      await shot(page, 'officer-worklist-preparing');
      await page.close();
    } finally {
      await stack.db.pool.query('UPDATE case_file SET ready_at = now() WHERE case_id = $1', [target.caseId]);
    }
  }, 60_000);

  it("shows an officer of another city none of the first city's cases", async () => {
    const { rows } = await stack.db.pool.query<{ case_id: string; case_no: string }>(
      `SELECT case_id, case_no FROM case_file WHERE campaign_id = $1 AND city_code = '2201'`,
      [CAMPAIGN],
    );
    expect(rows.length).toBeGreaterThan(0);
    const page = await logIn('officer2202', { keyboard: true });
    await page.goto(`${stack.baseUrl}/#/worklist`);
    await page.locator('h1', { hasText: '吉林市' }).waitFor();
    await page.locator('table.worklist, p.muted').first().waitFor();
    const html = await page.content();
    for (const r of rows) {
      expect(html).not.toContain(r.case_id);
      expect(html).not.toContain(r.case_no);
    }
    await shot(page, 'other-city-worklist');
    // Reaching for the case directly is refused by the server, and the page says so.
    await page.goto(`${stack.baseUrl}/#/cases/${encodeURIComponent(rows[0].case_id)}`);
    await page.getByRole('alert').filter({ hasText: '无权访问其他市（州）的数据' }).waitFor();
    expect(await page.locator('table.timeline').count()).toBe(0);
    await shot(page, 'other-city-case-refused');
    await page.close();
  }, 60_000);

  it('reloads the worklist after a bulk decision with the filters it had, none of them "undefined"', async () => {
    const target = await decidableCase('2202');
    const page = await logIn('officer2202');
    await page.goto(`${stack.baseUrl}/#/worklist?status=open`);
    const row = page.locator(`tr[data-case-row="${target.caseId}"]`);
    await row.waitFor();
    await row.locator('input[type=checkbox]').check();
    await page.locator('details.bulk summary').click();
    await page.locator('#bulk-outcome').selectOption('TRANSFERRED');
    await page.locator('#bulk-receivingAuthority').fill('吉林市人力资源和社会保障局');
    const before = page.url();
    await page.getByRole('button', { name: '应用于所选' }).click();
    await until('the worklist to reload', async () => page.url() !== before);
    expect(page.url()).toContain('status=open');
    expect(page.url()).not.toContain('undefined');
    await page.locator('table.worklist, p.muted').first().waitFor();
    expect(await page.locator('.panel.error').count()).toBe(0);
    await shot(page, 'officer-worklist-after-bulk');
    await page.close();
  }, 120_000);

  it('lists a report with its file name and time, and downloads it under that name', async () => {
    const content = Buffer.from('PK a summary table');
    const fileName = '长春市-排查汇总表-v7.xlsx';
    const client = await stack.db.pool.connect();
    try {
      await insertReport(client, {
        campaignId: CAMPAIGN,
        cityCode: '2201',
        kind: 'investigation_table',
        phase: 'investigation',
        version: 7,
        format: 'xlsx',
        fileName,
        createdAt: new Date().toISOString(),
        createdBy: 'coordinator',
        requestId: null,
        asOfDate: '2024-09-05',
        checksum: createHash('sha256').update(content).digest('hex'),
        content,
        masked: false,
        hasIdNumbers: false,
        maskedFrom: null,
        figures: {},
        layout: {},
      });
    } finally {
      client.release();
    }
    const page = await logIn('officer2201');
    await page.goto(`${stack.baseUrl}/#/reports`);
    const row = page.locator('tr', { hasText: fileName });
    await row.waitFor();
    expect(await row.locator('td').nth(3).textContent()).toMatch(/\d{4}/);
    await shot(page, 'reports');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '下载' }).click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    await page.close();
  }, 60_000);
});
