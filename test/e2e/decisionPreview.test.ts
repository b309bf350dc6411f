/**
 * Issue 18 on the real processes (Temporal, the case workflows, the API): the preview of a decision
 * (POST /cases/{id}/decision/preview and the bulk preview) shows exactly what recording it imposes —
 * for 确认挂证 with a public-sector employer or an HR agency, a late 已整改, one in time, a 核查无问题 —
 * and records nothing; and an open case is carried over (POST /cases/{id}/carry-over) through its
 * workflow with the officer's reason kept out of Temporal.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { caseStateQuery, caseWorkflowId } from '../../workflows/messages/case';
import { EncryptionCodec, parsePayloadKeys } from '../../platform/payloadCodec';
import { fixtureIdNumber, fixtureUscc } from '../support/caseFixtures';
import { calendarAround, eventually, quietRuntime } from '../support/caseWorkflowEnv';
import { openScreenedCampaign, startCaseWorkflows } from '../support/screenedCampaign';
import type { TestDatabase } from '../support/database';
import { TEST_PAYLOAD_KEYS } from '../support/payloadKeys';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, type Res, logInEveryone } from './apiSupport/http';
import { type UserName } from './apiSupport/seed';

const taskQueue = `preview-e2e-${randomBytes(4).toString('hex')}`;
// Unique per run: a dev server kept between runs remembers workflow ids.
const C = `pv-${randomBytes(3).toString('hex')}`;
const today = shanghaiDate(new Date());
const calendar = calendarAround(Date.now());
const regUnit = { name: '吉林省挂靠建设有限公司', code: fixtureUscc(710) };
const bureau = { name: '长春市某区水利局', code: fixtureUscc(711, '11'), kind: 'government' as const };
const agency = { name: '长春某人力资源服务有限公司', code: fixtureUscc(712), kind: 'hr_agency' as const };
const elsewhere = { name: '长春某施工有限公司', code: fixtureUscc(713) };
const PERSON = {
  publicSector: fixtureIdNumber(701),
  viaAgency: fixtureIdNumber(702),
  lateRectified: fixtureIdNumber(703),
  rectifiedInTime: fixtureIdNumber(704),
  compliant: fixtureIdNumber(705),
  bulkViolation: fixtureIdNumber(706),
  bulkLate: fixtureIdNumber(707),
  carried: fixtureIdNumber(708),
  undeclared: fixtureIdNumber(709),
};
const REASON = '当事人长期在外省项目，补充调查材料尚未收齐';

const violation = (employer: { name: string; code: string }) => ({
  outcome: 'VIOLATION',
  actualEmployer: { name: employer.name, code: employer.code },
  evidence: '社保由实际工作单位缴纳',
});
const rectified = (on: string) => ({ outcome: 'RECTIFIED', rectifiedOn: on, how: 'moved_contributions' });

let stack: ApiStack;
let db: TestDatabase;
let client: Client;
const tokens: Partial<Record<UserName, string>> = {};
const caseIds: Record<keyof typeof PERSON, string> = {} as never;
const started: string[] = [];
let keySeq = 0;

const post = (who: UserName, path: string, body: unknown, key?: string): Promise<Res> =>
  call(stack.api.url, 'POST', path, { token: tokens[who], body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
const caseDetail = async (who: UserName, caseId: string) => (await call(stack.api.url, 'GET', `/cases/${caseId}`, { token: tokens[who] })).body;
const writes = async () =>
  (
    await db.pool.query(
      `SELECT (SELECT count(*) FROM decision_log)::int AS log, (SELECT count(*) FROM penalty)::int AS penalties, (SELECT count(*) FROM registration_ban)::int AS bans`,
    )
  ).rows[0];

interface RawPayload {
  metadata: Record<string, string>;
  data?: string;
}
/** Every encrypted payload in a history (as JSON: base64 fields). */
function encodedPayloads(node: unknown, out: RawPayload[] = []): RawPayload[] {
  if (Array.isArray(node)) node.forEach((n) => encodedPayloads(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const encoding = (o.metadata as Record<string, string> | undefined)?.encoding;
    if (encoding && Buffer.from(encoding, 'base64').toString() === 'binary/encrypted') out.push(o as unknown as RawPayload);
    else Object.values(o).forEach((v) => encodedPayloads(v, out));
  }
  return out;
}

interface Penalty {
  penaltyId: string;
  kind: string;
  level: string;
  imposedOn: string;
  target: string;
  unitName: string | null;
  unitCode: string | null;
  published: boolean;
}
/** A penalty as the case detail records it, and as the preview announces it. */
const asRecorded = (ps: Penalty[]) =>
  ps
    .map(({ penaltyId, kind, level, imposedOn, target, unitName, unitCode, published }) => ({
      penaltyId,
      kind,
      level,
      imposedOn,
      target,
      unitName,
      unitCode,
      published,
    }))
    .sort((a, b) => (a.penaltyId < b.penaltyId ? -1 : 1));

/**
 * The decided case carries the liability its preview said. The penalties the preview lists take
 * effect only when the penalty procedure's decision is served (docs/procedure.md): none is recorded
 * at the decision, and a liable case has its city procedure instead.
 */
async function expectAsPreviewed(
  caseId: string,
  preview: { penalties: Penalty[]; liability: string; ban: unknown; decidedOn: string },
  decided: { penaltyIds: string[]; decidedOn: string; exempt: boolean },
) {
  const detail = await caseDetail('officer2201', caseId);
  expect(decided.decidedOn).toBe(preview.decidedOn);
  expect(asRecorded(detail.penalties)).toEqual([]);
  expect(decided.penaltyIds).toEqual([]);
  expect(detail.liability).toBe(preview.liability);
  expect(decided.exempt).toBe(preview.liability === 'exempt');
  expect(detail.ban).toBeNull();
  if (preview.liability === 'liable') {
    await eventually(async () =>
      expect((await db.pool.query('SELECT level FROM penalty_procedure WHERE case_id = $1', [caseId])).rows).toEqual([{ level: 'city' }]),
    );
  }
}

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  ({ db, client } = stack);
  Object.assign(tokens, await logInEveryone(stack.api.url));

  const campaign = await openScreenedCampaign(db.pool, {
    campaignId: C,
    name: '预览测试',
    cities: ['2201'],
    calendar,
    persons: {
      ...Object.fromEntries(Object.entries(PERSON).map(([name, idNumber]) => [name, { idNumber, regUnit, ssUnit: elsewhere }])),
      publicSector: { idNumber: PERSON.publicSector, regUnit, ssUnit: bureau, publicSectorEmployer: bureau, reasons: ['PUBLIC_SECTOR', 'SS_UNIT_MISMATCH'] },
      viaAgency: { idNumber: PERSON.viaAgency, regUnit, ssUnit: agency, reasons: ['SS_VIA_AGENCY'] },
    },
  });
  Object.assign(caseIds, campaign.caseIds);
  // The person who corrected in time declared it in the self-check; the undeclared one did not.
  await db.pool.query(
    `INSERT INTO self_check_declaration (request_id, campaign_id, city_code, id_number, correction, corrected_on, declared_by, received_on)
     VALUES ($1, $2, '2201', $3, 'moved_contributions', $4, 'person', $4)`,
    [`${C}-decl`, C, PERSON.rectifiedInTime, addDays(today, -40)],
  );
  // As the city starts them: the campaign's rules, revocation reserved to the province (the default).
  started.push(...(await startCaseWorkflows(client, taskQueue, campaign)));
  await eventually(async () => {
    const ready = await call(stack.api.url, 'GET', `/campaigns/${C}/cities/2201/cases?ready=true&pageSize=1`, { token: tokens.officer2201 });
    expect(ready.body.total).toBe(9);
  }, 60_000);
});

afterAll(async () => {
  await Promise.allSettled(started.map((id) => client.workflow.getHandle(id).terminate('test over')));
  await stack?.stop();
});

describe('the preview of one decision', () => {
  const cases: [string, keyof typeof PERSON, unknown, string, number][] = [
    // Revocation is the province's (the campaign's rules): the city's decision imposes the rest.
    ['确认挂证, a public-sector actual employer notified', 'publicSector', violation(bureau), 'liable', 5],
    ['确认挂证, paid through an HR agency ordered to rectify', 'viaAgency', violation(elsewhere), 'liable', 5],
    ['已整改 after the self-check deadline, still liable', 'lateRectified', rectified(addDays(today, -5)), 'liable', 4],
    ['已整改 within the self-check phase, declared in it, exempt', 'rectifiedInTime', rectified(addDays(today, -40)), 'exempt', 0],
    ['已整改 dated within the self-check phase but never declared, liable', 'undeclared', rectified(addDays(today, -40)), 'liable', 4],
    ['核查无问题, nothing imposed', 'compliant', { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移在途' }, 'none', 0],
  ];

  it.each(cases)('is what recording it imposes: %s', async (_name, person, decision, liability, n) => {
    const caseId = caseIds[person];
    const before = await writes();
    const preview = await post('officer2201', `/cases/${caseId}/decision/preview`, decision);
    expect(preview.status).toBe(200);
    expect(await writes()).toEqual(before);
    expect([preview.body.liability, preview.body.penalties.length, preview.body.decidedOn]).toEqual([liability, n, today]);
    expect(preview.body.summary).toMatch(/[\u4e00-\u9fff]/);
    if (liability === 'liable') expect(preview.body.reservedToProvince).toEqual([{ kind: 'REVOKE_REGISTRATION', kindLabel: '撤销注册' }]);
    // The measures are proposed: they take effect when the procedure's decision is served, not when this decision is recorded.
    if (liability === 'liable') {
      expect(preview.body.summary).toContain(`拟作出以下${n}项处理，经行政处罚程序自处罚决定书送达之日起生效`);
      expect(preview.body.summary).not.toContain('将实施');
      expect(preview.body.takesEffect).toContain('作出结论时不生效');
      expect(preview.body.takesEffect).toContain('自处罚决定书送达之日起生效');
    } else {
      expect(preview.body.takesEffect).toBeNull();
    }
    if (person === 'undeclared') {
      expect(preview.body.liabilityBasis).toBe('no_self_check_declaration');
      expect(preview.body.warnings).toEqual([{ path: 'body.rectifiedOn', message: expect.stringMatching(/^「整改完成日期」.*未查到.*申报记录/) }]);
      expect(preview.body.summary).toContain('未查到当事人或其注册单位在自查自纠期间的申报记录');
    }
    for (const p of preview.body.penalties) expect(p.text).toContain(p.kindLabel);
    const decided = await post('officer2201', `/cases/${caseId}/decision`, decision, `pv-${++keySeq}-${caseId}`);
    expect(decided.status).toBe(200);
    await expectAsPreviewed(caseId, preview.body, decided.body);
  });

  it('names the penalties a violation carries in Chinese, the ban with its dates', async () => {
    // The first case above was decided as previewed; a preview now is refused (its decision too).
    const refused = await post('officer2201', `/cases/${caseIds.publicSector}/decision/preview`, violation(bureau));
    expect(refused.status).toBe(409);
    const p = (await post('officer2201', `/cases/${caseIds.carried}/decision/preview`, violation(bureau))).body;
    expect(p.penalties.map((x: { kindLabel: string }) => x.kindLabel)).toEqual([
      '3年内不予受理注册申请',
      '个人不良行为记录',
      '单位不良行为记录',
      '列入资质动态核查',
      '通报实际工作单位',
    ]);
    expect(p.reservedToProvince).toEqual([{ kind: 'REVOKE_REGISTRATION', kindLabel: '撤销注册' }]);
    // The ban's dates as if the decision were served today: it runs from the service.
    expect(p.ban.start).toBe(today);
    expect(p.penalties[0].text).toBe(`3年内不予受理注册申请：${p.ban.start} 至 ${p.ban.end}（市（州）实施）`);
    expect(p.penalties[4].text).toBe(`通报实际工作单位：${bureau.name}（市（州）实施）`);
  });

  it('refuses what the decision would refuse: a date after today, an ID number in the text', async () => {
    const future = await post('officer2201', `/cases/${caseIds.carried}/decision/preview`, rectified(addDays(today, 1)));
    expect([future.status, future.body.code]).toEqual([422, 'rejected']);
    const named = await post('officer2201', `/cases/${caseIds.carried}/decision/preview`, {
      outcome: 'TRANSFERRED',
      receivingAuthority: `转交 ${PERSON.carried}`,
    });
    expect(named.status).toBe(422);
    expect(named.text).not.toContain(PERSON.carried);
  });
});

describe('the preview of many decisions', () => {
  it('previews each case as its decision in the bulk decision then records it, with totals by kind', async () => {
    const items = [
      { caseId: caseIds.bulkViolation, decision: violation(elsewhere) },
      { caseId: caseIds.bulkLate, decision: rectified(addDays(today, -2)) },
      { caseId: caseIds.compliant, decision: { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '数据滞后' } },
    ];
    const before = await writes();
    const preview = await post('officer2201', `/campaigns/${C}/cities/2201/decisions/preview`, { items });
    expect(preview.status).toBe(200);
    expect(await writes()).toEqual(before);
    expect(preview.body.results.map((r: { status: number }) => r.status)).toEqual([200, 200, 409]);
    expect(preview.body.totals).toMatchObject({ cases: 2, refused: 1, liable: 2, exempt: 0, none: 0 });
    const byKind = Object.fromEntries(preview.body.totals.byKind.map((k: { kind: string; count: number }) => [k.kind, k.count]));
    expect(byKind).toEqual({ REGISTRATION_BAN_3Y: 2, BAD_CONDUCT_PERSON: 2, BAD_CONDUCT_UNIT: 2, DYNAMIC_QUALIFICATION_CHECK: 2 });

    const decided = await post('officer2201', `/campaigns/${C}/cities/2201/decisions`, { items }, `pv-bulk-${++keySeq}`);
    expect(decided.body.results.map((r: { status: number }) => r.status)).toEqual([200, 200, 409]);
    for (const [i, r] of decided.body.results.slice(0, 2).entries()) await expectAsPreviewed(r.caseId, preview.body.results[i].preview, r.result);
  });
});

describe('carrying an open case over', () => {
  it('refuses a reason that names the person by ID number, and stores nothing', async () => {
    const r = await post('officer2201', `/cases/${caseIds.carried}/carry-over`, { reason: `${PERSON.carried} 外派` }, `carry-key-${++keySeq}`);
    expect(r.status).toBe(422);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM officer_text WHERE kind = 'carryOver.reason'`)).rows[0].n).toBe(0);
    expect((await caseDetail('officer2201', caseIds.carried)).status).toBe('open');
  });

  it('carries the case over through its workflow with the reason, which the officer sees and a supervisor does not', async () => {
    const key = `carry-key-${++keySeq}`;
    const r = await post('officer2201', `/cases/${caseIds.carried}/carry-over`, { reason: REASON }, key);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ caseId: caseIds.carried, updateId: `carry-over/${caseIds.carried}`, carriedOverOn: today });
    expect((await client.workflow.getHandle(caseWorkflowId(C, '2201', caseIds.carried)).query(caseStateQuery)).status).toBe('carried_over');
    const officer = await caseDetail('officer2201', caseIds.carried);
    expect(officer.status).toBe('carried_over');
    expect(officer.timeline.find((t: { kind: string }) => t.kind === 'carried_over').detail).toEqual({ reason: REASON });
    expect(JSON.stringify(await caseDetail('supervisor', caseIds.carried))).not.toContain(REASON);
    const stored = await db.pool.query(`SELECT text, created_by FROM officer_text WHERE kind = 'carryOver.reason'`);
    expect(stored.rows).toEqual([{ text: REASON, created_by: 'officer2201' }]);
    // The workflow got the text's id, never the text: its history, decrypted, holds the reference only.
    const history = JSON.parse(JSON.stringify(await client.workflow.getHandle(caseWorkflowId(C, '2201', caseIds.carried)).fetchHistory()));
    const codec = new EncryptionCodec(parsePayloadKeys(TEST_PAYLOAD_KEYS));
    const decrypted = await codec.decode(
      encodedPayloads(history).map((p) => ({
        metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
        data: Buffer.from(p.data ?? '', 'base64'),
      })),
    );
    const plain = decrypted.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
    expect(plain).toMatch(/"reason":\{"textId":"[0-9a-f-]{36}"\}/);
    expect(plain).not.toContain(REASON.slice(0, 6));

    const replay = await post('officer2201', `/cases/${caseIds.carried}/carry-over`, { reason: REASON }, key);
    expect([replay.status, replay.body, replay.headers.get('idempotent-replay')]).toEqual([200, r.body, 'true']);
    const again = await post('officer2201', `/cases/${caseIds.carried}/carry-over`, { reason: REASON }, `carry-key-${++keySeq}`);
    expect([again.status, again.body.code]).toEqual([409, 'conflict']);
    const audit = await db.pool.query(`SELECT user_id, result FROM audit_log WHERE action = 'case.carry_over' ORDER BY id`);
    expect(audit.rows.map((a) => a.result)).toEqual(['rejected', 'ok', 'replayed', 'conflict']);
  });

  it('refuses to carry over a decided case', async () => {
    const r = await post('officer2201', `/cases/${caseIds.compliant}/carry-over`, { reason: REASON }, `carry-key-${++keySeq}`);
    expect([r.status, r.body.code]).toEqual([409, 'conflict']);
  });
});
