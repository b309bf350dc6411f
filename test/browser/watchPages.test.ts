/// <reference lib="dom" />
/**
 * The watch pages in a real browser against the real stack (API, database, worker, Temporal dev
 * server): the alert board live and acknowledged in bulk by each role that may, the late cities
 * with their days counted on the campaign's clock (and the page when none is late), the audit log
 * filtered and exported, and the reports downloaded by every role under the name of the copy it
 * gets. A campaign for 长春市 and 吉林市 runs on a compressed clock (a calendar day = 15 s), so
 * its self-check deadline passes during the test.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { insertReport } from '../../activities/reports/reportStore';
import { raiseAlert } from '../../activities/alerts/raiseAlert';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { CampaignCalendar } from '../../domain/calendar';
import { calendarDateAt, CampaignClock } from '../../domain/campaignClock';
import { CampaignConfig } from '../../domain/campaignConfig';
import type { ReportKind, ReportPhase } from '../../domain/reportKind';
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
  until,
} from './support/consolePages';

const CAMPAIGN = `watch-${Date.now().toString(36)}`;
/** A campaign recorded with its deadlines months ahead and no workflow: no city is late in it. */
const QUIET = `quiet-${Date.now().toString(36)}`;

let stack: ConsoleStack;
const pages = new Map<string, Page>();

/** One page per user for the whole file (each its own session). */
async function pageOf(username: string): Promise<Page> {
  let page = pages.get(username);
  if (!page) {
    page = await logIn(stack, username);
    pages.set(username, page);
  }
  return page;
}

/** Makes the console look at a campaign, as picking it in the header does (kept for the tab). */
async function lookAt(page: Page, campaignId: string): Promise<void> {
  await page.evaluate((id) => sessionStorage.setItem('gz.campaign', id), campaignId);
  await page.reload();
  await page.getByTestId('who').waitFor();
}

const dbCount = async (sql: string, args: unknown[]) => (await stack.db.pool.query<{ n: number }>(sql, args)).rows[0].n;

beforeAll(async () => {
  stack = await startConsoleStack();
}, 180_000);

afterAll(async () => {
  for (const page of pages.values()) await page.close().catch(() => undefined);
  await endCampaign(stack, CAMPAIGN);
  await stack?.stop();
}, 60_000);

describe('预警看板', () => {
  it('shows a supervisor the overdue alert live, without reloading the page', async () => {
    const page = await pageOf('supervisor');
    await openPage(page, '/alerts');
    await page.getByTestId('stream-state').filter({ hasText: '已连接实时推送' }).waitFor();
    // A reload would wipe this marker: its survival proves the row arrived over the stream.
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    expect(await page.locator('tr[data-alert-kind="deadline_overdue"]').count()).toBe(0);

    await launchCompressedCampaign(stack, CAMPAIGN);

    const row = page.locator('tr[data-alert-kind="deadline_overdue"]').first();
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toMatch(/长春市|吉林市/);
    expect(await row.textContent()).toContain('逾期未报送');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(await page.getByTestId('alerts-live').textContent()).toContain('新预警');
    await expectNoErrorShown(page);
    await shot(page, 'watch-alerts-live-supervisor');
  }, 120_000);

  it("lets a supervisor pick a city × kind count, open an alert's case and come back, select the alerts and acknowledge them together", async () => {
    const { caseId } = await decidableCase(stack, CAMPAIGN, '2201');
    const keys = [1, 2, 3].map((i) => `test/${CAMPAIGN}/2201/case-overdue/${i}`);
    for (const [i, alertKey] of keys.entries()) {
      await raiseAlert(stack.db.pool, {
        alertKey,
        level: 'critical',
        kind: 'case_overdue',
        campaignId: CAMPAIGN,
        cityCode: '2201',
        phase: 'investigation',
        caseId,
        message: `长春市案件第 ${i + 1} 件已过排查截止日期仍未办结，提请督办。`,
      });
    }
    const page = await pageOf('supervisor');
    await lookAt(page, CAMPAIGN);
    await openPage(page, '/alerts');
    // The summary counts the three; its cell filters the board to them.
    const cell = page.getByTestId('summary-2201-case_overdue');
    await cell.filter({ hasText: '3' }).waitFor();
    await cell.click();
    await page.waitForURL(/city=2201/);
    expect(page.url()).toContain('kind=case_overdue');
    const rows = page.locator('.alerts-table tbody tr.ant-table-row');
    await until(
      'the three case alerts alone',
      async () => (await rows.count()) === 3 && (await page.locator('tr[data-alert-kind="case_overdue"]').count()) === 3,
    );
    // Each links to its case, whose page leads back to the board as it was.
    const caseLink = rows.first().getByTestId('alert-case-link');
    expect(await caseLink.getAttribute('href')).toBe(`#/cases/${encodeURIComponent(caseId)}`);
    await caseLink.click();
    await page.waitForURL(/#\/cases\//);
    await page.getByTestId('case-status').waitFor();
    await page.getByRole('button', { name: '返回预警看板' }).click();
    await page.waitForURL(/#\/alerts\?/);
    expect(page.url()).toContain('city=2201');
    expect(page.url()).toContain('kind=case_overdue');
    await until('the three case alerts again', async () => (await rows.count()) === 3);

    await page.locator('.alerts-table thead .ant-checkbox-input').check();
    await page.getByRole('button', { name: '确认知悉所选（3）' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.ant-modal-confirm-title', { hasText: '确认知悉所选 3 条预警？' }).waitFor();
    await shot(page, 'watch-alerts-bulk-confirm-supervisor');
    await dialog.getByRole('button', { name: '确认知悉' }).click();
    await until('three rows acknowledged', async () => (await rows.getByTestId('acknowledged').count()) === 3);
    expect(
      await dbCount(`SELECT count(*)::int AS n FROM alert WHERE alert_key = ANY($1) AND acknowledged_by = 'supervisor' AND acknowledged_at IS NOT NULL`, [
        keys,
      ]),
    ).toBe(3);
    await expectNoErrorShown(page);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'watch-alerts-acknowledged-supervisor');
  }, 180_000);

  it('lets the coordinator filter the unacknowledged alerts of a kind and acknowledge all of them at once', async () => {
    const keys = [1, 2].map((i) => `test/${CAMPAIGN}/2202/deregistration/${i}`);
    for (const [i, alertKey] of keys.entries()) {
      await raiseAlert(stack.db.pool, {
        alertKey,
        level: 'warning',
        kind: 'deregistration_overdue',
        campaignId: CAMPAIGN,
        cityCode: '2202',
        phase: 'selfCheck',
        message: `注销申请（编号 ${i + 1}）超过快速办理时限，请发证机关尽快办理`,
      });
    }
    const page = await pageOf('coordinator');
    await lookAt(page, CAMPAIGN);
    await openPage(page, '/alerts');
    // The filters, as an official sets them.
    await page.getByLabel('类型', { exact: true }).click();
    await page.keyboard.type('注销');
    await page.locator('.ant-select-dropdown:visible').getByTitle('注销申请超时').click();
    await page.getByLabel('确认情况', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('未确认').click();
    await page.waitForURL(/ack=no/);
    const rows = page.locator('.alerts-table tbody tr.ant-table-row');
    await until(
      'the two deregistration alerts alone',
      async () => (await page.locator('tr[data-alert-kind="deregistration_overdue"]').count()) === 2 && (await rows.count()) === 2,
    );

    // Every unacknowledged alert the filters select, in one go.
    await page.getByTestId('ack-all-matching').filter({ hasText: '当前筛选 2 条未确认' }).click();
    await page.getByRole('dialog').locator('.ant-modal-confirm-title', { hasText: '全部 2 条未确认预警' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '全部确认' }).click();
    // Filtered to the unacknowledged ones, the board empties.
    await until('no unacknowledged deregistration alert left', async () => (await rows.count()) === 0);
    expect(
      await dbCount(`SELECT count(*)::int AS n FROM alert WHERE alert_key = ANY($1) AND acknowledged_by = 'coordinator' AND acknowledged_at IS NOT NULL`, [
        keys,
      ]),
    ).toBe(2);
    await expectNoErrorShown(page);
    await shot(page, 'watch-alerts-acknowledged-coordinator');
  }, 120_000);

  it('reconnects when the server ends the stream (an expired token, say) and keeps showing new alerts', async () => {
    const page = await logIn(stack, 'supervisor');
    try {
      // The first stream answers as the API does when a token expires: ready, then end.
      const streams: string[] = [];
      await page.route('**/alerts/stream**', async (route) => {
        streams.push(route.request().url());
        if (streams.length === 1) {
          await route.fulfill({
            status: 200,
            headers: { 'content-type': 'text/event-stream; charset=utf-8' },
            body: 'retry: 200\nevent: ready\ndata: {}\n\nevent: end\ndata: {"reason":"token_expired","message":"登录已过期，告警推送已停止，请重新登录。"}\n\n',
          });
        } else {
          await route.continue();
        }
      });
      await lookAt(page, CAMPAIGN);
      await openPage(page, '/alerts');
      await until('a second stream after the end', async () => streams.length >= 2);
      await page.getByTestId('stream-state').filter({ hasText: '已连接实时推送' }).waitFor();
      await page.evaluate(() => {
        (window as unknown as { __noReload: boolean }).__noReload = true;
      });
      const alertKey = `test/${CAMPAIGN}/2202/lagging-after-reconnect`;
      await raiseAlert(stack.db.pool, {
        alertKey,
        level: 'warning',
        kind: 'city_lagging',
        campaignId: CAMPAIGN,
        cityCode: '2202',
        phase: 'investigation',
        message: '吉林市自查自纠工作进展不力（重连后的新预警）',
      });
      await page.locator(`tr[data-alert-key="${alertKey}"]`).waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
      await expectNoErrorShown(page);
    } finally {
      await page.close();
    }
  }, 120_000);
});

describe('逾期市（州）', () => {
  it.each([['coordinator'], ['supervisor']])(
    'shows %s each late city with its days late counted on the campaign clock',
    async (username) => {
      const page = await pageOf(username);
      await lookAt(page, CAMPAIGN);
      const { rows } = await stack.db.pool.query<{ clock: unknown; calendar: unknown }>(
        `SELECT config->'clock' AS clock, calendar FROM campaign WHERE id = $1`,
        [CAMPAIGN],
      );
      const clocked = { clock: CampaignClock.parse(rows[0].clock), calendar: CampaignCalendar.parse(rows[0].calendar) };
      const table = page.getByTestId('late-cities');
      await until(
        'both cities listed late',
        async () => {
          await openPage(page, '/late');
          return (await table.getByTestId('late-city').count()) === 2;
        },
        90_000,
      );
      const cities = await table.getByTestId('late-city').allInnerTexts();
      expect(cities.sort()).toEqual(['吉林市', '长春市']);
      // The days are counted to the campaign's today (a compressed day is 15 s), from its self-check deadline.
      const asOf = /截至 (\d{4})年(\d{1,2})月(\d{1,2})日/.exec(await page.locator('.page').innerText());
      expect(asOf).not.toBeNull();
      const asOfDate = `${asOf![1]}-${asOf![2].padStart(2, '0')}-${asOf![3].padStart(2, '0')}`;
      const campaignToday = calendarDateAt(clocked, Date.now());
      expect(Math.abs(Date.parse(campaignToday) - Date.parse(asOfDate))).toBeLessThanOrEqual(86_400_000);
      const expectedDays = Math.round((Date.parse(asOfDate) - Date.parse(clocked.calendar.selfCheck.deadline)) / 86_400_000);
      for (const days of await table.getByTestId('days-late').allInnerTexts()) expect(days.trim()).toBe(`${expectedDays} 天`);
      await expectNoErrorShown(page);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await shot(page, `watch-late-cities-${username}`);
    },
    150_000,
  );

  it('says 无逾期市（州） when no city is late', async () => {
    const calendar = CampaignCalendar.parse({
      selfCheck: { start: '2030-03-01', deadline: '2030-04-30' },
      progressNotice: { date: '2030-05-10' },
      investigation: { start: '2030-05-01', deadline: '2030-07-31' },
      provincialVerification: { start: '2030-08-01', deadline: '2030-08-31' },
    });
    const config = CampaignConfig.parse({ id: QUIET, name: '无逾期测试行动', cities: ['2203'], calendar, dataSources: { snapshotId: stack.snapshotId } });
    // Launched "long ago", so the campaign picker keeps the running test campaign first.
    await recordCampaignStart(stack.db.pool, {
      config,
      snapshotId: stack.snapshotId,
      launchedBy: 'coordinator',
      workflowId: `campaign/${QUIET}`,
      at: '2024-01-01T00:00:00Z',
    });
    for (const username of ['supervisor', 'coordinator']) {
      const page = await pageOf(username);
      await lookAt(page, QUIET);
      await openPage(page, '/late');
      await page.getByTestId('no-late-cities').filter({ hasText: '无逾期市（州）' }).waitFor();
      await expectNoErrorShown(page);
      await shot(page, `watch-late-cities-none-${username}`);
    }
  }, 90_000);
});

describe('报表下载', () => {
  const content = (name: string) => Buffer.from(`PK ${name}`);
  /** A report and, for one that shows ID numbers, its masked copy, as produceReport stores them. */
  async function storeReport(r: { cityCode: string | null; kind: ReportKind; phase: ReportPhase; version: number; fileName: string; hasIdNumbers: boolean }) {
    const client = await stack.db.pool.connect();
    try {
      const common = {
        campaignId: CAMPAIGN,
        cityCode: r.cityCode,
        kind: r.kind,
        phase: r.phase,
        version: r.version,
        format: 'xlsx' as const,
        createdAt: new Date().toISOString(),
        createdBy: 'coordinator',
        requestId: null,
        asOfDate: '2024-09-05',
        figures: {},
        layout: {},
      };
      const full = await insertReport(client, {
        ...common,
        fileName: r.fileName,
        content: content(r.fileName),
        checksum: createHash('sha256').update(content(r.fileName)).digest('hex'),
        masked: false,
        hasIdNumbers: r.hasIdNumbers,
        maskedFrom: null,
      });
      if (r.hasIdNumbers) {
        const maskedName = r.fileName.replace('.xlsx', '-脱敏.xlsx');
        await insertReport(client, {
          ...common,
          fileName: maskedName,
          content: content(maskedName),
          checksum: createHash('sha256').update(content(maskedName)).digest('hex'),
          masked: true,
          hasIdNumbers: false,
          maskedFrom: full.reportId,
        });
      }
    } finally {
      client.release();
    }
  }

  const CITY_TABLE = '长春市-排查汇总表-v7.xlsx';
  const PROVINCE_TABLE = '吉林省-全省汇总表-v1.xlsx';
  const OTHER_CITY = '吉林市-排查汇总表-v7.xlsx';

  beforeAll(async () => {
    await storeReport({ cityCode: '2201', kind: 'investigation_table', phase: 'investigation', version: 7, fileName: CITY_TABLE, hasIdNumbers: true });
    await storeReport({ cityCode: '2202', kind: 'investigation_table', phase: 'investigation', version: 7, fileName: OTHER_CITY, hasIdNumbers: true });
    await storeReport({ cityCode: null, kind: 'province_table', phase: 'provincialVerification', version: 1, fileName: PROVINCE_TABLE, hasIdNumbers: true });
  }, 60_000);

  /** Downloads the row's report; answers the name the browser saved it under and its bytes. */
  async function download(page: Page, listedName: string): Promise<{ name: string; content: string }> {
    const row = page.locator('.reports-table tr.ant-table-row', { has: page.getByTestId('file-name').getByText(listedName, { exact: true }) });
    const [file] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /下\s*载/ }).click()]);
    return { name: file.suggestedFilename(), content: readFileSync(await file.path(), 'utf8') };
  }

  it('lists a report with its file name and time, and downloads it under that name (a city officer, their own city)', async () => {
    const page = await pageOf('officer2201');
    await lookAt(page, CAMPAIGN);
    await openPage(page, '/reports');
    const row = page.locator('.reports-table tr.ant-table-row', { hasText: CITY_TABLE });
    await row.waitFor();
    expect(await row.getByTestId('produced-at').innerText()).toMatch(/\d{4}/);
    expect(await row.innerText()).toContain('排查汇总表');
    expect(await row.innerText()).not.toContain('脱敏副本');
    // Another city's report is not listed; the province's is, as its masked copy.
    expect(await page.getByText(OTHER_CITY).count()).toBe(0);
    await page.getByTestId('file-name').getByText('吉林省-全省汇总表-v1-脱敏.xlsx', { exact: true }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'watch-reports-city_officer');
    expect(await download(page, CITY_TABLE)).toEqual({ name: CITY_TABLE, content: `PK ${CITY_TABLE}` });
    const province = 'PK 吉林省-全省汇总表-v1-脱敏.xlsx';
    expect(await download(page, '吉林省-全省汇总表-v1-脱敏.xlsx')).toEqual({ name: '吉林省-全省汇总表-v1-脱敏.xlsx', content: province });
    await expectNoErrorShown(page);
  }, 90_000);

  it('gives the coordinator every report in full, under its own name', async () => {
    const page = await pageOf('coordinator');
    await lookAt(page, CAMPAIGN);
    await openPage(page, '/reports');
    for (const name of [CITY_TABLE, OTHER_CITY, PROVINCE_TABLE]) await page.getByTestId('file-name').getByText(name, { exact: true }).waitFor();
    expect(await page.getByText('脱敏副本').count()).toBe(0);
    await shot(page, 'watch-reports-province_coordinator');
    expect(await download(page, PROVINCE_TABLE)).toEqual({ name: PROVINCE_TABLE, content: `PK ${PROVINCE_TABLE}` });
    await expectNoErrorShown(page);
  }, 90_000);

  it.each([['coordinator'], ['officer2201'], ['supervisor'], ['auditor']])(
    'lets %s download the progress notice the campaign produced, under its name',
    async (username) => {
      const notice = await until(
        'the progress notice produced',
        async () =>
          (
            await stack.db.pool.query<{ file_name: string }>(
              `SELECT file_name FROM report WHERE campaign_id = $1 AND kind = 'progress_notice' AND NOT masked`,
              [CAMPAIGN],
            )
          ).rows[0]?.file_name,
        120_000,
      );
      const page = await pageOf(username);
      await lookAt(page, CAMPAIGN);
      await openPage(page, '/reports');
      await page.getByTestId('file-name').getByText(notice, { exact: true }).waitFor();
      expect((await download(page, notice)).name).toBe(notice);
      await expectNoErrorShown(page);
    },
    150_000,
  );

  it.each([['supervisor'], ['auditor']])(
    'gives %s the masked copy of each report, listed and saved under the masked name',
    async (username) => {
      const page = await pageOf(username);
      await lookAt(page, CAMPAIGN);
      await openPage(page, '/reports');
      const masked = CITY_TABLE.replace('.xlsx', '-脱敏.xlsx');
      await page.getByTestId('file-name').getByText(masked, { exact: true }).waitFor();
      expect(await page.locator('.reports-table tr.ant-table-row', { hasText: masked }).innerText()).toContain('脱敏副本');
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await shot(page, `watch-reports-${username}`);
      expect(await download(page, masked)).toEqual({ name: masked, content: `PK ${masked}` });
      await expectNoErrorShown(page);
    },
    90_000,
  );
});

describe('审计日志', () => {
  it('lets an auditor filter by user, action, city and time, and export exactly the filtered rows', async () => {
    const page = await pageOf('auditor');
    await openPage(page, '/audit-log');
    await page.locator('.audit-table tbody tr.ant-table-row').first().waitFor();

    const form = page.getByRole('search', { name: '筛选审计日志' });
    await form.getByLabel('用户', { exact: true }).fill('supervisor');
    await form.getByLabel('操作', { exact: true }).click();
    await page.keyboard.type('确认预警');
    await page.locator('.ant-select-dropdown:visible').getByTitle('确认预警', { exact: true }).click();
    // The time range: from an hour ago to an hour ahead, typed as an official would.
    const fmt = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const start = form.getByLabel('时间', { exact: true });
    await start.click();
    await start.fill(fmt(new Date(Date.now() - 3_600_000)));
    await start.press('Enter');
    const end = form.getByPlaceholder('结束时间');
    await end.fill(fmt(new Date(Date.now() + 3_600_000)));
    await end.press('Enter');
    await form.getByRole('button', { name: /查\s*询/ }).click();

    const rows = page.locator('.audit-table tbody tr.ant-table-row');
    await until('the supervisor acknowledgements alone', async () => {
      const actions = await rows.getByTestId('audit-action').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      return actions.length > 0 && actions.every((a) => a === 'alert.acknowledge') && (await rows.allInnerTexts()).every((t) => t.includes('supervisor'));
    });
    const shown = await rows.count();
    expect(shown).toBe(
      await dbCount(
        `SELECT count(*)::int AS n FROM audit_log WHERE user_id = 'supervisor' AND action = 'alert.acknowledge' AND at > now() - interval '1 hour'`,
        [],
      ),
    );
    await shot(page, 'watch-audit-log-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('编号,时间,请求编号,用户,角色,所在市（州）,操作,对象,结果,HTTP状态,详情,承办人');
    expect(lines.length - 1).toBe(shown);
    for (const line of lines.slice(1)) expect(line).toMatch(/,supervisor,supervisor,,alert\.acknowledge,/);

    // The city filter: the officer of 2201's downloads (the reports' tests above) are 长春市 entries; the supervisor's are not.
    await form.getByRole('button', { name: /重\s*置/ }).click();
    await form.getByLabel('市（州）', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('长春市').click();
    await form.getByRole('button', { name: /查\s*询/ }).click();
    await until('the 长春市 entries alone', async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((t) => t.includes('长春市'));
    });
    await expectNoErrorShown(page);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'watch-audit-log-city');
  }, 120_000);

  it('pages through the entries a filter selects, and exports every page of them', async () => {
    // 45 decisions of 吉林市's officer, as the API would have recorded them (the newest, fixture-1, last).
    await stack.db.pool.query(
      `INSERT INTO audit_log (at, request_id, user_id, role, city_code, action, target, result, status, detail)
       SELECT now() - make_interval(secs => i), 'req-fixture-' || i, 'officer2202', 'city_officer', '2202', 'case.decide',
              'caseId=fixture-' || i, 'ok', 200, '{}'::jsonb
       FROM generate_series(45, 1, -1) i`,
    );
    const page = await pageOf('auditor');
    await openPage(page, '/audit-log');
    const form = page.getByRole('search', { name: '筛选审计日志' });
    await form.getByRole('button', { name: /重\s*置/ }).click();
    await form.getByLabel('用户', { exact: true }).fill('officer2202');
    await form.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('共 45 条').first().waitFor();
    const rows = page.locator('.audit-table tbody tr.ant-table-row');
    const targets = () => rows.locator('code').allInnerTexts();
    const first = await targets();
    expect(first).toHaveLength(20);
    expect(first[0]).toBe('caseId=fixture-1');
    await page.locator('.ant-pagination-next').first().click();
    await until('the second page', async () => (await targets())[0] === 'caseId=fixture-21');
    expect(await targets()).toHaveLength(20);
    await shot(page, 'watch-audit-log-page-2');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(46);
    expect(lines.slice(1).map((l) => /caseId=fixture-(\d+)/.exec(l)?.[1])).toEqual(Array.from({ length: 45 }, (_, i) => String(i + 1)));
    await expectNoErrorShown(page);
  }, 90_000);
});
