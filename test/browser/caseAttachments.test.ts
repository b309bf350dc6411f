/// <reference lib="dom" />
/**
 * The case page's evidence files (证据材料, issue 20) in a real browser against the real stack:
 * 长春市's officer uploads a scanned PDF with the Upload button, sees it listed with its checksum,
 * downloads the same bytes, and is told in Chinese why a ZIP named .pdf was refused (what its
 * content was found to be); the file is stored once, by who added it. The supervisor, who reads
 * cases masked, gets no evidence section. The case is written straight into the read model (the
 * page needs no workflow to list and store files).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { seedCampaignWithCases } from '../e2e/apiSupport/seed';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import { expectNoErrorShown, logIn, openPage, seriousAccessibilityFindings, shot } from './support/consolePages';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%询问笔录（扫描件）\ntrailer<<>>\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let stack: ConsoleStack;
let officer: Page;
let caseId: string;

beforeAll(async () => {
  stack = await startConsoleStack();
  const seeded = await seedCampaignWithCases(stack.db.pool, { campaignId: `evidence-${Date.now().toString(36)}`, cities: ['2201'], persons: 1 });
  caseId = seeded.caseIds['2201'][0];
  officer = await logIn(stack, 'officer2201');
}, 300_000);

afterAll(async () => {
  await officer?.close();
  await stack?.stop();
}, 60_000);

describe('the case page’s evidence files', () => {
  it('uploads a file, lists it with its checksum, and downloads the same bytes', async () => {
    await openPage(officer, `/cases/${encodeURIComponent(caseId)}`);
    const section = officer.getByTestId('case-attachments');
    await section.waitFor();
    await expect(section.innerText()).resolves.toContain('尚无证据材料');
    expect(await seriousAccessibilityFindings(officer)).toEqual([]);

    await section.locator('input[type=file]').setInputFiles({ name: '询问笔录.pdf', mimeType: 'application/pdf', buffer: PDF });
    await section.getByRole('button', { name: '询问笔录.pdf' }).waitFor();
    await expect(section.innerText()).resolves.toContain(sha(PDF).slice(0, 12));
    const { rows } = await stack.db.pool.query(`SELECT file_name, content_type, sha256, added_by FROM attachment WHERE owner_kind = 'case' AND owner_id = $1`, [
      caseId,
    ]);
    expect(rows).toEqual([{ file_name: '询问笔录.pdf', content_type: 'application/pdf', sha256: sha(PDF), added_by: 'officer2201' }]);

    const [download] = await Promise.all([officer.waitForEvent('download'), section.getByRole('button', { name: '询问笔录.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('询问笔录.pdf');
    expect(sha(await readFile(await download.path()))).toBe(sha(PDF));
    await expectNoErrorShown(officer);
    await shot(officer, 'case-evidence-files');
  }, 120_000);

  it('says why a file was refused, naming it and what its content was found to be, and keeps nothing', async () => {
    const section = officer.getByTestId('case-attachments');
    await section
      .locator('input[type=file]')
      .setInputFiles({ name: '劳动合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\u0003\u0004 not a pdf') });
    const alert = section.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('附件「劳动合同.pdf」类型不受支持：按文件内容检测为ZIP 压缩包');
    const { rows } = await stack.db.pool.query(`SELECT count(*)::int AS n FROM attachment WHERE owner_kind = 'case' AND owner_id = $1`, [caseId]);
    expect(rows[0].n).toBe(1);
    expect(await seriousAccessibilityFindings(officer)).toEqual([]);
    await shot(officer, 'case-evidence-refused');
  }, 90_000);

  it('is not on the page for the supervisor, who reads cases masked', async () => {
    const supervisor = await logIn(stack, 'supervisor');
    try {
      await openPage(supervisor, `/cases/${encodeURIComponent(caseId)}`);
      await supervisor.locator('#sec-case').waitFor();
      expect(await supervisor.getByTestId('case-attachments').count()).toBe(0);
      await expectNoErrorShown(supervisor);
    } finally {
      await supervisor.close();
    }
  }, 60_000);
});
