/// <reference lib="dom" />
/**
 * What the penalty procedure's browser tests share (procedurePages.test.ts,
 * procedureHearingRedress.test.ts): the API's token for a demo user, the procedure's row as the
 * workflow wrote it, waiting for what it awaits, a liable decision sent as the case page sends it,
 * the campaign’s today, a typed date (the select is consolePages.ts choose) and the case page opened
 * afresh on a procedure's card; and a command sent straight to the API, for the procedures a test
 * only needs brought to a later step.
 */
import type { Locator, Page } from 'playwright-core';
import { campaignTodays } from '../../../readModel/procedureDeadlines';
import type { ConsoleStack } from './consoleStack';
import { openPage, until } from './consolePages';

export async function apiToken(stack: ConsoleStack, user: string): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: stack.password(user) }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export interface ProcedureRowSeen {
  step: string;
  awaiting: string[];
  notice_document_id: string | null;
  effective_on: string | null;
  cert_category: string | null;
  closed_because: string | null;
}

export async function procedureRow(stack: ConsoleStack, id: string): Promise<ProcedureRowSeen | undefined> {
  const { rows } = await stack.db.pool.query<ProcedureRowSeen>(
    `SELECT step, awaiting, notice_document_id::text, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, cert_category, closed_because
       FROM penalty_procedure WHERE procedure_id = $1`,
    [id],
  );
  return rows[0];
}

export const awaitingOf = (stack: ConsoleStack, id: string, action: string) =>
  until(`${id} awaiting ${action}`, async () => (await procedureRow(stack, id))?.awaiting.includes(action), 60_000);

/** 确认挂证 through the API, as the case page sends it (the case page's own test is cityPages.test.ts). */
export async function decideViolation(stack: ConsoleStack, caseId: string, officer = 'officer2201'): Promise<void> {
  const res = await fetch(`${stack.baseUrl}/cases/${encodeURIComponent(caseId)}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await apiToken(stack, officer)}`, 'idempotency-key': `proc-decision-${caseId}` },
    body: JSON.stringify({ outcome: 'VIOLATION', actualEmployer: { name: '长春某某劳务有限公司', code: null }, evidence: '社保由该单位连续缴纳。' }),
  });
  expect(res.status).toBe(200);
}

/** The campaign's today: the date a service or a waiver is recorded on. */
export const campaignToday = async (stack: ConsoleStack, campaignId: string): Promise<string> =>
  (await campaignTodays(stack.db.pool, [campaignId])).get(campaignId)!;

/** One procedure command through the API (POST /cases/{caseId}/procedures/{level}/<path>); answers the status. */
export async function sendProcedureCommand(
  stack: ConsoleStack,
  token: string,
  caseId: string,
  path: string,
  body: object,
  level: 'city' | 'province' = 'city',
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stack.baseUrl}/cases/${encodeURIComponent(caseId)}/procedures/${level}/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': `t-${caseId}-${path.replace(/\W/g, '-')}-${Math.random().toString(36).slice(2)}`,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

export async function pickDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Tab');
  await expect(input.inputValue()).resolves.toBe(value);
}

/** Ant Design spaces a two-character button's name (同 意). */
export const approveButton = (scope: Locator) => scope.getByRole('button', { name: '同 意' }).or(scope.getByRole('button', { name: '同意' }));

/** The case page read afresh (the same address again is no navigation), with the procedure's card. */
export async function openProcedureCard(page: Page, caseId: string, level: 'city' | 'province' = 'city'): Promise<Locator> {
  await openPage(page, `/cases/${encodeURIComponent(caseId)}`);
  await page.reload();
  await page.locator('h1').first().waitFor();
  const card = page.getByTestId(`procedure-${level}`);
  await card.waitFor({ timeout: 30_000 });
  return card;
}
