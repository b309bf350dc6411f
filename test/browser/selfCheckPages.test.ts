/// <reference lib="dom" />
/**
 * The self-check list page (自查自纠名单, issue 21 items 3–4) in a real browser against the real
 * stack: the city officer sees the flagged persons and units of the city's screening and downloads a
 * unit's 自查自纠告知书 (a .docx); the province coordinator adds fresh data (a social-insurance file
 * sent again, one person now paid by an unrelated firm) to the running campaign from the snapshots
 * page, with a confirmation, and sees the city re-screened; the officer then sees that re-screening
 * and the person newly flagged by it. The campaign stays in phase 1 (its self-check phase lasts 30
 * calendar days of 15 s).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importFile } from '../../dataImport/importFile';
import { generateDataset } from '../../datagen/generate';
import { launchCampaign } from '../../services/launchCampaign';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import { endCampaign, expectNoErrorShown, logIn, openPage, seriousAccessibilityFindings, shot, until } from './support/consolePages';

const CAMPAIGN = `selfcheck-${Date.now().toString(36)}`;
const CITY = '2201';

let stack: ConsoleStack;
let dataDir: string;

beforeAll(async () => {
  stack = await startConsoleStack();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gz-selfcheck-'));
  await launchCampaign(
    { client: stack.client, pool: stack.db.pool, taskQueue: stack.taskQueue },
    {
      id: CAMPAIGN,
      name: '自查自纠浏览器测试',
      calendar: {
        selfCheck: { start: '2024-09-01', deadline: '2024-09-30' },
        progressNotice: { date: '2024-10-03' },
        investigation: { start: '2024-10-01', deadline: '2024-10-31' },
        provincialVerification: { start: '2024-11-01', deadline: '2024-11-10' },
      },
      cities: [CITY],
      dataSources: { snapshotId: stack.snapshotId },
      rules: { reminderAfterDays: 30, escalateAfterDays: 40 },
      clock: { kind: 'compressed', start: new Date(Date.now() + 500).toISOString(), minutesPerDay: 0.25 },
    },
    { launchedBy: 'coordinator' },
  );
  await until(
    'the screening at launch',
    async () => {
      const { rows } = await stack.db.pool.query('SELECT 1 FROM city_progress WHERE campaign_id = $1 AND city_code = $2 AND screening_run_id IS NOT NULL', [
        CAMPAIGN,
        CITY,
      ]);
      return rows.length > 0;
    },
    60_000,
  );
}, 240_000);

afterAll(async () => {
  await endCampaign(stack, CAMPAIGN);
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** The seed's social-insurance file again (the same generator and seed), with one person's rows paid by `unitName`. */
async function socialInsuranceAgain(idNumber: string, unitName: string): Promise<number> {
  const { files } = await generateDataset({ persons: 240, seed: 7, outDir: dataDir, months: 6 });
  const [header, ...lines] = readFileSync(files.socialInsurance, 'utf8').split('\n');
  const cols = header.split(',');
  const [id, name, code] = ['id_number', 'unit_name', 'unit_code'].map((c) => cols.indexOf(c));
  const out = lines.map((line) => {
    const cells = line.split(',');
    if ((cells[id] ?? '').toUpperCase() !== idNumber) return line;
    cells[name] = unitName;
    cells[code] = '';
    return cells.join(',');
  });
  const file = path.join(dataDir, 'si-again.csv');
  writeFileSync(file, [header, ...out].join('\n'));
  return (await importFile(stack.db.pool, { source: 'social_insurance', filePath: file, importedBy: 'browser-test' })).batchId;
}

describe('自查自纠名单', () => {
  it('shows the city officer the flagged persons and units, and downloads a unit notice as a .docx', async () => {
    const page = await logIn(stack, `officer${CITY}`);
    try {
      await openPage(page, '/self-check-list');
      await expect(page.locator('h1').first().innerText()).resolves.toContain('自查自纠名单');
      const units = page.getByTestId('self-check-units');
      await units.locator('tbody tr.ant-table-row').first().waitFor();
      const persons = page.getByTestId('self-check-persons');
      await persons.locator('tbody tr.ant-table-row').first().waitFor();
      // The flags in Chinese, the ID number whole for the city's own officer.
      const { rows } = await stack.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM screening_result r JOIN city_progress p ON p.screening_run_id = r.run_id AND p.city_code = r.city_code
         WHERE p.campaign_id = $1 AND p.city_code = $2`,
        [CAMPAIGN, CITY],
      );
      expect(rows[0].n).toBeGreaterThan(0);
      await expect(page.getByText(`疑似人员 ${rows[0].n} 人`).count()).resolves.toBe(1);
      expect(await persons.locator('tbody tr.ant-table-row').first().locator('td').first().innerText()).toMatch(/^\d{17}[\dX]$/);
      expect(await persons.locator('.ant-tag').first().innerText()).toMatch(/[\u4e00-\u9fa5]/);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        units
          .getByRole('button', { name: /下载告知书/ })
          .first()
          .click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const bytes = readFileSync(await download.path());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

      await expectNoErrorShown(page);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await shot(page, 'self-check-list');
    } finally {
      await page.close();
    }
  }, 90_000);

  it('lets the coordinator add fresh data to the running campaign, and shows the officer the re-screening and its changes', async () => {
    // A registered person of the city not on its list, now paid by an unrelated firm.
    const { rows } = await stack.db.pool.query<{ id_number: string }>(
      `SELECT DISTINCT g.id_number FROM data_snapshot_batch b JOIN registration g ON g.batch_id = b.batch_id
       JOIN social_insurance s ON s.id_number = g.id_number
       WHERE b.snapshot_id = $1 AND g.city_code = $2::bpchar AND g.status = 'valid'
         AND g.id_number NOT IN (SELECT r.id_number FROM screening_result r JOIN city_progress p ON p.screening_run_id = r.run_id
                                 WHERE p.campaign_id = $3 AND p.city_code = $2)
       ORDER BY g.id_number LIMIT 1`,
      [stack.snapshotId, CITY, CAMPAIGN],
    );
    const becomes = rows[0].id_number;
    const batchId = await socialInsuranceAgain(becomes, '吉林省复筛测试无关劳务有限公司');

    const coordinator = await logIn(stack, 'coordinator');
    try {
      // The coordinator reads a city's list after choosing the city (长春市 first).
      await openPage(coordinator, '/self-check-list');
      await expect(coordinator.locator('h1').first().innerText()).resolves.toContain('长春市');
      await coordinator.getByTestId('self-check-units').locator('tbody tr.ant-table-row').first().waitFor();
      await expect(coordinator.getByTestId('rescreens').locator('tbody tr.ant-table-row').count()).resolves.toBe(0);

      await openPage(coordinator, '/snapshots');
      const add = coordinator.getByTestId('add-snapshot-to-campaign');
      await add.waitFor();
      // The newest batch of each source is chosen: the file sent again among them.
      await expect(coordinator.getByRole('checkbox', { name: new RegExp(`选择批次 ${batchId}（`) }).isChecked()).resolves.toBe(true);
      await add.getByRole('button', { name: /加入进行中的行动并重新比对/ }).click();
      await coordinator.getByRole('button', { name: /确认加入/ }).click();
      const result = coordinator.getByTestId('add-snapshot-result');
      await result.waitFor({ timeout: 60_000 });
      await expect(result.locator('tbody tr.ant-table-row').first().innerText()).resolves.toContain('已复筛');
      await expectNoErrorShown(coordinator);
      expect(await seriousAccessibilityFindings(coordinator)).toEqual([]);
      await shot(coordinator, 'snapshot-added-to-campaign');
    } finally {
      await coordinator.close();
    }

    const { rows: change } = await stack.db.pool.query<{ rescreen_id: string }>(
      `SELECT ch.rescreen_id FROM rescreen_change ch JOIN rescreen_run r ON r.id = ch.rescreen_id
       WHERE r.campaign_id = $1 AND r.city_code = $2 AND ch.id_number = $3 AND ch.change = 'newly_flagged'`,
      [CAMPAIGN, CITY, becomes],
    );
    expect(change).toHaveLength(1);
    const rescreenId = change[0].rescreen_id;

    const page = await logIn(stack, `officer${CITY}`);
    try {
      await openPage(page, '/self-check-list');
      const rescreens = page.getByTestId('rescreens');
      await rescreens.getByRole('button', { name: `查看变化（第 ${rescreenId} 次复筛）` }).click();
      const row = page.getByTestId('rescreen-changes').locator('tbody tr.ant-table-row', { hasText: becomes });
      await row.waitFor();
      await expect(row.innerText()).resolves.toContain('新增疑似');
      // The newly flagged person is on the city's list now.
      await page.getByTestId('self-check-persons').locator('tbody tr.ant-table-row').first().waitFor();
      await expectNoErrorShown(page);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await shot(page, 'self-check-rescreen-changes');
    } finally {
      await page.close();
    }
  }, 120_000);
});
