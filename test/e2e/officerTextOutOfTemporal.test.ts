/**
 * Issue 17, finding 9: what an officer types never reaches Temporal, and what Temporal stores is
 * encrypted. A campaign launched and a case decided through the API (API in its own process with
 * payload encryption on, as by default; workflows in an in-process worker sharing its key): the raw
 * histories hold only encrypted payloads, no fragment of the officer's text even once decrypted,
 * and the case detail shows the text intact. An ID number written with spaces or full-width digits
 * in the text is refused.
 */
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { addDays, SEED_CALENDAR } from '../../domain/calendar';
import { EncryptionCodec, parsePayloadKeys } from '../../platform/payloadCodec';
import { campaignWorkflowId } from '../../workflows/messages/campaign';
import { caseWorkflowId } from '../../workflows/messages/case';
import { cityWorkflowId } from '../../workflows/messages/city';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { eventually, quietRuntime } from '../support/caseWorkflowEnv';
import type { TestDatabase } from '../support/database';
import { TEST_PAYLOAD_KEYS } from '../support/payloadKeys';
import type { RunningApi } from './apiSupport/apiProcess';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, login } from './apiSupport/http';
import { USERS } from './apiSupport/seed';

const taskQueue = `officer-text-${randomBytes(4).toString('hex')}`;
const CAMPAIGN = `txt-${randomBytes(3).toString('hex')}`;
// What the officer types: a person's name among ordinary words, an employer, a note.
const EVIDENCE = '经核实，欧阳明轩本人长期在长春市某劳务派遣公司工作，社保由该公司缴纳';
const EMPLOYER = '长春市某劳务派遣有限公司';
const NOTE = '当事人承认挂证事实，已签字确认';
// What a city officer and a coordinator write about the city's reports and deadlines.
const SUMMARY = '本市自查汇总情况：宋雨桐等人已整改完毕';
const COMMENTS = '请补充宋雨桐社保转移的证明材料';
const CITY_REASON = '因需调取宋雨桐等人的劳动合同，申请延期';
const PROVINCE_REASON = '各市核查宋雨桐类情形需要时间';
const FRAGMENTS = ['欧阳明轩', '劳务派遣', '签字确认', EMPLOYER, '宋雨桐', '汇总情况', '证明材料', '劳动合同', '核查宋雨'];

let db: TestDatabase;
let api: RunningApi;
let client: Client;
let raw: Client;
let stack: ApiStack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  ({ db, client, api } = stack);
  raw = new Client({ connection: client.connection }); // sees what the server stores
  for (const u of ['coordinator', 'officer2201', 'hr2201'] as const) tokens[u] = await login(api.url, u, USERS[u].password);
}, 180_000);

afterAll(async () => {
  for (const id of [campaignWorkflowId(CAMPAIGN)])
    await client?.workflow
      .getHandle(id)
      .terminate('test over')
      .catch(() => undefined);
  await stack?.stop();
});

type RawPayload = { metadata: Record<string, string>; data?: string };

/**
 * Every payload in a history as the server returns it (JSON, bytes in base64): `coded` the ones a
 * payload codec encodes, `sdk` the rest: search attributes (the server indexes them) and the SDK's
 * own marker bookkeeping (patch ids, a local activity's sequence number and type).
 */
function payloadsOf(node: unknown, out = { coded: [] as RawPayload[], sdk: [] as RawPayload[] }, sdk = false, key = '', parent = ''): typeof out {
  if (Array.isArray(node)) node.forEach((n) => payloadsOf(n, out, sdk, key, parent));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && 'encoding' in o.metadata) (sdk ? out.sdk : out.coded).push(o as unknown as RawPayload);
    else {
      for (const [k, v] of Object.entries(o)) {
        payloadsOf(
          v,
          out,
          sdk || k === 'searchAttributes' || k === 'patch-data' || (key === 'details' && k === 'data') || (parent === 'details' && key === 'data'),
          k,
          key,
        );
      }
    }
  }
  return out;
}

describe("an officer's free text", () => {
  let caseIds: string[];

  it('is refused when it holds an ID number written with spaces or full-width digits', async () => {
    const regUnit = { name: '吉林省文本测试建设有限公司', code: fixtureUscc(600) };
    const ssUnit = { name: '文本测试实际工作单位有限公司', code: fixtureUscc(601) };
    const { snapshotId } = await seedScreenedCity(
      db.pool,
      '2201',
      [911, 912].map((n) => ({ idNumber: fixtureIdNumber(n), regUnit, ssUnit })),
    );
    const start = new Date(Date.now() - 62 * 60_000).toISOString();
    const launch = await call(api.url, 'POST', '/campaigns', {
      token: tokens.coordinator,
      body: {
        id: CAMPAIGN,
        name: '文本测试',
        cities: ['2201'],
        dataSources: { snapshotId },
        calendar: SEED_CALENDAR,
        clock: { kind: 'compressed', start, minutesPerDay: 1 },
      },
    });
    expect(launch.status).toBe(201);
    caseIds = await eventually(async () => {
      const cases = await call(api.url, 'GET', `/campaigns/${CAMPAIGN}/cities/2201/cases?ready=true`, { token: tokens.officer2201 });
      expect(cases.body.total).toBe(2);
      return (cases.body.items as { caseId: string }[]).map((c) => c.caseId);
    }, 90_000);
    const caseId = caseIds[1];

    const id = fixtureIdNumber(911);
    const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    const fullWidth = [...id].map((c) => (/\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    const mixed = [...fullWidth].map((c, i) => (i % 2 ? id[i] : c)).join('');
    for (const written of [spaced, fullWidth, mixed]) {
      const r = await call(api.url, 'POST', `/cases/${caseId}/decision`, {
        token: tokens.officer2201,
        headers: { 'idempotency-key': `id-in-text-${randomBytes(4).toString('hex')}` },
        body: { outcome: 'TRANSFERRED', receivingAuthority: `公安机关（当事人${written}）` },
      });
      expect({ written, status: r.status }).toEqual({ written, status: 422 });
    }
  }, 180_000);

  it('is stored in PostgreSQL and shown intact in the case detail, while Temporal holds its id, encrypted', async () => {
    const caseId = caseIds[0];
    const r = await call(api.url, 'POST', `/cases/${caseId}/decision`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': `text-${caseId}` },
      body: { outcome: 'VIOLATION', actualEmployer: { name: EMPLOYER }, evidence: EVIDENCE, note: NOTE },
    });
    expect(r.status).toBe(200);

    const send = async (token: string, path: string, body: unknown) => {
      const res = await call(api.url, 'POST', path, { token, headers: { 'idempotency-key': `txt-${randomBytes(4).toString('hex')}` }, body });
      expect({ path, ok: res.status === 200 || res.status === 201, body: res.status < 300 ? null : res.body }).toEqual({ path, ok: true, body: null });
    };
    await send(tokens.officer2201, `/campaigns/${CAMPAIGN}/cities/2201/submissions/self_check`, { summary: SUMMARY });
    await send(tokens.hr2201, `/campaigns/${CAMPAIGN}/cities/2201/submissions/self_check/1/signoff`, {});
    await send(tokens.coordinator, `/campaigns/${CAMPAIGN}/cities/2201/submissions/self_check/1/review`, { decision: 'return', comments: COMMENTS });
    await send(tokens.coordinator, `/campaigns/${CAMPAIGN}/deadline-extensions`, {
      phase: 'investigation',
      cityCode: '2201',
      newDate: addDays(SEED_CALENDAR.investigation.deadline, 10),
      reason: CITY_REASON,
    });
    await send(tokens.coordinator, `/campaigns/${CAMPAIGN}/deadline-extensions`, {
      phase: 'provincialVerification',
      newDate: addDays(SEED_CALENDAR.provincialVerification.deadline, 10),
      reason: PROVINCE_REASON,
    });
    const q = async (sql: string) => (await db.pool.query(sql, [CAMPAIGN])).rows;
    expect(await q("SELECT summary, comments FROM submission WHERE campaign_id = $1 AND city_code = '2201'")).toEqual([
      { summary: SUMMARY, comments: COMMENTS },
    ]);
    expect((await q('SELECT reason FROM deadline_extension WHERE campaign_id = $1 ORDER BY reason')).map((r) => r.reason).sort()).toEqual(
      [CITY_REASON, PROVINCE_REASON].sort(),
    );

    const detail = await call(api.url, 'GET', `/cases/${caseId}`, { token: tokens.officer2201 });
    expect(detail.body.decision).toEqual(
      expect.objectContaining({ outcome: 'VIOLATION', actualEmployer: expect.objectContaining({ name: EMPLOYER }), evidence: EVIDENCE, note: NOTE }),
    );

    const codec = new EncryptionCodec(parsePayloadKeys(TEST_PAYLOAD_KEYS));
    for (const workflowId of [campaignWorkflowId(CAMPAIGN), cityWorkflowId(CAMPAIGN, '2201'), caseWorkflowId(CAMPAIGN, '2201', caseId)]) {
      const history = JSON.parse(JSON.stringify(await raw.workflow.getHandle(workflowId).fetchHistory()));
      const { coded: payloads, sdk } = payloadsOf(history);
      expect(payloads.length).toBeGreaterThan(0);
      for (const p of payloads) expect(Buffer.from(p.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
      const decrypted = await codec.decode(
        payloads.map((p) => ({
          metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
          data: Buffer.from(p.data ?? '', 'base64'),
        })),
      );
      const stored = JSON.stringify(history) + [...payloads, ...sdk].map((p) => Buffer.from(p.data ?? '', 'base64').toString('utf8')).join('\n');
      const plain = decrypted.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
      for (const f of FRAGMENTS) {
        expect({ workflowId, fragment: f, stored: stored.includes(f) }).toEqual({ workflowId, fragment: f, stored: false });
        expect({ workflowId, fragment: f, decrypted: plain.includes(f) }).toEqual({ workflowId, fragment: f, decrypted: false });
      }
      if (workflowId.includes('/case/')) expect(plain).toMatch(/"evidence":\{"textId":"[0-9a-f-]{36}"\}/);
    }
  }, 180_000);
});
