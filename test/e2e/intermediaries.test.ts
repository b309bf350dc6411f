/**
 * Issue 21 item 2, an intermediary from the registry to the escalation, on the real stack (database,
 * worker with the real workflows and activities, Temporal, the API in its own process): an HR agency
 * that paid a person's contributions enters the registry from the case's evidence when the cases open
 * (the officer's scan then finds nothing new);
 * an officer registers a broker and names it on another case with the reason; a rectification order
 * whose deadline has passed raises its overdue alert through its watch workflow; a finding, the
 * result "not rectified" (the alerts resolved) and the escalation on an intermediary basis; a second
 * escalation refused; the escalated order's procedure worked through the API up to its notice, numbered by
 * the city's 人社局, with no penalty row; another city's officer refused; the city's figures count the intermediaries.
 * Then the escalated order's procedure in 待办程序 (GET /procedures): the city's 人社 officer's, the responsible
 * person's approvals, no other city's, no case's reader's; and read in full and its notice downloaded through the order.
 */
import { randomBytes } from 'node:crypto';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { orderWatchId } from '../../domain/intermediary';
import { countCities } from '../../readModel/cityFigures';
import { fixtureIdNumber, fixtureUscc } from '../support/caseFixtures';
import { calendarAround, eventually, quietRuntime } from '../support/caseWorkflowEnv';
import { openScreenedCampaign } from '../support/screenedCampaign';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, login, type Res } from './apiSupport/http';
import { USERS, type UserName } from './apiSupport/seed';
import { docxText } from '../activities/documents/docxText';

const taskQueue = `intermediary-e2e-${randomBytes(4).toString('hex')}`;
const C = `im-${randomBytes(3).toString('hex')}`;
const today = shanghaiDate(new Date());
const calendar = calendarAround(Date.now());
const regUnit = { name: '吉林省中介测试建设有限公司', code: fixtureUscc(910) };
const agency = { name: '长春市测试人力资源服务有限公司', code: fixtureUscc(911), kind: 'hr_agency' as const };
const PERSON = { viaAgency: fixtureIdNumber(901), named: fixtureIdNumber(902) };

let stack: ApiStack;
/** The order the first test escalates: the second reads its procedure's listing. */
let escalated: { brokerId: number; orderId: number; brokerName: string } | undefined;
const tokens: Partial<Record<UserName, string>> = {};
const caseIds: Record<keyof typeof PERSON, string> = {} as never;
const base = `/campaigns/${C}/cities/2201/intermediaries`;

const post = (who: UserName, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res> =>
  call(stack.api.url, 'POST', path, { token: tokens[who], body, headers });
const get = (who: UserName, path: string): Promise<Res> => call(stack.api.url, 'GET', path, { token: tokens[who] });
/** A .docx the API serves: its status, file name (the document number) and text. */
const download = async (who: UserName, path: string): Promise<{ status: number; fileName: string; text: string }> => {
  const res = await fetch(stack.api.url + path, { headers: { authorization: `Bearer ${tokens[who]}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { status: res.status, fileName: name ? decodeURIComponent(name) : '', text: res.status === 200 ? docxText(bytes) : '' };
};

interface Detail {
  intermediaryId: number;
  name: string;
  source: string;
  cases: { caseId: string; basis: string; reason: string | null }[];
  orders: {
    orderId: number;
    status: string;
    overdue: boolean;
    findings: { finding: string }[];
    escalationBasisId: number | null;
    procedure: { step: string; awaiting: string[]; noticeNumber: string | null } | null;
    noticeNumber: string | null;
  }[];
}

const openAlerts = async (orderId: number) =>
  (
    await stack.db.pool.query<{ kind: string; level: string; message: string }>(
      `SELECT kind, level, message FROM alert WHERE alert_key LIKE $1 AND resolved_at IS NULL ORDER BY kind`,
      [`campaign/${C}/intermediary-order/${orderId}/%`],
    )
  ).rows;

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  for (const u of ['officer2201', 'officer2202', 'leader2201', 'hr2201', 'fund2201', 'coordinator', 'supervisor'] as UserName[])
    tokens[u] = await login(stack.api.url, u, USERS[u].password);
  const campaign = await openScreenedCampaign(stack.db.pool, {
    campaignId: C,
    name: '中介机构测试',
    cities: ['2201', '2202'],
    calendar,
    persons: {
      viaAgency: { idNumber: PERSON.viaAgency, regUnit, ssUnit: agency, reasons: ['SS_UNIT_MISMATCH', 'SS_VIA_AGENCY'] },
      named: { idNumber: PERSON.named, regUnit },
    },
  });
  Object.assign(caseIds, campaign.caseIds);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

test('an intermediary goes from the registry through its rectification order to the escalation', async () => {
  // From the evidence, when the cases opened: the agency that paid the contributions, linked to its case.
  const opened = (await get('officer2201', base)).body as { items: { intermediaryId: number; name: string; uscc: string; source: string }[] };
  expect(opened.items).toEqual([expect.objectContaining({ name: agency.name, uscc: agency.code, source: 'evidence' })]);
  const fromEvidence = (await get('officer2201', `${base}/${opened.items[0].intermediaryId}`)).body as Detail;
  expect(fromEvidence.cases).toEqual([expect.objectContaining({ caseId: caseIds.viaAgency, basis: 'paid_contributions', reason: null })]);
  // The officer's scan reads the same evidence: nothing new.
  const scan = await post('officer2201', `${base}/evidence-scan`);
  expect(scan.status).toBe(200);
  expect(scan.body).toEqual({ casesWithAgency: 1, intermediariesCreated: 0, linksCreated: 0 });

  // An officer registers a broker; the same credit code twice is refused, naming the field in Chinese.
  const broker = { name: '某挂证中介工作室', uscc: fixtureUscc(912), kind: 'broker', address: '长春市南关区测试路1号' };
  const created = await post('officer2201', base, broker);
  expect(created.status).toBe(201);
  const brokerId = (created.body as { intermediaryId: number }).intermediaryId;
  const again = await post('officer2201', base, { ...broker, name: '另一名称' });
  expect(again.status).toBe(409);
  expect(JSON.stringify(again.body)).toContain('统一社会信用代码');

  // Named on a case as having arranged the hanging, with the reason; another city's officer is refused.
  const reason = '当事人陈述由该中介介绍挂靠，收取挂证费';
  expect((await post('officer2201', `${base}/${brokerId}/cases`, { caseId: caseIds.named, reason })).body).toEqual({ changed: true });
  expect((await post('officer2202', `${base}/${brokerId}/cases`, { caseId: caseIds.named, reason })).status).toBe(403);
  const links = (await get('officer2201', `/cases/${caseIds.named}/intermediaries`)).body as {
    items: { intermediaryId: number; basis: string; reason: string }[];
  };
  expect(links.items).toEqual([expect.objectContaining({ intermediaryId: brokerId, basis: 'named_by_officer', reason })]);

  const list = (await get('coordinator', base)).body as { items: { intermediaryId: number; source: string; paidCases: number; namedCases: number }[] };
  expect(list.items.map((i) => [i.source, i.paidCases, i.namedCases]).sort()).toEqual([
    ['evidence', 1, 0],
    ['officer', 0, 1],
  ]);

  // A rectification order whose deadline has passed: its watch raises the overdue alert.
  const order = await post(
    'officer2201',
    `${base}/${brokerId}/orders`,
    { issuedOn: addDays(today, -10), deadline: addDays(today, -1), requirements: '停止介绍挂证，解除已安排的挂证关系' },
    { 'idempotency-key': `order-${C}` },
  );
  expect(order.status).toBe(201);
  const orderId = (order.body as { orderId: number }).orderId;
  // Its 责令限期整改通知书, numbered by the city's 人社局 when issued, for the unit; the same file again; other cities refused.
  const orderNotice = await download('officer2201', `${base}/${brokerId}/orders/${orderId}/notice`);
  const orderNumber = `长人社责改〔${addDays(today, -10).slice(0, 4)}〕第0001号`;
  expect(orderNotice).toEqual(expect.objectContaining({ status: 200, fileName: `${orderNumber}.docx` }));
  for (const s of [
    '责令限期整改通知书',
    orderNumber,
    broker.name,
    broker.uscc,
    broker.address,
    '停止介绍挂证，解除已安排的挂证关系',
    '长春市人力资源和社会保障局',
    '送达回证',
  ])
    expect(orderNotice.text).toContain(s);
  expect(orderNotice.text).toContain(reason);
  expect(orderNotice.text).not.toContain('身份证');
  expect((await download('coordinator', `${base}/${brokerId}/orders/${orderId}/notice`)).fileName).toBe(`${orderNumber}.docx`);
  expect(((await get('officer2201', `${base}/${brokerId}`)).body as Detail).orders[0].noticeNumber).toBe(orderNumber);
  expect((await download('officer2202', `${base}/${brokerId}/orders/${orderId}/notice`)).status).toBe(403);
  const alerts = await eventually(async () => {
    const a = await openAlerts(orderId);
    expect(a.map((x) => x.kind)).toEqual(['intermediary_order_due', 'intermediary_order_overdue']);
    return a;
  });
  expect(alerts[1].message).not.toContain(broker.name);
  // The registry shows it overdue on the campaign's clock.
  expect(((await get('officer2201', `${base}/${brokerId}`)).body as Detail).orders[0]).toEqual(expect.objectContaining({ status: 'open', overdue: true }));
  // A second open order is refused while this one is open.
  expect((await post('officer2201', `${base}/${brokerId}/orders`, { issuedOn: today, deadline: addDays(today, 5), requirements: '再次整改' })).status).toBe(
    409,
  );

  expect((await post('officer2201', `${base}/${brokerId}/orders/${orderId}/findings`, { foundOn: today, finding: '现场核查：仍在发布挂证信息' })).status).toBe(
    201,
  );
  const result = await post('officer2201', `${base}/${brokerId}/orders/${orderId}/result`, { result: 'not_rectified', resultOn: today, note: '逾期未整改' });
  expect(result.status).toBe(200);
  expect((result.body as Detail).orders[0]).toEqual(
    expect.objectContaining({ status: 'not_rectified', findings: [expect.objectContaining({ finding: '现场核查：仍在发布挂证信息' })] }),
  );
  // The result ends the watch, which resolves the order's alerts.
  await eventually(async () => expect(await openAlerts(orderId)).toEqual([]));
  const watch = await stack.client.workflow.getHandle(orderWatchId(C, orderId)).result();
  expect(watch).toBe('closed');

  // 情节严重: escalated on a basis in force; a second escalation is refused.
  const bases = (await get('officer2201', '/intermediary-bases')).body as { items: { id: number; violation: string; verified: boolean }[] };
  const basis = bases.items.find((b) => b.violation === 'HR_SERVICE_IMPROPER')!;
  expect(basis.verified).toBe(true);
  const esc = await post('officer2201', `${base}/${brokerId}/orders/${orderId}/escalation`, {
    escalatedOn: today,
    reason: '拒不改正，安排挂证人数多',
    basisId: basis.id,
  });
  expect(esc.status).toBe(200);
  expect((esc.body as Detail).orders[0]).toEqual(expect.objectContaining({ status: 'escalated', escalationBasisId: basis.id }));
  expect(
    (await post('officer2201', `${base}/${brokerId}/orders/${orderId}/escalation`, { escalatedOn: today, reason: '再次', basisId: basis.id })).status,
  ).toBe(409);

  // The escalation started the order's due-process procedure: the second test works it.
  escalated = { brokerId, orderId, brokerName: broker.name };
  await eventually(async () => expect(await orderProcedureOf(brokerId)).toEqual(expect.objectContaining({ step: 'proposal', awaiting: ['submit_proposal'] })));

  // Readers: the province reads the detail, a supervisor does not; the figures count the city's intermediaries.
  expect((await get('coordinator', `${base}/${brokerId}`)).status).toBe(200);
  expect((await get('supervisor', `${base}/${brokerId}`)).status).toBe(403);
  const figures = (await countCities(stack.db.pool, C, ['2201', '2202'], 'investigation')).get('2201')!;
  expect(figures).toEqual(
    expect.objectContaining({ intermediaries: 2, intermediaryCases: 2, intermediaryOrders: 1, intermediariesRectified: 0, intermediariesEscalated: 1 }),
  );
}, 180_000);

const orderProcedureOf = async (brokerId: number) => ((await get('officer2201', `${base}/${brokerId}`)).body as Detail).orders[0].procedure;

interface Listed {
  items: {
    procedureId: string;
    caseId: string | null;
    caseNo: string | null;
    intermediary: { intermediaryId: number; orderId: number; name: string } | null;
  }[];
  approvalsWaiting: number;
}
/** The order procedures GET /procedures lists to a user (approvals=true: those awaiting the responsible person). */
const listedOrders = async (who: UserName, query = '') => {
  const r = await get(who, `/procedures?campaignId=${C}&level=city${query}`);
  expect(r.status).toBe(200);
  return (r.body as Listed).items.filter((i) => i.intermediary !== null);
};

test("an escalated order's procedure is in 待办程序 for its city's 人社 officer, its approval for the responsible person, and no other city's", async () => {
  const { brokerId, orderId, brokerName } = escalated!;
  const listedAs = [
    {
      procedureId: `penalty-procedure/intermediary-order/${C}/${orderId}/city`,
      caseId: null,
      caseNo: null,
      intermediary: { intermediaryId: brokerId, orderId, name: brokerName },
    },
  ];
  // Awaiting the proposal: the 人社 officer's (and the 住建 officer's, who also acts on intermediaries), the province's when it reads the cities';
  // not another city's officer, not the city's 公积金中心, not a supervisor (who reads no registry); not yet an approval.
  expect(await listedOrders('hr2201')).toEqual([expect.objectContaining(listedAs[0])]);
  expect(await listedOrders('officer2201')).toHaveLength(1);
  expect(await listedOrders('coordinator')).toHaveLength(1);
  expect(await listedOrders('officer2202')).toEqual([]);
  expect(await listedOrders('fund2201')).toEqual([]);
  expect(await listedOrders('supervisor')).toEqual([]);
  expect(await listedOrders('leader2201', '&approvals=true')).toEqual([]);
  // party=case keeps the cases' own list.
  expect(await listedOrders('hr2201', '&party=case')).toEqual([]);

  // The 人社 officer proposes on the intermediary basis: now an approval for the responsible person, and for no other city.
  const procedurePath = `${base}/${brokerId}/orders/${orderId}/procedure`;
  const key = () => ({ 'idempotency-key': `im-proc-${randomBytes(6).toString('hex')}` });
  // A 人社 kind beside the fine: the detail reads every kind a basis names.
  const proposal = {
    measures: [{ kind: 'FINE', amountYuan: 30_000 }, { kind: 'CONFISCATE_GAINS' }],
    facts: '为多人安排挂证并收取费用',
    evidence: '社会保险代缴记录',
  };
  expect((await post('hr2201', `${procedurePath}/proposal`, proposal, key())).status).toBe(200);
  await eventually(async () => expect(await listedOrders('leader2201', '&approvals=true')).toEqual([expect.objectContaining(listedAs[0])]));
  expect(await listedOrders('officer2202', '&approvals=true')).toEqual([]);
  expect((await post('officer2202', `${procedurePath}/proposal/approval`, { approved: true }, key())).status).toBe(403);
  expect((await post('hr2201', `${procedurePath}/proposal/approval`, { approved: true }, key())).status).toBe(403);
  const approved = await post('leader2201', `${procedurePath}/proposal/approval`, { approved: true }, key());
  expect(approved.status).toBe(200);
  const notice = `长人社罚告〔${today.slice(0, 4)}〕第0001号`;
  expect(approved.body).toEqual(
    expect.objectContaining({ step: 'notice', authorityCode: 'hr-2201', party: expect.objectContaining({ kind: 'intermediary', orderId }) }),
  );
  expect(await orderProcedureOf(brokerId)).toEqual(expect.objectContaining({ step: 'notice', awaiting: ['serve_notice'], noticeNumber: notice }));
  expect(await listedOrders('leader2201', '&approvals=true')).toEqual([]);
  const procedureRows = await stack.db.pool.query(
    'SELECT case_id, intermediary_order_id::int AS order_id FROM penalty_procedure WHERE intermediary_order_id = $1',
    [orderId],
  );
  expect(procedureRows.rows).toEqual([{ case_id: null, order_id: orderId }]);
  expect(
    (await stack.db.pool.query('SELECT count(*)::int AS n FROM penalty p JOIN case_file c ON c.case_id = p.case_id WHERE c.campaign_id = $1', [C])).rows[0].n,
  ).toBe(0);

  // The procedure in full through the order (the console's card): the intermediary its party, the basis's measures, the
  // proposal's text, the notice; downloaded as .docx. Another city's officer and a supervisor are refused.
  const detail = await get('hr2201', procedurePath);
  expect(detail.status).toBe(200);
  const d = detail.body as {
    caseId: string | null;
    intermediary: { name: string; basis: { measures: { kind: string }[] } };
    proposal: { facts: string };
    documents: { documentId: string; number: string }[];
    measures: { kind: string }[];
  };
  expect(d).toEqual(expect.objectContaining({ caseId: null, proposal: expect.objectContaining({ facts: proposal.facts }) }));
  expect(d.intermediary.name).toBe(brokerName);
  expect(d.intermediary.basis.measures.map((m) => m.kind)).toContain('FINE');
  expect(d.measures.map((m) => m.kind).sort()).toEqual(['CONFISCATE_GAINS', 'FINE']);
  expect(d.documents).toEqual([expect.objectContaining({ number: notice })]);
  const noticeDownload = await call(stack.api.url, 'GET', `${procedurePath}/documents/${d.documents[0].documentId}`, { token: tokens.hr2201 });
  expect(noticeDownload.status).toBe(200);
  expect(noticeDownload.headers.get('content-type')).toContain('wordprocessingml');
  // The procedure's documents read for a unit: the notice names the broker by its credit code and cites the basis's article.
  const docs = (await get('officer2201', `${procedurePath}/documents`)).body as { items: { documentId: string; kind: string; number: string }[] };
  expect(docs.items.map((x) => x.kind).sort()).toEqual(['intermediary_order_notice', 'intermediary_penalty_notice', 'intermediary_service_receipt']);
  const noticeFile = await download(
    'officer2201',
    `${procedurePath}/documents/${docs.items.find((x) => x.kind === 'intermediary_penalty_notice')!.documentId}`,
  );
  expect(noticeFile.fileName).toBe(`${notice}.docx`);
  for (const text of [brokerName, '第四十三条', '罚款30000元', '陈述、申辩权', '听证权', '你单位']) expect(noticeFile.text).toContain(text);
  expect(noticeFile.text).not.toContain('身份证');
  expect((await get('officer2202', procedurePath)).status).toBe(403);
  expect((await get('supervisor', procedurePath)).status).toBe(403);
}, 120_000);
