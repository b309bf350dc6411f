/// <reference lib="dom" />
/**
 * The provincial coordinator's pages (and the overview as supervisors see it, the ban look-up as a
 * city officer uses it) in a real browser against the real stack: each page's main action end to
 * end. A campaign for 长春市 (2201) and 吉林市 (2202) runs on a compressed clock (a calendar day =
 * 15 s), so its progress notice is produced during the test. Screenshots go to
 * test-artifacts/screenshots/ for people to look at.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { SUMMARY_FIELDS } from '../../domain/summaryFigures';
import { idCheckCharacter } from '../../domain/idNumber';
import { usccCheckCharacter } from '../../domain/uscc';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import {
  browserProblems,
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

const CAMPAIGN = `prov-${Date.now().toString(36)}`;
/** The campaign the launch form starts (ended with the test). */
const LAUNCHED = `${CAMPAIGN}-form`;
const UPLOADED = `units-${Date.now().toString(36)}.csv`;

let stack: ConsoleStack;
let coordinator: Page;

type Json = Record<string, unknown>;

/** The API as a role calls it (a log-in of its own), to compare the pages with. */
async function apiAs(username: string): Promise<(path: string, init?: { method?: string; body?: unknown }) => Promise<Json>> {
  const login = await fetch(`${stack.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: stack.password(username) }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async (path, init = {}) => {
    const res = await fetch(`${stack.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${accessToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = (await res.json()) as Json;
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
}

/** Makes the console look at a campaign (the header's picker keeps its choice in the tab's sessionStorage). */
async function lookAt(page: Page, campaignId: string, address: string): Promise<void> {
  await page.evaluate((id) => sessionStorage.setItem('gz.campaign', id), campaignId);
  await page.goto(`${page.url().split('#')[0]}#${address}`);
  await page.reload();
  await page.locator('h1').first().waitFor();
}

/**
 * A refusal the test provoked on purpose: the browser logs every 4xx answer as a console error,
 * which expectNoErrorShown would count; this one was the point of the step, so it is taken off.
 */
function forgetProvokedRefusal(page: Page, status: number): void {
  const problems = browserProblems(page);
  const i = problems.findIndex((p) => p.includes(`status of ${status}`));
  expect(i).toBeGreaterThanOrEqual(0);
  problems.splice(i, 1);
}

/** No serious or critical axe finding; when there are some, the failure names the elements. */
async function expectAccessible(page: Page): Promise<void> {
  const findings = await seriousAccessibilityFindings(page);
  if (findings.length === 0) return;
  // axe is loaded by now: ask it again for the elements, so the failure says where to look.
  const where = await page.evaluate(
    async (ids) => {
      const axe = (
        window as unknown as {
          axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> };
        }
      ).axe;
      const r = await axe.run(document, { runOnly: { type: 'rule', values: ids } });
      return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`));
    },
    findings.map((f) => f.id),
  );
  expect(where).toEqual([]);
}

beforeAll(async () => {
  stack = await startConsoleStack();
  await launchCompressedCampaign(stack, CAMPAIGN);
  coordinator = await logIn(stack, 'coordinator');
}, 240_000);

// Another role's tab may have been opened meanwhile: a tab in the background gets no animation frames,
// and Ant Design's motions (a field's error appearing, a spinner leaving) wait for them.
beforeEach(async () => {
  await coordinator?.bringToFront();
});

afterAll(async () => {
  await endCampaign(stack, CAMPAIGN);
  await endCampaign(stack, LAUNCHED);
  await stack?.stop();
}, 60_000);

/** The overview's figures table, city by city, as numbers. */
async function shownFigures(page: Page): Promise<Record<string, Record<string, number>>> {
  const table = page.getByTestId('city-figures');
  await table.locator('tbody tr[data-row-key]').first().waitFor();
  return table.evaluate((el) => {
    const out: Record<string, Record<string, number>> = {};
    for (const row of Array.from(el.querySelectorAll('tbody tr[data-row-key]'))) {
      const city = row.getAttribute('data-row-key')!;
      out[city] = {};
      for (const cell of Array.from(row.querySelectorAll('[data-figure]')))
        out[city][cell.getAttribute('data-figure')!] = Number(cell.textContent.replace(/[^\d]/g, ''));
    }
    return out;
  });
}

/** The API's figures for the same cities, the summary's columns only. */
function apiFigures(campaign: Json): Record<string, Record<string, number>> {
  const progress = campaign.cityProgress as { cityCode: string; figures: Record<string, number> }[];
  return Object.fromEntries(progress.map((p) => [p.cityCode, Object.fromEntries(SUMMARY_FIELDS.map(([k]) => [k, p.figures[k]]))]));
}

/** The overview shows the API's figures: read the API, the page, the API again, until the two reads of the API agree. */
async function expectOverviewFiguresAsTheApi(page: Page, username: string): Promise<void> {
  const api = await apiAs(username);
  await until(
    "the overview's figures to settle",
    async () => {
      const before = await api(`/campaigns/${CAMPAIGN}`);
      // Both cities screened and their cases opened: figures worth comparing, not the zeros of a campaign just started.
      if ((before.cityProgress as unknown[]).length < 2 || (before.totals as { cases: number }).cases === 0) return false;
      await page.reload();
      const shown = await shownFigures(page);
      const after = await api(`/campaigns/${CAMPAIGN}`);
      if (JSON.stringify(apiFigures(before)) !== JSON.stringify(apiFigures(after))) return false;
      expect(shown).toEqual(apiFigures(after));
      const totals = after.totals as Record<string, number>;
      const shownTotals = await page
        .getByTestId('figures-total')
        .evaluate((el) =>
          Object.fromEntries(
            Array.from(el.querySelectorAll('[data-figure]')).map((c) => [c.getAttribute('data-figure'), Number(c.textContent.replace(/[^\d]/g, ''))]),
          ),
        );
      expect(shownTotals).toEqual(Object.fromEntries(SUMMARY_FIELDS.map(([k]) => [k, totals[k]])));
      return true;
    },
    120_000,
  );
}

async function expectOverview(page: Page, username: string, shotName: string): Promise<void> {
  await lookAt(page, CAMPAIGN, '/overview');
  await page.getByTestId('phase-timeline').waitFor();
  // Today on the campaign's compressed clock: a day of its 2024 calendar, not the machine's date.
  await expect(page.getByTestId('campaign-today').innerText()).resolves.toMatch(/^2024年9月\d{1,2}日$/);
  await expect(page.getByTestId('timeline-today').innerText()).resolves.toBe('今天');
  await expect(page.getByTestId('campaign-phase').innerText()).resolves.toMatch(/自查自纠|市（州）排查|已发起/);
  await expectOverviewFiguresAsTheApi(page, username);
  // The chart: drawn (SVG), its legend the figures' names, its label every city's numbers.
  const chart = page.getByTestId('city-progress-chart');
  await chart.locator('svg').waitFor();
  const drawn = (await chart.locator('svg text').allTextContents()).map((t) => t.trim());
  for (const name of ['尚未办结（待核查）', '已核查', '确认挂证', '自查自纠整改（已整改）', '注销注册']) expect(drawn).toContain(name);
  expect(await chart.getAttribute('aria-label')).toMatch(/长春市：尚未办结（待核查） \d+，已核查 \d+/);
  await expect(page.getByTestId('deadlines').locator('tr.ant-table-row').count()).resolves.toBeGreaterThan(0);
  await expectNoErrorShown(page);
  await expectAccessible(page);
  await shot(page, shotName);
}

describe('the overview', () => {
  it("shows the coordinator the phases with the campaign's own today, the per-city chart, and each city's figures as the API gives them", async () => {
    await expectOverview(coordinator, 'coordinator', 'province-overview-coordinator');
  }, 240_000);

  it('shows a supervisor the same overview', async () => {
    const supervisor = await logIn(stack, 'supervisor');
    try {
      await expectOverview(supervisor, 'supervisor', 'province-overview-supervisor');
    } finally {
      await supervisor.close();
    }
  }, 240_000);
});

describe('data imports and snapshots', () => {
  it('uploads a CSV of units, follows its import to the end, and offers its rejected row for download', async () => {
    await openPage(coordinator, '/imports');
    await expectNoErrorShown(coordinator);
    const row = coordinator.getByTestId('upload-units');
    // One good row, one without a name (rejected and listed; the good one is still imported).
    const code = '91220101MA0000079';
    const bad = `${code.slice(0, 16)}8`;
    await row.locator('input[type=file]').setInputFiles({
      name: UPLOADED,
      mimeType: 'text/csv',
      buffer: Buffer.from(`unit_code,unit_name\n${code}${usccCheckCharacter(code)},长春测试建设有限公司\n${bad}${usccCheckCharacter(bad)},\n`),
    });
    const outcome = row.getByTestId('import-outcome');
    await outcome.waitFor({ timeout: 90_000 });
    await expect(outcome.innerText()).resolves.toMatch(/导入完成[\s\S]*已导入 1[\s\S]*拒收 1/);
    // Another file of the source may be uploaded now.
    await expect(row.getByRole('button', { name: '上传单位信息文件' }).isEnabled()).resolves.toBe(true);

    // The batch is listed with its counts; its issues download as CSV with the reason in Chinese.
    const listed = coordinator.getByTestId('batches-table').locator('tr', { hasText: UPLOADED });
    await listed.waitFor();
    await expect(listed.getByTestId('rows-rejected').innerText()).resolves.toBe('1');
    await expect(listed.innerText()).resolves.toContain('已完成');
    const [download] = await Promise.all([coordinator.waitForEvent('download'), listed.getByRole('button', { name: /下载问题清单/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^batch-\d+-issues\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('unit_name');
    await expectNoErrorShown(coordinator);
    await expectAccessible(coordinator);
    await shot(coordinator, 'province-imports');
  }, 150_000);

  it("lists the batch to the city's 公积金中心 without the issues download the API refuses it", async () => {
    const fund = await logIn(stack, 'fund2201');
    try {
      await openPage(fund, '/imports');
      const listed = fund.getByTestId('batches-table').locator('tr', { hasText: UPLOADED });
      await listed.waitFor();
      await expect(listed.getByTestId('rows-rejected').innerText()).resolves.toBe('1');
      await expect(fund.getByRole('button', { name: /下载问题清单/ }).count()).resolves.toBe(0);
      await expectNoErrorShown(fund);
    } finally {
      await fund.close();
    }
  }, 90_000);

  it('makes a snapshot of the newest batch of each source, the upload among them, and lists it with its sources', async () => {
    await openPage(coordinator, '/snapshots');
    await expectNoErrorShown(coordinator);
    // The seed's snapshot is listed with its sources and row counts, and can be launched with.
    await expect(coordinator.getByTestId('snapshots-table').innerText()).resolves.toMatch(/browser-test[\s\S]*注册信息 [\d,]+ 行/);
    const uploaded = coordinator.getByTestId('snapshot-batches').locator('tr', { hasText: UPLOADED });
    await expect(uploaded.locator('input[type=checkbox]').isChecked()).resolves.toBe(true);
    await expectAccessible(coordinator);
    await coordinator.getByLabel('快照名称').fill('省级页面测试快照');
    await coordinator.getByRole('button', { name: '生成快照' }).click();
    const made = coordinator.getByTestId('snapshots-table').locator('tr', { hasText: '省级页面测试快照' });
    await made.waitFor();
    await expect(made.innerText()).resolves.toMatch(/单位信息 1 行[\s\S]*可用/);
    const { items } = (await (await apiAs('coordinator'))('/snapshots')) as { items: { label: string; batches: { fileName: string }[] }[] };
    expect(items.find((s) => s.label === '省级页面测试快照')?.batches.map((b) => b.fileName)).toContain(UPLOADED);
    await shot(coordinator, 'province-snapshots');
  }, 60_000);
});

describe('launching a campaign', () => {
  it('prefills the seed calendar and every city, and refuses in Chinese beside the field before sending', async () => {
    await openPage(coordinator, '/campaigns/new');
    await expectNoErrorShown(coordinator);
    await expectAccessible(coordinator);
    await expect(coordinator.getByLabel('自查自纠开始日期').inputValue()).resolves.toBe('2024-09-01');
    await expect(coordinator.getByLabel('自查自纠截止日期').inputValue()).resolves.toBe('2024-10-31');
    await expect(coordinator.getByLabel('进展通报日期').inputValue()).resolves.toBe('2024-11-05');
    await expect(coordinator.getByLabel('市（州）排查截止日期').inputValue()).resolves.toBe('2025-01-31');
    await expect(coordinator.getByLabel('省厅核查截止日期').inputValue()).resolves.toBe('2025-02-28');
    await expect(coordinator.getByRole('group', { name: '参与市（州）' }).locator('input[type=checkbox]:checked').count()).resolves.toBe(9);

    // An id with capitals and no snapshot: refused beside each field, before anything is sent; focus on the first.
    await coordinator.getByLabel('行动编号').fill('Bad ID');
    await coordinator.getByRole('button', { name: /^发\s*起$/ }).click();
    const idItem = coordinator.locator('.ant-form-item', { has: coordinator.getByLabel('行动编号') });
    await idItem.locator('.ant-form-item-explain-error').waitFor();
    await expect(idItem.locator('.ant-form-item-explain-error').innerText()).resolves.toContain('行动编号只能由小写字母、数字和“-”组成');
    const snapshotItem = coordinator.locator('.ant-form-item', { has: coordinator.getByLabel('数据快照') });
    await expect(snapshotItem.locator('.ant-form-item-explain-error').innerText()).resolves.toBe('请选择数据快照');
    await expect(coordinator.evaluate(() => document.activeElement?.id)).resolves.toBe('launch_id');
    await expect(coordinator.getByLabel('行动编号').getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(coordinator, 'province-launch-refused');
  }, 60_000);

  it("puts the API's refusal beside its field and leaves the form usable, warns of past dates before launching, then launches and lists the campaign", async () => {
    await openPage(coordinator, '/campaigns/new');
    const api = await apiAs('coordinator');
    // An id in use: the API's check refuses it, in Chinese, beside the id; nothing is launched.
    await coordinator.getByLabel('行动编号').fill(CAMPAIGN);
    await coordinator.getByLabel('数据快照').click();
    await coordinator.locator('.ant-select-item-option', { hasText: '省级页面测试快照' }).click();
    // Only 长春市, to keep the test's worker light.
    const cities = coordinator.getByRole('group', { name: '参与市（州）' });
    await coordinator.getByRole('button', { name: /全不选/ }).click();
    await cities.getByLabel('长春市').check();
    await coordinator.getByRole('button', { name: /^发\s*起$/ }).click();
    const idItem = coordinator.locator('.ant-form-item', { has: coordinator.getByLabel('行动编号') });
    await idItem.locator('.ant-form-item-explain-error', { hasText: '已被使用' }).waitFor();
    await expect(coordinator.getByTestId('launch-failure').innerText()).resolves.toContain('请按标出字段旁的说明修改后再发起');
    forgetProvokedRefusal(coordinator, 409);
    await shot(coordinator, 'province-launch-id-in-use');

    // The seed calendar lies in the past of the real calendar: the API's warnings are shown to confirm, and going back launches nothing.
    await coordinator.getByLabel('行动编号').fill(LAUNCHED);
    await coordinator.getByRole('button', { name: /^发\s*起$/ }).click();
    const confirm = coordinator.getByTestId('launch-confirm');
    await confirm.waitFor();
    await expect(confirm.getByTestId('launch-warnings').innerText()).resolves.toMatch(/「自查自纠开始日期」（2024-09-01）已过/);
    await expect(confirm.innerText()).resolves.toContain('长春市');
    await shot(coordinator, 'province-launch-past-dates');
    await coordinator.getByRole('button', { name: '返回修改' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect(api('/campaigns')).resolves.toEqual({ items: expect.not.arrayContaining([expect.objectContaining({ id: LAUNCHED })]) });

    // The demo clock starts the calendar now: nothing is past; confirm, and the overview opens on the new campaign.
    await coordinator.getByRole('button', { name: /演示时钟/ }).click();
    await coordinator.getByLabel('压缩时钟（演示用）').check();
    await coordinator.getByLabel('每个日历日折合（分钟）').fill('1440');
    await shot(coordinator, 'province-launch-demo-clock');
    await coordinator.getByRole('button', { name: /^发\s*起$/ }).click();
    await confirm.waitFor();
    expect(await confirm.getByTestId('launch-warnings').count()).toBe(0);
    await coordinator.getByRole('button', { name: '确认发起' }).click();
    await coordinator.waitForURL(/#\/overview$/, { timeout: 60_000 });
    await coordinator.getByTestId('phase-timeline').waitFor({ timeout: 60_000 });
    await expect(coordinator.locator('.ant-descriptions').first().innerText()).resolves.toContain('吉林省注册执业人员挂证专项治理');
    await expect(api(`/campaigns/${LAUNCHED}`)).resolves.toMatchObject({ id: LAUNCHED, cities: ['2201'] });

    await openPage(coordinator, '/campaigns');
    const listed = coordinator.getByTestId('campaigns-table').locator('tr', { hasText: LAUNCHED });
    await listed.waitFor();
    await expect(listed.innerText()).resolves.toMatch(/自查自纠|已发起/);
    await expect(listed.innerText()).resolves.toContain('进行中');
    await expectNoErrorShown(coordinator);
    await expectAccessible(coordinator);
    await shot(coordinator, 'province-campaigns');
    // Its overview link makes it the current campaign again.
    await listed.getByRole('button', { name: /查看进展/ }).click();
    await coordinator.waitForURL(/#\/overview$/);
    await expect(coordinator.locator('#campaign-select').locator('..').innerText()).resolves.toContain('吉林省注册执业人员挂证专项治理');
  }, 180_000);
});

describe('reviewing the cities’ submissions', () => {
  it('shows each submitted version with its figures and file, approves one and returns another with its reason', async () => {
    // 长春市 and 吉林市 submit their self-check summaries.
    for (const [officer, city] of [
      ['officer2201', '2201'],
      ['officer2202', '2202'],
    ] as const) {
      await (
        await apiAs(officer)
      )(`/campaigns/${CAMPAIGN}/cities/${city}/submissions/self_check`, { method: 'POST', body: { summary: `${city} 自查自纠工作已完成` } });
      // Issue 21: the city's 人社局 signs it; only then does it reach the province.
      await (
        await apiAs(`hr${city}`)
      )(`/campaigns/${CAMPAIGN}/cities/${city}/submissions/self_check/1/signoff`, { method: 'POST' });
    }
    const api = await apiAs('coordinator');
    // The 汇总表 is rendered just after the city's answer.
    await until('the submitted files', async () => {
      const lists = await Promise.all(['2201', '2202'].map((c) => api(`/campaigns/${CAMPAIGN}/cities/${c}/submissions`)));
      return lists.every((l) => (l.items as { files: unknown[] }[]).some((s) => s.files.length > 0));
    });
    await lookAt(coordinator, CAMPAIGN, '/reviews');
    const changchun = coordinator.locator('[data-submission="2201/self_check/1"]');
    const jilin = coordinator.locator('[data-submission="2202/self_check/1"]');
    await changchun.waitFor();
    await expect(changchun.innerText()).resolves.toContain('2201 自查自纠工作已完成');
    // On time or late as the API marks it (the compressed self-check deadline may have passed by now).
    const [v1] = (await api(`/campaigns/${CAMPAIGN}/cities/2201/submissions`)).items as { late: boolean }[];
    await expect(changchun.innerText()).resolves.toContain(v1.late ? '逾期报送' : '按时报送');
    await expectNoErrorShown(coordinator);
    await expectAccessible(coordinator);
    await shot(coordinator, 'province-reviews');

    // The file beside the actions downloads under its Chinese name.
    const [file] = await Promise.all([
      coordinator.waitForEvent('download'),
      changchun
        .getByRole('button', { name: /下载 .*\.xlsx/ })
        .first()
        .click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^长春市.*\.xlsx$/);

    // Both sign-offs are shown; 省住建厅 approves its part, and the version waits for 省人社厅's.
    await expect(changchun.getByTestId('signoffs').innerText()).resolves.toMatch(/住建局 officer2201[\s\S]*人社局 hr2201/);
    await changchun.getByRole('button', { name: /^通过（住建部分）$/ }).click();
    await coordinator
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^通\s*过$/ })
      .click();
    await changchun.getByTestId('part-approved').waitFor();
    await changchun.getByTestId('review-awaiting-hr').waitFor();
    await (
      await apiAs('hr22')
    )(`/campaigns/${CAMPAIGN}/cities/2201/submissions/self_check/1/review`, { method: 'POST', body: { decision: 'approve' } });
    await coordinator.reload();
    await jilin.waitFor();
    await changchun.waitFor({ state: 'detached' });

    // A return needs its reason: refused in Chinese beside the field, then sent.
    await jilin.getByRole('button', { name: /^退\s*回$/ }).click();
    const dialog = coordinator.getByRole('dialog');
    await dialog.getByLabel('退回理由').waitFor();
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '退回须填写理由' }).waitFor();
    await dialog.getByLabel('退回理由').fill('申报数据与台账不一致，请核实后重新报送');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await jilin.waitFor({ state: 'detached' });

    const history = coordinator.getByTestId('review-history');
    await expect(history.locator('tr', { hasText: '长春市' }).getByTestId('review-status').innerText()).resolves.toBe('已通过');
    await expect(history.locator('tr', { hasText: '吉林市' }).innerText()).resolves.toContain('申报数据与台账不一致');
    const [c2201, c2202] = await Promise.all(['2201', '2202'].map((c) => api(`/campaigns/${CAMPAIGN}/cities/${c}/submissions`)));
    expect(c2201.items).toEqual([expect.objectContaining({ version: 1, status: 'approved' })]);
    expect(c2202.items).toEqual([expect.objectContaining({ version: 1, status: 'returned', comments: '申报数据与台账不一致，请核实后重新报送' })]);
    await expectNoErrorShown(coordinator);
    await shot(coordinator, 'province-reviews-done');
  }, 180_000);
});

describe('the progress notice', () => {
  it('shows the notice the campaign produced, with its figures per city, and downloads it', async () => {
    const api = await apiAs('coordinator');
    const state = await until(
      'the progress notice and its file',
      async () => {
        const s = (await api(`/campaigns/${CAMPAIGN}/progress-notice`)) as { report: { fileName: string } | null; notice: { cities: unknown[] } | null };
        return s.report && s.notice ? s : undefined;
      },
      150_000,
    );
    await lookAt(coordinator, CAMPAIGN, '/notice');
    const meta = coordinator.getByTestId('notice-meta');
    await meta.waitFor();
    await expect(meta.innerText()).resolves.toContain(state.report!.fileName);
    await expect(coordinator.getByTestId('notice-cities').locator('tr.ant-table-row').count()).resolves.toBe(state.notice!.cities.length);
    await coordinator.getByTestId('notice-chart').locator('svg').waitFor();
    await expectNoErrorShown(coordinator);
    await expectAccessible(coordinator);
    await shot(coordinator, 'province-notice');
    const [download] = await Promise.all([coordinator.waitForEvent('download'), meta.getByRole('button', { name: /下载通报/ }).click()]);
    expect(download.suggestedFilename()).toBe(state.report!.fileName);
  }, 200_000);
});

describe('the ban look-up', () => {
  let banned: string;
  let caseId: string;

  beforeAll(async () => {
    const c = await decidableCase(stack, CAMPAIGN, '2201');
    caseId = c.caseId;
    const { rows } = await stack.db.pool.query<{ id_number: string }>('SELECT id_number FROM case_file WHERE case_id = $1', [caseId]);
    banned = rows[0].id_number;
    await stack.db.pool.query(
      `INSERT INTO registration_ban (case_id, id_number, start_date, end_date) VALUES ($1, $2, current_date - 10, current_date + 1000)`,
      [caseId, banned],
    );
  }, 120_000);

  async function lookUp(page: Page, idNumber: string): Promise<string> {
    await page.getByLabel('身份证号').fill(idNumber);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const verdict = page.getByTestId('ban-verdict');
    await verdict.waitFor();
    return verdict.innerText();
  }

  const free = () => {
    const first17 = '22010219800101001';
    return `${first17}${idCheckCharacter(first17)}`;
  };

  it.each([['coordinator'], ['officer2201']])(
    'tells %s whether a person is banned, until when, and refuses a wrong ID number in Chinese',
    async (user) => {
      const page = user === 'coordinator' ? coordinator : await logIn(stack, user);
      try {
        await openPage(page, '/bans');
        await expectNoErrorShown(page);
        await expectAccessible(page);
        // A wrong check character: refused beside the field, nothing sent.
        await page.getByLabel('身份证号').fill(`${banned.slice(0, 17)}${banned[17] === '0' ? '1' : '0'}`);
        await page.getByRole('button', { name: /查\s*询/ }).click();
        await page.locator('.ant-form-item-explain-error', { hasText: '身份证号无效：校验位错误' }).waitFor();

        await expect(lookUp(page, banned)).resolves.toMatch(/^该人员处于禁止注册期内，至 \d{4}年\d{1,2}月\d{1,2}日 止$/);
        const result = page.getByTestId('ban-result');
        await expect(result.innerText()).resolves.toContain(`${banned.slice(0, 6)}********${banned.slice(-4)}`);
        expect(await result.innerText()).not.toContain(banned);
        await expect(result.getByRole('link', { name: '查看案件' }).getAttribute('href')).resolves.toContain(encodeURIComponent(caseId));
        await shot(page, `province-bans-${user}`);

        await expect(lookUp(page, free())).resolves.toBe('该人员不在禁止注册期内，注册未被冻结');
        await expectNoErrorShown(page);
      } finally {
        if (page !== coordinator) await page.close();
      }
    },
    90_000,
  );
});

describe('the outside authorities', () => {
  it('adds an authority a case may be referred to, lists it, and changes its name and whether it is offered', async () => {
    const code = `test-${Date.now().toString(36)}`;
    await openPage(coordinator, '/outside-authorities');
    await expectNoErrorShown(coordinator);
    // A code the API would refuse is refused beside the field first.
    await coordinator.getByLabel('部门代码').fill('省 公安');
    await coordinator.getByLabel('部门名称').fill('吉林省公安厅（测试）');
    await coordinator.getByRole('button', { name: /保\s*存/ }).click();
    await coordinator.locator('.ant-form-item-explain-error', { hasText: '应为1至40位小写字母、数字、下划线或连字符' }).waitFor();

    await coordinator.getByLabel('部门代码').fill(code);
    await coordinator.getByRole('button', { name: /保\s*存/ }).click();
    const listed = coordinator.getByTestId('outside-authorities-table').locator('tr', { hasText: code });
    await listed.waitFor();
    await expect(listed.innerText()).resolves.toMatch(/吉林省公安厅（测试）[\s\S]*可选/);

    // Renamed and no longer offered: the list says so, and so does the API the decision form reads.
    await listed.getByRole('button', { name: /修\s*改/ }).click();
    await expect(coordinator.getByLabel('部门代码').isDisabled()).resolves.toBe(true);
    await coordinator.getByLabel('部门名称').fill('吉林省公安厅经侦总队（测试）');
    await coordinator.getByRole('switch').click();
    await coordinator.getByRole('button', { name: /保\s*存/ }).click();
    await coordinator.getByTestId('outside-authorities-table').locator('tr', { hasText: '吉林省公安厅经侦总队（测试）' }).waitFor();
    await expect(listed.innerText()).resolves.toContain('停用');
    const api = await apiAs('coordinator');
    const { items } = (await api('/outside-authorities')) as { items: { code: string; name: string; active: boolean }[] };
    expect(items.find((a) => a.code === code)).toMatchObject({ name: '吉林省公安厅经侦总队（测试）', active: false });
    await expectNoErrorShown(coordinator);
    await expectAccessible(coordinator);
    await shot(coordinator, 'province-outside-authorities');
  }, 90_000);
});
