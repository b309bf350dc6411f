/**
 * Issue 20 item 6 on the real processes (Temporal dev server, the case workflows in a worker, the API
 * in its own process): a case transferred from 长春 to 吉林市 opens there with its evidence and the
 * sender's note, is decided there, and both sides see it; a case referred to an outside authority
 * gets its 移送函 (a .docx LibreOffice opens), its service and the authority's answer. The receiving
 * city has no city workflow at all here: its case opens from the sender's workflow.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { shanghaiDate } from '../../domain/calendar';
import { caseWorkflowId } from '../../workflows/messages/case';
import { convertToPdf, missingPrintTools, readPrintedPdf } from '../activities/reports/printedPdf';
import { fixtureIdNumber, fixtureUscc } from '../support/caseFixtures';
import { calendarAround, eventually, quietRuntime } from '../support/caseWorkflowEnv';
import { openScreenedCampaign, startCaseWorkflows } from '../support/screenedCampaign';
import type { TestDatabase } from '../support/database';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, type Res, logInEveryone } from './apiSupport/http';
import { type UserName } from './apiSupport/seed';

const taskQueue = `transfers-e2e-${randomBytes(4).toString('hex')}`;
const C = `tr-${randomBytes(3).toString('hex')}`;
const today = shanghaiDate(new Date());
const calendar = calendarAround(Date.now());
const regUnit = { name: '吉林省移交测试建设有限公司', code: fixtureUscc(910) };
const ssUnit = { name: '吉林市实际工作单位有限公司', code: fixtureUscc(911) };
const PERSON = {
  toCity: fixtureIdNumber(901),
  toAuthority: fixtureIdNumber(902),
  overriddenToCity: fixtureIdNumber(903),
  overriddenToAuthority: fixtureIdNumber(904),
};
const NOTE = '当事人实际在吉林市工作，社保由吉林市单位缴纳';

let stack: ApiStack;
let db: TestDatabase;
let client: Client;
const tokens: Partial<Record<UserName, string>> = {};
const caseIds: Record<keyof typeof PERSON, string> = {} as never;
const started: string[] = [];
let keySeq = 0;
const post = (who: UserName, p: string, body: unknown): Promise<Res> =>
  call(stack.api.url, 'POST', p, { token: tokens[who], body, headers: { 'idempotency-key': `tr-key-${++keySeq}-${C}` } });
const get = (who: UserName, p: string): Promise<Res> => call(stack.api.url, 'GET', p, { token: tokens[who] });

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  ({ db, client } = stack);
  Object.assign(tokens, await logInEveryone(stack.api.url));
  const campaign = await openScreenedCampaign(db.pool, {
    campaignId: C,
    name: '移交测试',
    cities: ['2201', '2202'],
    calendar,
    persons: Object.fromEntries(Object.entries(PERSON).map(([name, idNumber]) => [name, { idNumber, regUnit, ssUnit }])),
  });
  Object.assign(caseIds, campaign.caseIds);
  started.push(...(await startCaseWorkflows(client, taskQueue, campaign)));
  await eventually(async () => {
    const ready = await get('officer2201', `/campaigns/${C}/cities/2201/cases?ready=true&pageSize=1`);
    expect(ready.body.total).toBe(Object.keys(PERSON).length);
  }, 60_000);
}, 180_000);

afterAll(async () => {
  const more = await db?.pool.query<{ case_id: string; city_code: string }>(
    `SELECT case_id, city_code FROM case_file WHERE campaign_id = $1 AND origin = 'transfer'`,
    [C],
  );
  for (const r of more?.rows ?? []) started.push(caseWorkflowId(C, r.city_code, r.case_id));
  await Promise.allSettled(started.map((id) => client.workflow.getHandle(id).terminate('test over')));
  await stack?.stop();
});

describe('a transfer to another city', () => {
  it('is refused when it names the case’s own city, with a Chinese reason', async () => {
    const r = await post('officer2201', `/cases/${caseIds.toCity}/decision`, {
      outcome: 'TRANSFERRED',
      receivingAuthority: '长春市住房和城乡建设局',
      transferTo: { kind: 'city', cityCode: '2201' },
    });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toContain('接收市（州）须为其他市（州）');
  });

  it('opens a case at the receiving city with the evidence and the note, decided there, and both sides see its progress', async () => {
    const sent = await post('officer2201', `/cases/${caseIds.toCity}/decision`, {
      outcome: 'TRANSFERRED',
      receivingAuthority: '（由系统填写）',
      transferTo: { kind: 'city', cityCode: '2202' },
      note: NOTE,
    });
    expect(sent.status).toBe(200);
    expect(sent.body.outcome).toBe('TRANSFERRED');

    // The sender's side: the transfer names 吉林市's case, open there.
    const out = (await get('officer2201', `/cases/${caseIds.toCity}/transfer`)).body;
    expect(out.outgoing).toMatchObject({ kind: 'city', receivingName: '吉林市住房和城乡建设局', note: NOTE, transferredBy: 'officer2201' });
    const received = out.outgoing.to as { caseId: string; caseNo: string; cityCode: string; status: string };
    expect(received).toMatchObject({ cityCode: '2202', cityName: '吉林市', status: 'open', outcome: null });
    expect(received.caseNo).toMatch(/^2202-\d{6}$/);
    // The recorded decision names the receiving authority officially, whatever the form sent.
    const decided = await db.pool.query(`SELECT decision->>'receivingAuthority' AS name FROM case_file WHERE case_id = $1`, [caseIds.toCity]);
    expect(decided.rows[0].name).toBe('吉林市住房和城乡建设局');

    // 吉林市's officer finds it in the worklist once its workflow takes decisions, with the evidence.
    await eventually(async () => {
      const list = await get('officer2202', `/campaigns/${C}/cities/2202/cases?ready=true`);
      expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([received.caseId]);
    }, 60_000);
    const detail = (await get('officer2202', `/cases/${received.caseId}`)).body;
    expect(detail.origin).toBe('transfer');
    const senderEvidence = await db.pool.query('SELECT kind FROM case_evidence WHERE case_id = $1 ORDER BY kind', [caseIds.toCity]);
    expect(senderEvidence.rows.length).toBeGreaterThan(0);
    expect(detail.evidence.map((e: { kind: string }) => e.kind).sort()).toEqual(senderEvidence.rows.map((r) => r.kind));
    const inc = (await get('officer2202', `/cases/${received.caseId}/transfer`)).body;
    expect(inc.incoming).toMatchObject({ kind: 'city', note: NOTE, from: { caseId: caseIds.toCity, cityCode: '2201', outcome: 'TRANSFERRED' } });
    // Each city reads only its own case page; the other side's progress comes through the transfer.
    expect((await get('officer2201', `/cases/${received.caseId}`)).status).toBe(403);
    // A supervisor sees the link without the officer's note.
    expect((await get('supervisor', `/cases/${received.caseId}/transfer`)).body.incoming.note).toBeNull();

    // Decided at 吉林市; 长春 sees the outcome.
    const there = await post('officer2202', `/cases/${received.caseId}/decision`, {
      outcome: 'VIOLATION',
      actualEmployer: { name: ssUnit.name },
      evidence: '社保由吉林市实际工作单位缴纳，注册于长春单位',
    });
    expect(there.status).toBe(200);
    const after = (await get('officer2201', `/cases/${caseIds.toCity}/transfer`)).body;
    expect(after.outgoing.to).toMatchObject({ caseId: received.caseId, outcome: 'VIOLATION', decidedOn: today });
    expect(['decided', 'closed']).toContain(after.outgoing.to.status);
  }, 180_000);
});

describe('a referral to an outside authority', () => {
  it('generates the 移送函, records its service and the answer', async () => {
    const list = (await get('officer2201', '/outside-authorities')).body.items as { code: string; name: string }[];
    expect(list.map((a) => a.code)).toEqual(expect.arrayContaining(['hrss', 'police', 'market', 'province']));
    // The province keeps the list; an officer may not change it.
    expect((await call(stack.api.url, 'PUT', '/outside-authorities/hrss', { token: tokens.officer2201, body: { name: 'x' } })).status).toBe(403);
    const saved = await call(stack.api.url, 'PUT', '/outside-authorities/hrss', { token: tokens.coordinator, body: { name: '吉林市人力资源和社会保障局' } });
    expect(saved.status).toBe(200);

    const sent = await post('officer2201', `/cases/${caseIds.toAuthority}/decision`, {
      outcome: 'TRANSFERRED',
      receivingAuthority: '人社',
      transferTo: { kind: 'authority', authorityCode: 'hrss' },
      note: '涉及劳动关系和社会保险缴纳，属人社部门职责',
    });
    expect(sent.status).toBe(200);
    const before = (await get('officer2201', `/cases/${caseIds.toAuthority}/transfer`)).body.outgoing;
    expect(before).toMatchObject({ kind: 'authority', authority: { code: 'hrss', name: '吉林市人力资源和社会保障局' }, to: null, referral: { letter: null } });

    // Service before the letter is refused.
    expect((await post('officer2201', `/cases/${caseIds.toAuthority}/referral/service`, { servedOn: today, method: 'post' })).status).toBe(422);
    const letter = await post('officer2201', `/cases/${caseIds.toAuthority}/referral/letter`, { contact: '李明，0431-88888888' });
    expect(letter.status).toBe(200);
    expect(letter.body.number).toBe(`长建移〔${today.slice(0, 4)}〕第0001号`);
    // Once per case: the same letter again.
    expect((await post('officer2201', `/cases/${caseIds.toAuthority}/referral/letter`, {})).body).toEqual(letter.body);

    const file = await fetch(`${stack.api.url}/cases/${caseIds.toAuthority}/referral/letter`, { headers: { authorization: `Bearer ${tokens.officer2201}` } });
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    if (missingPrintTools().length === 0) {
      const dir = mkdtempSync(path.join(tmpdir(), 'referral-'));
      const docx = path.join(dir, 'referral.docx');
      writeFileSync(docx, bytes);
      const text = readPrintedPdf(convertToPdf([docx], dir).get(docx)!)
        .pages.map((p) => p.raw)
        .join('\n')
        .replace(/\s+/g, '');
      for (const s of [
        '案件移送函',
        letter.body.number,
        '吉林市人力资源和社会保障局',
        '四、移送理由',
        '属人社部门职责',
        '李明，0431-88888888',
        '长春市住房和城乡建设局',
      ]) {
        expect(text).toContain(s.replace(/\s+/g, ''));
      }
    }

    // Answer before service refused; service once; then the answer once.
    expect((await post('officer2201', `/cases/${caseIds.toAuthority}/referral/answer`, { answeredOn: today, answer: '已受理' })).status).toBe(422);
    const served = await post('officer2201', `/cases/${caseIds.toAuthority}/referral/service`, { servedOn: today, method: 'post' });
    expect(served.status).toBe(200);
    expect(served.body.outgoing.referral.service).toMatchObject({ servedOn: today, method: 'post', servedBy: 'officer2201' });
    expect((await post('officer2201', `/cases/${caseIds.toAuthority}/referral/service`, { servedOn: today, method: 'in_person' })).status).toBe(422);
    const answered = await post('officer2201', `/cases/${caseIds.toAuthority}/referral/answer`, { answeredOn: today, answer: '已受理，将依法调查处理' });
    expect(answered.status).toBe(200);
    expect(answered.body.outgoing.referral.answer).toMatchObject({ answeredOn: today, answer: '已受理，将依法调查处理', answeredBy: 'officer2201' });
    // Another city's officer may not record it.
    expect((await post('officer2202', `/cases/${caseIds.toAuthority}/referral/answer`, { answeredOn: today, answer: 'x' })).status).toBe(403);
  }, 180_000);
});

describe("the province's override to TRANSFERRED", () => {
  const compliant = { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移数据滞后' };
  const REASON = '省级核查：当事人实际在吉林市工作，应移交吉林市办理';

  it('opens the case at the receiving city as a decision does, and a second override keeps the first transfer', async () => {
    expect((await post('officer2201', `/cases/${caseIds.overriddenToCity}/decision`, compliant)).status).toBe(200);
    const own = await post('coordinator', `/cases/${caseIds.overriddenToCity}/override`, {
      outcome: 'TRANSFERRED',
      receivingAuthority: '（由系统填写）',
      transferTo: { kind: 'city', cityCode: '2201' },
      reason: REASON,
    });
    expect(own.status).toBe(422);
    expect(JSON.stringify(own.body)).toContain('接收市（州）须为其他市（州）');
    const r = await post('coordinator', `/cases/${caseIds.overriddenToCity}/override`, {
      outcome: 'TRANSFERRED',
      receivingAuthority: '（由系统填写）',
      transferTo: { kind: 'city', cityCode: '2202' },
      reason: REASON,
    });
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('TRANSFERRED');

    const out = await eventually(async () => {
      const t = (await get('officer2201', `/cases/${caseIds.overriddenToCity}/transfer`)).body;
      expect(t.outgoing).toMatchObject({ kind: 'city', receivingName: '吉林市住房和城乡建设局', transferredBy: 'coordinator' });
      return t;
    }, 60_000);
    const received = out.outgoing.to as { caseId: string; cityCode: string };
    expect(received).toMatchObject({ cityCode: '2202', status: 'open', outcome: null });
    const inc = (await get('officer2202', `/cases/${received.caseId}/transfer`)).body;
    expect(inc.incoming).toMatchObject({ kind: 'city', from: { caseId: caseIds.overriddenToCity, cityCode: '2201', outcome: 'TRANSFERRED' } });
    // Its workflow runs: 吉林市's officer gets it in the worklist.
    await eventually(async () => {
      const list = await get('officer2202', `/campaigns/${C}/cities/2202/cases?ready=true&pageSize=100`);
      expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toContain(received.caseId);
    }, 60_000);

    // Overridden again, to another city: the first transfer stands, no second case opens.
    const again = await post('coordinator', `/cases/${caseIds.overriddenToCity}/override`, {
      outcome: 'TRANSFERRED',
      receivingAuthority: '（由系统填写）',
      transferTo: { kind: 'city', cityCode: '2203' },
      reason: REASON,
    });
    expect(again.status).toBe(200);
    const rows = await db.pool.query('SELECT to_city, to_case_id FROM case_transfer WHERE from_case_id = $1', [caseIds.overriddenToCity]);
    expect(rows.rows).toEqual([{ to_city: '2202', to_case_id: received.caseId }]);
    const opened = await db.pool.query(`SELECT count(*)::int AS n FROM case_file WHERE transferred_from = $1`, [caseIds.overriddenToCity]);
    expect(opened.rows[0].n).toBe(1);
  }, 180_000);

  it('records the referral to an outside authority, so its 移送函 can be made', async () => {
    expect((await post('officer2201', `/cases/${caseIds.overriddenToAuthority}/decision`, compliant)).status).toBe(200);
    const r = await post('coordinator', `/cases/${caseIds.overriddenToAuthority}/override`, {
      outcome: 'TRANSFERRED',
      receivingAuthority: '公安',
      transferTo: { kind: 'authority', authorityCode: 'police' },
      reason: '省级核查：涉嫌伪造材料，移送公安机关',
    });
    expect(r.status).toBe(200);
    await eventually(async () => {
      const t = (await get('officer2201', `/cases/${caseIds.overriddenToAuthority}/transfer`)).body;
      expect(t.outgoing).toMatchObject({ kind: 'authority', authority: { code: 'police' }, to: null, transferredBy: 'coordinator' });
    }, 60_000);
    expect((await post('officer2201', `/cases/${caseIds.overriddenToAuthority}/referral/letter`, {})).status).toBe(200);
  }, 180_000);
});
