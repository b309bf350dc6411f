/**
 * Complaints as cases of their own and the public intake (issue 20 items 1–2) on the real processes
 * (Temporal dev server, in-process worker, the API in its own process), a campaign that has ended (no
 * campaign or city workflow runs): the province publishes a city's hotline; a complaint from the public
 * form (a solved proof-of-work challenge, a PNG attachment) gets its number and query code, is accepted
 * (opening the person's case, whose workflow then takes a decision), investigated, concluded and
 * answered, and the complainant reads the status and the reply; an officer's complaint reopens a closed
 * case with the new facts as reason; a unit complaint opens an inquiry worked to its result; the contact
 * is visible to the handling city's officers only and never in the audit log; refusals: no or a forged
 * challenge, an attachment by its content type and by its size, the form's rate limit.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import { caseStateQuery, caseWorkflowId } from '../../workflows/messages/case';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { eventually, quietRuntime } from '../support/caseWorkflowEnv';
import type { TestDatabase } from '../support/database';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, type Res, logInEveryone } from './apiSupport/http';
import { type UserName } from './apiSupport/seed';

// altcha-lib's CommonJS build, as the API loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { solveChallenge } = require('altcha-lib') as { solveChallenge: (o: { challenge: unknown; deriveKey: unknown }) => Promise<unknown> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveKey } = require('altcha-lib/algorithms/sha') as { deriveKey: unknown };

const taskQueue = `complaints-e2e-${randomBytes(4).toString('hex')}`;
const C = `ck-${randomBytes(3).toString('hex')}`;
const today = shanghaiDate(new Date());
// The campaign ended a month ago.
const calendar = {
  selfCheck: { start: addDays(today, -200), deadline: addDays(today, -170) },
  progressNotice: { date: addDays(today, -165) },
  investigation: { start: addDays(today, -169), deadline: addDays(today, -80) },
  provincialVerification: { start: addDays(today, -79), deadline: addDays(today, -30) },
};
const CLOSED_PERSON = fixtureIdNumber(901);
const NEW_PERSON = fixtureIdNumber(902);
const PHONE = '13912345678';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

let stack: ApiStack;
let db: TestDatabase;
let client: Client;
const tokens: Partial<Record<UserName, string>> = {};
const as = (who: UserName | 'public', method: string, path: string, body?: unknown): Promise<Res> =>
  call(stack.api.url, method, path, { ...(who === 'public' ? {} : { token: tokens[who] }), ...(body !== undefined ? { body } : {}) });

async function solvedChallenge(): Promise<string> {
  const challenge = (await as('public', 'GET', '/public/complaints/challenge')).body;
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  ({ db, client } = stack);
  Object.assign(tokens, await logInEveryone(stack.api.url));
  const { snapshotId, runId } = await seedScreenedCity(db.pool, '2201', [
    { idNumber: CLOSED_PERSON, regUnit: { name: '吉林省投诉接口测试建设有限公司', code: fixtureUscc(903) } },
  ]);
  await openCasesFromScreening(db.pool, { campaignId: C, cityCode: '2201', screeningRunId: runId, dueAt: new Date().toISOString() });
  const config = CampaignConfig.parse({ id: C, name: '投诉接口测试', cities: ['2201', '2202'], dataSources: { snapshotId }, calendar });
  await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'seed', workflowId: `campaign/${C}`, at: new Date().toISOString() });
  await db.pool.query(`UPDATE campaign SET status = 'completed', phase = 'completed' WHERE id = $1`, [C]);
  // Decided compliant during the campaign, closed, its workflow long completed.
  await db.pool.query(
    `UPDATE case_file SET status = 'closed', outcome = 'COMPLIANT', liability = 'none', decided_at = now(), decided_on = current_date,
            decision = '{"outcome":"COMPLIANT","ground":"DATA_LAG","justification":"数据滞后"}', closed_at = now()
     WHERE campaign_id = $1`,
    [C],
  );
  await db.pool.query('DELETE FROM registration_freeze');
});

afterAll(async () => {
  await stack?.stop();
});

describe('a complaint from the public page to its reply, after the campaign’s end', () => {
  let complaintNo = '';
  let queryCode = '';

  it('shows the hotline the province publishes', async () => {
    expect((await as('officer2201', 'PUT', '/complaint-settings/channels/2201', { hotline: '0431-12345678' })).status).toBe(403);
    const set = await as('coordinator', 'PUT', '/complaint-settings/channels/2201', { hotline: '0431-12345678', mailbox: '长春市某某路1号 投诉举报信箱' });
    expect(set.status).toBe(200);
    const shown = await as('public', 'GET', '/public/complaint-channels');
    expect(shown.status).toBe(200);
    expect(shown.body.items.find((c: { cityCode: string }) => c.cityCode === '2201')).toEqual({
      cityCode: '2201',
      cityName: '长春市',
      hotline: '0431-12345678',
      mailbox: '长春市某某路1号 投诉举报信箱',
    });
  });

  it('takes an online complaint with a solved challenge and an attachment, answering its number and query code', async () => {
    const r = await as('public', 'POST', '/public/complaints', {
      altcha: await solvedChallenge(),
      cityCode: '2201',
      subjectKind: 'person',
      subjectIdNumber: NEW_PERSON,
      content: '该人员的注册证书挂在长春某公司，本人常年在外省工作，社保也在外省缴纳',
      contact: { name: '李举报', phone: PHONE },
      attachments: [{ fileName: '社保截图.png', contentBase64: PNG.toString('base64') }],
    });
    expect(r.status).toBe(201);
    expect(r.body.complaintNo).toMatch(new RegExp(`^2201-${today.slice(0, 4)}-\\d{6}$`));
    expect(r.body.queryCode).toMatch(/^[A-Z2-9]{12}$/);
    ({ complaintNo, queryCode } = r.body);
    const wrong = await as('public', 'POST', '/public/complaints/status', { complaintNo, queryCode: 'WRONGCODE234' });
    expect(wrong.status).toBe(404);
    const status = await as('public', 'POST', '/public/complaints/status', { complaintNo, queryCode: queryCode.toLowerCase() });
    expect(status.status).toBe(200);
    expect(status.body.status).toBe('registered');
    expect(status.text).not.toContain(NEW_PERSON);
  });

  it('shows the contact to the handling city’s officers only', async () => {
    const officer = await as('officer2201', 'GET', `/cities/2201/complaint-cases/${complaintNo}`);
    expect(officer.status).toBe(200);
    expect(officer.body.contact).toEqual({ name: '李举报', phone: PHONE, email: null, address: null });
    expect(officer.body.subjectIdNumber).toBe(NEW_PERSON);
    expect(officer.body.attachments).toEqual([expect.objectContaining({ fileName: '社保截图.png', contentType: 'image/png', size: PNG.length })]);
    const file = await call(stack.api.url, 'GET', `/cities/2201/complaint-cases/${complaintNo}/attachments/${officer.body.attachments[0].attachmentId}`, {
      token: tokens.officer2201,
    });
    expect([file.status, file.headers.get('content-type')]).toEqual([200, 'image/png']);
    for (const who of ['coordinator', 'supervisor', 'auditor'] as const) {
      const r = await as(who, 'GET', `/cities/2201/complaint-cases/${complaintNo}`);
      expect(r.status).toBe(200);
      expect(r.body.contact).toBeUndefined();
      expect(r.text).not.toContain(PHONE);
    }
    expect((await as('supervisor', 'GET', `/cities/2201/complaint-cases/${complaintNo}`)).body.subjectIdNumber).not.toBe(NEW_PERSON);
    expect((await as('officer2202', 'GET', `/cities/2201/complaint-cases/${complaintNo}`)).status).toBe(403);
    expect((await as('officer2202', 'GET', `/cities/2202/complaint-cases/${complaintNo}`)).status).toBe(404);
    expect((await as('coordinator', 'GET', `/cities/2201/complaint-cases/${complaintNo}/attachments/${officer.body.attachments[0].attachmentId}`)).status).toBe(
      403,
    );
  });

  it('keeps the public form’s file in the one attachment store, and takes the city officers’ evidence files after registration (another city refused)', async () => {
    const stored = await db.pool.query(`SELECT sha256, added_by FROM attachment WHERE owner_kind = 'complaint' AND owner_id = $1`, [complaintNo]);
    expect(stored.rows).toEqual([{ sha256: createHash('sha256').update(PNG).digest('hex'), added_by: 'public' }]);
    const base = `/cities/2201/complaint-cases/${complaintNo}/attachments`;
    const upload = (who: UserName, path: string) =>
      call(stack.api.url, 'POST', `${path}?fileName=${encodeURIComponent('询问笔录.pdf')}`, { token: tokens[who], raw: PDF, contentType: 'application/pdf' });
    const added = await upload('officer2201', base);
    expect([added.status, added.body.contentType, added.body.created]).toEqual([201, 'application/pdf', true]);
    expect(added.body.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect((await upload('officer2201', base)).body).toMatchObject({ attachmentId: added.body.attachmentId, created: false });
    const row = await db.pool.query(`SELECT sha256, size, added_by FROM attachment WHERE id = $1 AND owner_kind = 'complaint' AND owner_id = $2`, [
      added.body.attachmentId,
      complaintNo,
    ]);
    expect(row.rows).toEqual([{ sha256: added.body.sha256, size: PDF.length, added_by: 'officer2201' }]);
    const res = await fetch(`${stack.api.url}${base}/${added.body.attachmentId}`, { headers: { authorization: `Bearer ${tokens.officer2201}` } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(PDF)).toBe(true);
    expect(res.headers.get('x-content-sha256')).toBe(added.body.sha256);
    const detail = await as('officer2201', 'GET', `/cities/2201/complaint-cases/${complaintNo}`);
    expect(detail.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['社保截图.png', '询问笔录.pdf']);
    const list = await as('officer2201', 'GET', base);
    expect(list.body.items).toHaveLength(2);
    // Another city's officer: refused by the city, and the complaint is not found under their own.
    expect((await upload('officer2202', base)).status).toBe(403);
    expect((await as('officer2202', 'GET', base)).status).toBe(403);
    expect((await as('officer2202', 'GET', `${base}/${added.body.attachmentId}`)).status).toBe(403);
    expect((await upload('officer2202', `/cities/2202/complaint-cases/${complaintNo}/attachments`)).status).toBe(404);
    expect((await as('coordinator', 'GET', base)).status).toBe(403);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM attachment WHERE owner_kind = 'complaint' AND owner_id = $1`, [complaintNo])).rows[0].n).toBe(
      2,
    );
  });

  it('is accepted (opening the person’s case, whose workflow takes a decision), investigated, concluded and answered', async () => {
    const step = (body: object) => as('officer2201', 'POST', `/cities/2201/complaint-cases/${complaintNo}/steps`, body);
    expect((await as('coordinator', 'POST', `/cities/2201/complaint-cases/${complaintNo}/steps`, { step: 'accept' })).status).toBe(403);
    expect((await step({ step: 'conclude', result: '太早' })).status).toBe(409);
    const accepted = await step({ step: 'accept' });
    expect([accepted.status, accepted.body.status]).toEqual([200, 'accepted']);
    const detail = (await as('officer2201', 'GET', `/cities/2201/complaint-cases/${complaintNo}`)).body;
    expect(detail.caseLink).toBe('opened');
    const caseId = detail.caseId as string;
    const handle = client.workflow.getHandle(caseWorkflowId(C, '2201', caseId));
    await eventually(async () => expect((await handle.query(caseStateQuery)).status).toBe('open'), 60_000);
    await eventually(
      async () => expect((await db.pool.query('SELECT ready_at FROM case_file WHERE case_id = $1', [caseId])).rows[0].ready_at).not.toBeNull(),
      60_000,
    );
    const decided = await call(stack.api.url, 'POST', `/cases/${caseId}/decision`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': `ck-decide-${randomBytes(6).toString('hex')}` },
      body: { outcome: 'VIOLATION', actualEmployer: { name: '外省实际工作单位有限公司' }, evidence: '社保由外省实际工作单位缴纳' },
    });
    expect(decided.status).toBe(200);
    expect((await step({ step: 'investigate' })).body.status).toBe('investigating');
    expect((await step({ step: 'reply', reply: '太早' })).status).toBe(409);
    const noResult = await step({ step: 'conclude' });
    expect(noResult.status).toBe(422);
    expect(noResult.body.errors).toEqual([{ path: 'body.result', message: '请填写「办理结果」' }]);
    expect((await step({ step: 'conclude', result: '经核查，反映的问题属实，已立案处理' })).body.status).toBe('concluded');
    expect((await step({ step: 'reply', reply: '您反映的问题经核查属实，我局已依法处理。感谢您的监督。' })).body.status).toBe('replied');
    const status = await as('public', 'POST', '/public/complaints/status', { complaintNo, queryCode });
    expect(status.body).toMatchObject({ complaintNo, status: 'replied', reply: '您反映的问题经核查属实，我局已依法处理。感谢您的监督。' });
    expect(Object.keys(status.body).sort()).toEqual([
      'acceptDueAt',
      'complaintNo',
      'handleDueAt',
      'notAcceptedReason',
      'receivedAt',
      'repliedAt',
      'reply',
      'status',
    ]);
    const list = await as('officer2201', 'GET', '/cities/2201/complaint-cases?status=replied');
    expect(list.body.items.map((i: { complaintNo: string }) => i.complaintNo)).toContain(complaintNo);
  });

  it('keeps the contact and the subject out of the audit log', async () => {
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE detail::text LIKE $1 OR detail::text LIKE $2 OR target LIKE $1`, [
      `%${PHONE}%`,
      `%${NEW_PERSON}%`,
    ]);
    expect(rows[0].n).toBe(0);
  });
});

describe('an officer’s complaint reopens a closed case with the new facts', () => {
  it('registers a phone complaint and reopens the person’s closed case on acceptance, whose new run takes a decision', async () => {
    const reg = await as('officer2201', 'POST', '/cities/2201/complaint-cases', {
      channel: 'phone',
      subjectKind: 'person',
      subjectIdNumber: CLOSED_PERSON,
      content: '新情况：该人员已于今年在外省单位全职工作，有劳动合同',
      contact: { phone: PHONE },
    });
    expect(reg.status).toBe(201);
    const no = reg.body.complaintNo as string;
    const accepted = await as('officer2201', 'POST', `/cities/2201/complaint-cases/${no}/steps`, {
      step: 'accept',
      reopenReason: '投诉举报提供了新的劳动合同线索',
    });
    expect(accepted.status).toBe(200);
    const detail = (await as('officer2201', 'GET', `/cities/2201/complaint-cases/${no}`)).body;
    expect([detail.caseLink, detail.reopenReason]).toEqual(['reopened', '投诉举报提供了新的劳动合同线索']);
    const kase = (await db.pool.query('SELECT status, reopenings FROM case_file WHERE case_id = $1', [detail.caseId])).rows[0];
    expect(kase).toEqual({ status: 'open', reopenings: 1 });
    const handle = client.workflow.getHandle(caseWorkflowId(C, '2201', detail.caseId));
    await eventually(async () => expect((await handle.query(caseStateQuery)).status).toBe('open'), 60_000);
    const decided = await call(stack.api.url, 'POST', `/cases/${detail.caseId}/decision`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': `ck-decide-${randomBytes(6).toString('hex')}` },
      body: { outcome: 'VIOLATION', actualEmployer: { name: '外省实际工作单位有限公司' }, evidence: '劳动合同显示在外省全职工作' },
    });
    expect(decided.status).toBe(200);
  });
});

describe('the campaign\u2019s own complaint entry after its end', () => {
  it('refuses the complaint and writes nothing, naming the entry that outlives the campaign', async () => {
    const res = await call(stack.api.url, 'POST', `/campaigns/${C}/cities/2201/complaints`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': `old-entry-${randomBytes(4).toString('hex')}` },
      body: { receivedAt: new Date().toISOString(), channel: 'phone', subjectIdNumber: NEW_PERSON, content: '旧入口：活动结束后的举报' },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('投诉举报办理');
    const rows = await db.pool.query(`SELECT count(*)::int AS n FROM complaint WHERE campaign_id = $1 AND content LIKE '旧入口%'`, [C]);
    expect(rows.rows[0].n).toBe(0);
  });
});

describe('a complaint about a unit', () => {
  it('opens a unit inquiry on acceptance, worked to its result', async () => {
    const reg = await as('officer2201', 'POST', '/cities/2201/complaint-cases', {
      channel: 'letter',
      subjectKind: 'unit',
      subjectUscc: fixtureUscc(904),
      subjectUnitName: '吉林省被举报建设有限公司',
      content: '该公司大量使用挂证人员充当项目负责人',
    });
    const no = reg.body.complaintNo as string;
    await as('officer2201', 'POST', `/cities/2201/complaint-cases/${no}/steps`, { step: 'accept' });
    const detail = (await as('officer2201', 'GET', `/cities/2201/complaint-cases/${no}`)).body;
    expect(detail.caseId).toBeNull();
    expect(detail.inquiry).toMatchObject({ unitCode: fixtureUscc(904), unitName: '吉林省被举报建设有限公司', status: 'open' });
    const path = `/cities/2201/unit-inquiries/${detail.inquiry.inquiryId}`;
    expect((await as('officer2202', 'PUT', path.replace('2201', '2202'), { owner: 'officer2202' })).status).toBe(404);
    expect((await as('officer2201', 'PUT', path, { owner: 'officer2201', findings: '现场核查3个项目，2名项目负责人未到岗' })).status).toBe(204);
    expect((await as('officer2201', 'PUT', path, { result: '责令整改，2人移交立案' })).status).toBe(204);
    expect((await as('officer2201', 'PUT', path, { findings: '再改' })).status).toBe(409);
    const done = (await as('officer2201', 'GET', `/cities/2201/complaint-cases/${no}`)).body.inquiry;
    expect(done).toMatchObject({ status: 'closed', owner: 'officer2201', findings: '现场核查3个项目，2名项目负责人未到岗', result: '责令整改，2人移交立案' });
  });
});

describe('the public form’s refusals', () => {
  const form = (over: object) => ({
    cityCode: '2201',
    subjectKind: 'unit',
    subjectUnitName: '某某建设有限公司',
    content: '该公司存在挂证问题，请查处',
    ...over,
  });

  it('refuses a complaint without a solved challenge, with a forged one, and an unknown city', async () => {
    const none = await as('public', 'POST', '/public/complaints', form({ altcha: 'not-a-solution-at-all' }));
    expect(none.status).toBe(403);
    expect(none.body.errors).toEqual([{ path: 'body.altcha', message: '「人机验证」未通过或已过期，请重新验证' }]);
    const challenge = (await as('public', 'GET', '/public/complaints/challenge')).body;
    const forged = Buffer.from(JSON.stringify({ challenge, solution: { counter: 1, derivedKey: '00'.repeat(32) } })).toString('base64');
    expect((await as('public', 'POST', '/public/complaints', form({ altcha: forged }))).status).toBe(403);
    const missing = await as('public', 'POST', '/public/complaints', { cityCode: '2201', content: '内容内容内容内容内容' });
    expect(missing.status).toBe(400);
  });

  it('refuses an attachment by its content, whatever its name, and one over the size limit', async () => {
    const text = await as(
      'public',
      'POST',
      '/public/complaints',
      form({
        altcha: await solvedChallenge(),
        attachments: [{ fileName: '证据.png', contentBase64: Buffer.from('这不是图片，是一段文字').toString('base64') }],
      }),
    );
    expect(text.status).toBe(415);
    expect(text.body.errors[0]).toMatchObject({ path: 'body.attachments.0', message: expect.stringMatching(/^「附件」类型不受支持/) });
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await as(
      'public',
      'POST',
      '/public/complaints',
      form({ altcha: await solvedChallenge(), attachments: [{ fileName: 'big.png', contentBase64: big.toString('base64') }] }),
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errors[0].message).toBe('「附件」不得超过 5 MB');
    const count = await db.pool.query(`SELECT count(*)::int AS n FROM complaint_case WHERE subject_unit_name = '某某建设有限公司'`);
    expect(count.rows[0].n).toBe(0);
  });

  // Last: it uses up the address's allowance for the minute.
  it('limits the form per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++)
      statuses.push((await as('public', 'POST', '/public/complaints/status', { complaintNo: '2201-2026-999999', queryCode: 'ABCDEFGHJKMN' })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429 && s !== 404)).toEqual([]);
  });
});
