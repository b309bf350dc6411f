/// <reference lib="dom" />
/**
 * Assignment (承办人, issue 20 item 4) in a real browser against the real stack, per role: 长春市's
 * responsible person (leader2201) assigns the open cases by district on 案件分配 (the districts
 * listed with their counts, a preview per officer, a confirmation) and reassigns one case on its
 * page with a reason; the officer's worklist then opens on 我的 (in the address), with the
 * 承办人 column and filter; the case page shows the 承办人 and their history to every role
 * (without the reason for supervisors and auditors); every other user is refused 案件分配.
 */
import type { Page } from 'playwright-core';
import { startConsoleStack, type ConsoleStack } from './support/consoleStack';
import {
  decidableCase,
  endCampaign,
  expectNoErrorShown,
  logIn,
  launchCompressedCampaign,
  openPage,
  seriousAccessibilityFindings,
  shot,
  until,
} from './support/consolePages';

const CAMPAIGN = `assign-${Date.now().toString(36)}`;
const OFFICER_NAME = '长春市经办人（演示）';
const LEADER_NAME = '长春市负责人（演示）';
const REASON = '原承办人外出培训，改由负责人承办';

let stack: ConsoleStack;
let leader: Page;
/** The case reassigned on its page (from officer2201 to leader2201, with REASON). */
let reassigned: string;

const count = async (sql: string, args: unknown[]): Promise<number> => (await stack.db.pool.query<{ n: number }>(sql, args)).rows[0].n;

/** Picks the option containing `text` in the open Ant Design dropdown (not one still closing). */
async function pick(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Confirms a bulk assignment: under load a click can land while the confirmation is still opening, so it is clicked again until the result shows. */
async function confirmAssignment(page: Page): Promise<void> {
  const confirmation = page.locator('.ant-modal-confirm');
  await until('the assignment confirmed', async () => {
    if ((await page.getByTestId('assignment-done').count()) > 0) return true;
    if ((await confirmation.count()) > 0) {
      await confirmation
        .getByRole('button', { name: '确认分配' })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    }
    return false;
  });
}

/** Closes a multiple select's dropdown and waits until none is showing. */
async function closeDropdown(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await until('the dropdown closed', async () => (await page.locator('.ant-select-dropdown:visible').count()) === 0);
}

beforeAll(async () => {
  stack = await startConsoleStack();
  await launchCompressedCampaign(stack, CAMPAIGN, ['2201']);
  await decidableCase(stack, CAMPAIGN, '2201');
  // Every case of the city is there once one is ready (the shard opens them together).
  await until(
    'the cases of 2201',
    async () => (await count(`SELECT count(*)::int AS n FROM case_file WHERE campaign_id = $1 AND ready_at IS NOT NULL`, [CAMPAIGN])) > 1,
  );
  leader = await logIn(stack, 'leader2201');
}, 300_000);

afterAll(async () => {
  await leader?.close();
  await endCampaign(stack, CAMPAIGN);
  await stack?.stop();
}, 60_000);

describe("the responsible person's 案件分配", () => {
  it('lists the districts, previews the cases per officer, and assigns them after a confirmation', async () => {
    const menu = await leader.locator('nav .ant-menu-item').allInnerTexts();
    expect(menu.map((m) => m.trim())).toContain('案件分配');
    await openPage(leader, '/assignments');
    await expectNoErrorShown(leader);
    // The districts of the open, unassigned cases, read from the registration units' codes.
    const firstGroup = leader.locator('[data-testid^="group-22"]').first();
    await firstGroup.waitFor();
    expect(await seriousAccessibilityFindings(leader)).toEqual([]);
    await firstGroup.click();
    await pick(leader, 'officer2201');
    await closeDropdown(leader);
    await leader.getByTestId('group-*').click();
    await pick(leader, 'leader2201');
    await closeDropdown(leader);
    await leader.getByTestId('assignment-preview').click();
    await leader.getByTestId('assignment-plan').waitFor();
    const planned = (await leader.getByTestId('plan-count').allInnerTexts()).map(Number);
    const open = await count(`SELECT count(*)::int AS n FROM case_file WHERE campaign_id = $1 AND status = 'open'`, [CAMPAIGN]);
    expect(planned.reduce((a, b) => a + b, 0)).toBe(open);
    expect(planned[0]).toBeGreaterThan(0);
    await shot(leader, 'assignments-preview-leader');

    await leader.getByTestId('assignment-apply').click();
    await leader.getByTestId('confirm-assignment').waitFor();
    await confirmAssignment(leader);
    const assigned = async (who: string) =>
      count(`SELECT count(*)::int AS n FROM case_assignment a JOIN case_file c USING (case_id) WHERE c.campaign_id = $1 AND a.assignee = $2`, [CAMPAIGN, who]);
    expect([await assigned('officer2201'), await assigned('leader2201')]).toEqual(planned);
    await expectNoErrorShown(leader);
  }, 120_000);
});

describe("the officer's worklist", () => {
  it('opens on 我的 (in the address) for an officer with assigned cases, with the 承办人 column', async () => {
    const page = await logIn(stack, 'officer2201');
    await openPage(page, '/worklist');
    await until('mine in the address', async () => page.url().includes('assignee=me'));
    const mine = await count(
      `SELECT count(*)::int AS n FROM case_assignment a JOIN case_file c USING (case_id) WHERE c.campaign_id = $1 AND a.assignee = 'officer2201'`,
      [CAMPAIGN],
    );
    expect(mine).toBeGreaterThan(0);
    await until('my cases listed', async () => (await page.getByTestId('row-assignee').count()) === Math.min(mine, 20));
    expect(new Set(await page.getByTestId('row-assignee').allInnerTexts())).toEqual(new Set([OFFICER_NAME]));
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'worklist-mine-officer');
    // 全部 is a choice away, and stays in the address.
    await page.getByLabel('承办人', { exact: true }).click();
    await pick(page, '全部');
    await until('all in the address', async () => page.url().includes('assignee=all'));
    const all = await count(`SELECT count(*)::int AS n FROM case_file WHERE campaign_id = $1`, [CAMPAIGN]);
    await until('every case listed', async () => (await page.getByTestId('row-assignee').count()) === Math.min(all, 20));
    // Not the responsible person: no 案件分配, and no assigning on a case page.
    await openPage(page, '/assignments');
    await page.getByTestId('forbidden').waitFor();
    await page.close();
  }, 120_000);
});

describe('reassignment on the case page', () => {
  it('reassigns one case on its page with a reason, the history keeping both', async () => {
    const { rows } = await stack.db.pool.query<{ case_id: string }>(
      `SELECT a.case_id FROM case_assignment a JOIN case_file c USING (case_id) WHERE c.campaign_id = $1 AND a.assignee = 'officer2201' ORDER BY c.case_no LIMIT 1`,
      [CAMPAIGN],
    );
    reassigned = rows[0].case_id;
    await openPage(leader, `/cases/${reassigned}`);
    await expect(leader.getByTestId('case-assignee').innerText()).resolves.toContain(OFFICER_NAME);
    await leader.getByTestId('assign-case').click();
    const dialog = leader.locator('.ant-modal').filter({ hasText: '分配承办人' });
    // The officers load when the dialog opens: under load the list can redraw under the click, so the
    // choice is made again until the field shows it.
    // (The options list opens outside the dialog: only the chosen value puts the name inside it.)
    await until('leader2201 chosen', async () => {
      if ((await dialog.innerText()).includes('leader2201')) return true;
      await dialog.getByLabel('承办人', { exact: true }).click();
      await pick(leader, 'leader2201');
      return false;
    });
    await dialog.getByLabel('改派理由').fill(REASON);
    await dialog.getByRole('button', { name: '确认分配' }).click();
    await until('the reassignment shown', async () => (await leader.getByTestId('assignment-event').count()) === 2);
    await expect(leader.getByTestId('case-assignee').innerText()).resolves.toContain(LEADER_NAME);
    await expect(leader.getByTestId('case-assignment').innerText()).resolves.toContain(REASON);
    expect(await seriousAccessibilityFindings(leader)).toEqual([]);
    await shot(leader, 'case-reassigned-leader');
  }, 90_000);
});

describe('assigning the cases chosen on the worklist', () => {
  it('takes the selection to 案件分配 and assigns it to one officer, moving a case from its officer with a reason', async () => {
    await openPage(leader, '/worklist?assignee=leader2201');
    const check = leader.locator('input.row-check:not([disabled])').first();
    await check.waitFor();
    await check.check();
    await leader.getByTestId('assign-selected').click();
    await leader.getByTestId('assign-selection').waitFor();
    await leader.locator('#as-officers').click();
    await pick(leader, 'officer2201');
    await leader.getByLabel('改派理由').fill(REASON);
    await leader.getByTestId('assignment-preview').click();
    await leader.getByTestId('assignment-plan').waitFor();
    expect((await leader.getByTestId('plan-count').allInnerTexts()).map(Number)).toEqual([1]);
    await leader.getByTestId('assignment-apply').click();
    await confirmAssignment(leader);
    const bulk = await count(
      `SELECT count(*)::int AS n FROM case_assignment_event WHERE method = 'bulk' AND assignee = 'officer2201' AND previous = 'leader2201' AND case_id LIKE $1`,
      [`${CAMPAIGN}-%`],
    );
    expect(bulk).toBe(1);
    await expectNoErrorShown(leader);
  }, 90_000);
});

describe.each([['coordinator'], ['supervisor'], ['auditor']])('the case page and 案件分配 for %s', (user) => {
  it('shows the 承办人 and the history (the reason to the coordinator only) and refuses 案件分配', async () => {
    const page = await logIn(stack, user);
    await openPage(page, `/cases/${reassigned}`);
    await until('the history shown', async () => (await page.getByTestId('assignment-event').count()) >= 2);
    const text = await page.getByTestId('case-assignment').innerText();
    expect(text).toContain(LEADER_NAME);
    if (user === 'coordinator') expect(text).toContain(REASON);
    else expect(text).not.toContain(REASON);
    expect(await page.getByTestId('assign-case').count()).toBe(0);
    await expectNoErrorShown(page);
    await openPage(page, '/assignments');
    await page.getByTestId('forbidden').waitFor();
    await page.close();
  }, 90_000);
});

describe("the auditor's log", () => {
  it('shows the 承办人 under whose assignment each case action was taken, and filters by it', async () => {
    const page = await logIn(stack, 'auditor');
    await openPage(page, '/audit-log');
    const form = page.getByRole('search');
    await form.getByLabel('承办人', { exact: true }).fill('leader2201');
    await form.getByRole('button', { name: /查\s*询/ }).click();
    const expected = await count(`SELECT count(*)::int AS n FROM audit_log WHERE assignee = 'leader2201'`, []);
    expect(expected).toBeGreaterThan(0);
    await until('the filtered entries', async () => (await page.getByTestId('audit-assignee').count()) === Math.min(expected, 20));
    expect(new Set(await page.getByTestId('audit-assignee').allInnerTexts())).toEqual(new Set(['leader2201']));
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'audit-log-assignee-auditor');
    await page.close();
  }, 90_000);
});
