/**
 * Authorization, walked from the API's own route table (its OpenAPI document carries each route's
 * roles and city scope): every route with every role and without a token, and a city officer on
 * every route for another city's data. A route without a request below fails the walk, so a new
 * route cannot be left out. Workflow commands are faked here (the workflows have their own tests).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBatch } from '../../dataImport/batches';
import { raiseAlert } from '../../activities/alerts/raiseAlert';
import { fixtureIdNumber } from '../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { PROCEDURE_BODIES, PROCEDURE_COMMAND } from './apiSupport/procedureRequests';
import { seedCampaignWithCases, seedProcedure, seedUsers, USERS, type SeededCampaign, type UserName } from './apiSupport/seed';

interface RouteInfo {
  method: string;
  path: string;
  roles: string[];
  public: boolean;
  cityScope: string;
  /** Only the authority's responsible person (负责人) among the roles. */
  responsible: boolean;
}

interface Req {
  /** A token of the caller's own, instead of the shared one (a log-out ends the token it is sent with). */
  token?: string;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** The status an allowed caller gets (default: any 2xx). */
  expect?: number;
}

type Who = 'none' | Exclude<UserName, 'officer2202'>;
const WHO: Who[] = ['none', 'coordinator', 'officer2201', 'supervisor', 'auditor', 'leader2201', 'leader22', 'hr2201', 'fund2201', 'hr22'];
const ROLE_OF: Record<Exclude<Who, 'none'>, string> = {
  hr2201: 'city_hr_officer',
  fund2201: 'city_fund_officer',
  hr22: 'province_hr_coordinator',
  coordinator: 'province_coordinator',
  officer2201: 'city_officer',
  supervisor: 'supervisor',
  auditor: 'auditor',
  leader2201: 'city_officer',
  leader22: 'province_coordinator',
};
const RESPONSIBLE = new Set<Who>(['leader2201', 'leader22']);

let db: TestDatabase;
let api: RunningApi;
let seeded: SeededCampaign;
const tokens: Record<string, string> = {};
let keySeq = 0;
/** A batch the 公积金中心 uploaded (its rejects are its own to read). */
let fundBatch: number;
const key = () => `walk-key-${Date.now()}-${++keySeq}`;

const decision = { outcome: 'TRANSFERRED', receivingAuthority: '省人力资源和社会保障厅' };
const legalBasis = {
  certCategory: 'CONSTRUCTOR_2',
  violation: 'LENDING_CERTIFICATE',
  citations: [{ instrument: '《注册建造师管理规定》', article: '第三十七条', quote: '', sourceUrl: null, verified: false, note: '待核实' }],
  measures: [{ kind: 'WARNING', authority: 'CITY_BUREAU' }],
  hearing: { applies: true, note: '' },
  effectiveFrom: '2026-01-01',
  reason: '路由检查',
};

const fundCsv = `身份证号,缴存单位,缴存年月\n${fixtureIdNumber(901)},吉林省测试单位,2024-06\n`;
const csv = `身份证号,姓名,注册类别,注册证书编号,注册单位,所在市州\n${fixtureIdNumber(901)},测试,CONSTRUCTOR_2,吉2220000901,吉林省测试单位,2201\n`;

/** One request per route, for a caller of city 2201 (`city` swaps in another city's data). */
async function requestFor(route: RouteInfo, who: Who, city = '2201'): Promise<Req | undefined> {
  const c = seeded.campaignId;
  const caseId = seeded.caseIds[city][0];
  const cityParams = { campaignId: c, cityCode: city };
  // Intake names persons of the path's city only: a person of the city's first case (seedCampaignWithCases).
  const person = fixtureIdNumber(city === '2201' ? 1 : 401);
  const fresh = async () => {
    const r = await call(api.url, 'POST', '/auth/login', { body: { username: 'coordinator', password: USERS.coordinator.password } });
    return r.body.refreshToken as string;
  };
  const creds = who === 'none' ? 'coordinator' : who;
  // A city officer acts on the city's procedure, the coordinator on the province's.
  const level = who === 'coordinator' || who === 'leader22' ? 'province' : 'city';
  const procedure = { caseId, level };
  const table: Record<string, () => Promise<Req> | Req> = {
    'POST /auth/login': () => ({ body: { username: creds, password: USERS[creds].password } }),
    'POST /auth/refresh': async () => ({ body: { refreshToken: await fresh() } }),
    'POST /auth/logout': async () => ({
      body: { refreshToken: await fresh() },
      token: who === 'none' ? undefined : await login(api.url, who, USERS[who].password),
      expect: 204,
    }),
    'GET /auth/me': () => ({}),
    'POST /campaigns': () => ({
      body: { id: `walk-new-${keySeq++}`, name: '新专项治理', cities: ['2201'], dataSources: { snapshotId: seeded.snapshotId } },
      expect: 201,
    }),
    'POST /campaigns/validation': () => ({
      body: { id: `walk-check-${keySeq++}`, name: '试发起', cities: ['2201'], dataSources: { snapshotId: seeded.snapshotId } },
      expect: 200,
    }),
    'GET /campaigns': () => ({}),
    'GET /campaigns/{campaignId}': () => ({ params: { campaignId: c } }),
    'GET /campaigns/{campaignId}/late-cities': () => ({ params: { campaignId: c } }),
    'GET /campaigns/{campaignId}/progress-notice': () => ({ params: { campaignId: c } }),
    'GET /campaigns/{campaignId}/cities/{cityCode}': () => ({ params: cityParams }),
    'POST /campaigns/{campaignId}/deadline-extensions': () => ({
      params: { campaignId: c },
      body: { phase: 'selfCheck', cityCode: city, newDate: '2024-11-15', reason: '数据核对需要时间' },
    }),
    // 公积金中心 uploads fund data only (a registrations file from it is refused: tested below).
    'POST /imports': () => ({
      query: who === 'fund2201' ? 'source=housing_fund&fileName=walk-fund.csv' : 'source=registrations&fileName=walk.csv',
      raw: who === 'fund2201' ? fundCsv : csv,
      contentType: 'text/csv',
      expect: 202,
    }),
    'GET /imports/jobs/{importId}/confirmations': () => ({ params: { importId: '00000000-0000-4000-8000-000000000000' }, expect: 404 }),
    'POST /imports/jobs/{importId}/confirmation': () => ({ params: { importId: '00000000-0000-4000-8000-000000000000' }, expect: 404 }),
    'GET /imports/jobs/{importId}': () => ({ params: { importId: '00000000-0000-4000-8000-000000000000' }, expect: 404 }),
    'GET /imports': () => ({}),
    'GET /imports/{batchId}': () => ({ params: { batchId: '1' } }),
    // 公积金中心 reads the rejects of its own uploads only.
    'GET /imports/{batchId}/issues.csv': () => ({ params: { batchId: who === 'fund2201' ? String(fundBatch) : '1' } }),
    'POST /snapshots': () => ({ body: { label: 'walk', batchIds: [1] }, expect: 201 }),
    'GET /snapshots': () => ({}),
    'GET /snapshots/{snapshotId}': () => ({ params: { snapshotId: String(seeded.snapshotId) } }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/cases': () => ({ params: cityParams, query: 'status=open&sort=due&pageSize=5' }),
    'GET /cases/{caseId}': () => ({ params: { caseId } }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/officers': () => ({ params: cityParams }),
    'POST /cases/{caseId}/assignment': () => ({ params: { caseId }, body: { assignee: city === '2201' ? 'officer2201' : 'officer2202' } }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/assignments/preview': () => ({
      params: cityParams,
      body: { rule: { kind: 'roundRobin', officers: ['officer2201'] } },
    }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/assignments': () => ({
      params: cityParams,
      body: { rule: { kind: 'officer', officer: 'officer2201' }, cases: { caseIds: [caseId] } },
      headers: { 'idempotency-key': key() },
    }),
    'POST /cases/{caseId}/decision': () => ({ params: { caseId }, body: decision, headers: { 'idempotency-key': key() } }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/decisions': () => ({
      params: cityParams,
      body: { items: [{ caseId, decision }] },
      headers: { 'idempotency-key': key() },
    }),
    'POST /cases/{caseId}/provincial-penalties': () => ({ params: { caseId }, body: {}, headers: { 'idempotency-key': key() } }),
    'POST /cases/{caseId}/reopen': () => ({ params: { caseId }, body: { reason: '省厅退回重新核查' }, headers: { 'idempotency-key': key() } }),
    'POST /cases/{caseId}/override': () => ({
      params: { caseId },
      body: { ...decision, reason: '省级核查改变结论' },
      headers: { 'idempotency-key': key() },
    }),
    'POST /cases/{caseId}/decision/preview': () => ({ params: { caseId }, body: decision }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/decisions/preview': () => ({ params: cityParams, body: { items: [{ caseId, decision }] } }),
    'POST /cases/{caseId}/carry-over': () => ({ params: { caseId }, body: { reason: '补充调查材料尚未收齐' }, headers: { 'idempotency-key': key() } }),
    'GET /cases/{caseId}/transfer': () => ({ params: { caseId } }),
    'GET /outside-authorities': () => ({}),
    'PUT /outside-authorities/{code}': () => ({ params: { code: 'walk' }, body: { name: '走查移送部门' } }),
    // The walk's cases were referred nowhere: 404 after authorization.
    'POST /cases/{caseId}/referral/letter': () => ({ params: { caseId }, body: {}, expect: 404 }),
    'GET /cases/{caseId}/referral/letter': () => ({ params: { caseId }, expect: 404 }),
    'POST /cases/{caseId}/referral/service': () => ({ params: { caseId }, body: { servedOn: '2024-12-01', method: 'post' }, expect: 404 }),
    'POST /cases/{caseId}/referral/answer': () => ({ params: { caseId }, body: { answeredOn: '2024-12-02', answer: '已受理' }, expect: 404 }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/self-check-declarations': () => ({
      params: cityParams,
      body: { idNumber: person, correction: 'moved_contributions', correctedOn: '2024-10-08' },
      expect: 201,
    }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/self-check-declarations': () => ({ params: cityParams }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/self-check-list': () => ({ params: cityParams }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/self-check-list/units/{unitKey}/notice': () => ({ params: { ...cityParams, unitKey: 'none' }, expect: 404 }),
    'POST /campaigns/{campaignId}/snapshots': () => ({ params: { campaignId: c }, body: { batchIds: [1] }, expect: 201 }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/rescreens': () => ({ params: cityParams }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/rescreens/{rescreenId}/changes': () => ({ params: { ...cityParams, rescreenId: '999' }, expect: 404 }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/deregistration-requests': () => ({ params: cityParams, body: { idNumber: person }, expect: 201 }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/deregistration-requests': () => ({ params: cityParams }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/deregistration-requests/{requestId}/processing': () => ({
      params: { ...cityParams, requestId: '1' },
      body: { outcome: 'cancelled' },
    }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/complaints': () => ({
      params: cityParams,
      body: { receivedAt: new Date().toISOString(), channel: 'phone', subjectUnit: '某人力资源服务公司', content: '举报挂证中介' },
      expect: 201,
    }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/complaints': () => ({ params: cityParams }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/submissions': () => ({ params: cityParams }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}': () => ({ params: { ...cityParams, kind: 'self_check' }, body: {}, expect: 201 }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/signoff': () => ({
      params: { ...cityParams, kind: 'self_check', version: '1' },
      headers: { 'idempotency-key': key() },
    }),
    'GET /cases/{caseId}/labour-findings': () => ({ params: { caseId } }),
    'POST /cases/{caseId}/labour-findings': () => ({
      params: { caseId },
      body: { labourRelation: 'other_unit', labourUnitName: '长春某劳务派遣有限公司', examUnit: 'registered_unit' },
      expect: 201,
    }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/review': () => ({
      params: { ...cityParams, kind: 'self_check', version: '1' },
      body: { decision: 'return', comments: '请补充汇总表' },
    }),
    'GET /alerts': () => ({ query: 'state=all' }),
    'GET /alerts/summary': () => ({ query: 'state=all' }),
    'POST /alerts/acknowledgements': () => ({ body: { alertKeys: [`walk/${city}/overdue`] } }),
    'GET /alerts/stream': () => ({}),
    'GET /reports': () => ({}),
    // No report exists yet: 404 after authorization.
    'GET /reports/{reportId}/download': () => ({ params: { reportId: '1' }, expect: 404 }),
    'POST /bans/lookup': () => ({ body: { idNumber: fixtureIdNumber(1) } }),
    'GET /publication/feed.json': () => ({ query: 'limit=5' }),
    'GET /publication/feed.csv': () => ({ query: 'limit=5' }),
    'GET /publication/periods': () => ({}),
    'PUT /publication/periods/{recordKind}': () => ({
      params: { recordKind: 'BAD_CONDUCT_UNIT' },
      body: { months: 24, reason: '省厅确定单位不良行为记录公开2年' },
    }),
    'POST /public/records/search': () => ({ body: { name: '无此人' } }),
    // No publication exists here: 404 after authorization.
    'POST /publication/records/{recordId}/withdrawal': () => ({ params: { recordId: '999999' }, body: { reason: '公开有误，撤回' }, expect: 404 }),
    // Complaints (issue 20): registrations and steps go to the fake command port; no complaint exists here, so reads of one are 404 after authorization.
    'GET /public/complaint-channels': () => ({}),
    'GET /public/complaints/challenge': () => ({}),
    'POST /public/complaints': () => ({
      body: { altcha: 'no-solution-here', cityCode: city, subjectKind: 'unit', subjectUnitName: '某某建设有限公司', content: '该公司存在挂证问题，请查处' },
      expect: 403,
    }),
    'POST /public/complaints/status': () => ({ body: { complaintNo: `${city}-2026-999999`, queryCode: 'ABCDEFGHJKMN' }, expect: 404 }),
    'GET /cities/{cityCode}/complaint-cases': () => ({ params: { cityCode: city } }),
    'POST /cities/{cityCode}/complaint-cases': () => ({
      params: { cityCode: city },
      body: { channel: 'phone', subjectKind: 'unit', subjectUnitName: '某某建设有限公司', content: '该公司存在挂证问题，请查处' },
      expect: 201,
    }),
    'GET /cities/{cityCode}/complaint-cases/{complaintNo}': () => ({ params: { cityCode: city, complaintNo: `${city}-2026-999999` }, expect: 404 }),
    'POST /cities/{cityCode}/complaint-cases/{complaintNo}/steps': () => ({
      params: { cityCode: city, complaintNo: `${city}-2026-999999` },
      body: { step: 'accept' },
    }),
    'GET /cities/{cityCode}/complaint-cases/{complaintNo}/attachments/{attachmentId}': () => ({
      params: { cityCode: city, complaintNo: `${city}-2026-999999`, attachmentId: '00000000-0000-4000-8000-000000000000' },
      expect: 404,
    }),
    'GET /cities/{cityCode}/complaint-cases/{complaintNo}/attachments': () => ({ params: { cityCode: city, complaintNo: `${city}-2026-999999` }, expect: 404 }),
    'POST /cities/{cityCode}/complaint-cases/{complaintNo}/attachments': () => ({
      params: { cityCode: city, complaintNo: `${city}-2026-999999` },
      query: 'fileName=evidence.pdf',
      raw: PDF,
      contentType: 'application/pdf',
      expect: 404,
    }),
    'PUT /cities/{cityCode}/unit-inquiries/{inquiryId}': () => ({
      params: { cityCode: city, inquiryId: '999999' },
      body: { owner: 'officer2201' },
      expect: 404,
    }),
    'GET /complaint-settings': () => ({}),
    'PUT /complaint-settings/channels/{cityCode}': () => ({ params: { cityCode: city }, body: { hotline: '0431-12345678' } }),
    'PUT /complaint-settings/periods': () => ({ body: { acceptDays: 15, handleDays: 60, remindDaysBefore: 3 } }),
    'GET /audit-log': () => ({ query: 'pageSize=5' }),
    'GET /audit-log/export': () => ({ query: 'format=csv&action=case.read' }),
    'GET /audit-log/facets': () => ({}),
    'GET /legal-bases': () => ({ query: 'asOf=2026-03-01&certCategory=CONSTRUCTOR_2' }),
    'GET /legal-bases/{id}': () => ({ params: { id: '1' } }),
    'POST /legal-bases': () => ({ body: legalBasis, expect: 201 }),
    'GET /calendar/working-day-overrides': () => ({}),
    'PUT /calendar/working-day-overrides': () => ({ body: { year: 2099, days: [{ date: '2099-01-01', working: false, name: '元旦' }] } }),
    'GET /issuing-authorities': () => ({}),
    'PUT /issuing-authorities/{code}': () => ({ params: { code: '2201' }, body: { name: '长春市住房和城乡建设局', abbreviation: '长建' } }),
    'GET /document-templates': () => ({}),
    'GET /document-templates/{kind}': () => ({ params: { kind: 'penalty_notice' } }),
    'GET /document-templates/{kind}/{version}/download': () => ({ params: { kind: 'penalty_notice', version: '1' } }),
    'POST /document-templates/{kind}': () => ({
      params: { kind: 'service_receipt' },
      raw: readFileSync(path.join(__dirname, '../../templates/service_receipt.docx')),
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      expect: 201,
    }),
    ...taskRequests(c, city, who),
    ...intermediaryRequests(c, city, caseId),
    'GET /procedures': () => ({ query: 'status=all' }),
    'GET /cases/{caseId}/procedures': () => ({ params: { caseId } }),
    'GET /cases/{caseId}/procedures/{level}': () => ({ params: procedure }),
    'GET /cases/{caseId}/procedures/{level}/documents/{documentId}': () => ({
      params: { ...procedure, documentId: '00000000-0000-4000-8000-000000000000' },
      expect: 404,
    }),
    'GET /cases/{caseId}/procedures/{level}/attachments/{attachmentId}': () => ({
      params: { ...procedure, attachmentId: '00000000-0000-4000-8000-000000000000' },
      expect: 404,
    }),
    'POST /cases/{caseId}/procedures/{level}/attachments': () => ({
      params: procedure,
      query: 'fileName=statement.pdf',
      raw: PDF,
      contentType: 'application/pdf',
      expect: 201,
    }),
    'GET /cases/{caseId}/attachments': () => ({ params: { caseId } }),
    'GET /cases/{caseId}/attachments/{attachmentId}': () => ({ params: { caseId, attachmentId: '00000000-0000-4000-8000-000000000000' }, expect: 404 }),
    'POST /cases/{caseId}/attachments': () => ({ params: { caseId }, query: 'fileName=evidence.pdf', raw: PDF, contentType: 'application/pdf', expect: 201 }),
    'POST /codec/encode': () => ({ body: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'MQ==' }] } }),
    'POST /codec/decode': () => ({ body: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'MQ==' }] } }),
  };
  const command = PROCEDURE_COMMAND.exec(`${route.method} ${route.path}`);
  if (command && command[1] !== 'attachments') {
    return { params: procedure, body: PROCEDURE_BODIES[command[1]], headers: { 'idempotency-key': key() } };
  }
  const make = table[`${route.method} ${route.path}`];
  return make ? make() : undefined;
}

/** Issue 21 item 2: each request on an intermediary gets one of its own (an order's commands, an open order of its own). */
function intermediaryRequests(c: string, city: string, caseId: string): Record<string, () => Promise<Req>> {
  const cityParams = { campaignId: c, cityCode: city };
  const fresh = async (withOrder: boolean) => {
    const n = ++keySeq;
    const i = await db.pool.query<{ id: string }>(
      `INSERT INTO intermediary (campaign_id, city_code, name, kind, source, created_by) VALUES ($1, $2, $3, 'broker', 'officer', 'walk') RETURNING id`,
      [c, city, `走查中介${n}`],
    );
    const intermediaryId = i.rows[0].id;
    if (!withOrder) return { ...cityParams, intermediaryId };
    const o = await db.pool.query<{ id: string }>(
      `INSERT INTO intermediary_order (intermediary_id, issued_on, deadline, requirements, issued_by) VALUES ($1, '2026-01-05', '2026-01-20', '限期整改', 'walk') RETURNING id`,
      [intermediaryId],
    );
    return { ...cityParams, intermediaryId, orderId: o.rows[0].id };
  };
  const basisId = async () => Number((await db.pool.query<{ id: string }>('SELECT min(id) AS id FROM intermediary_basis_version')).rows[0].id);
  const base = 'POST /campaigns/{campaignId}/cities/{cityCode}/intermediaries';
  const get = 'GET /campaigns/{campaignId}/cities/{cityCode}/intermediaries';
  return {
    'GET /campaigns/{campaignId}/cities/{cityCode}/intermediaries': async () => ({ params: cityParams }),
    [base]: async () => ({ params: cityParams, body: { name: `走查登记中介${++keySeq}`, kind: 'training' }, expect: 201 }),
    [`${base}/evidence-scan`]: async () => ({ params: cityParams }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}': async () => ({ params: await fresh(false) }),
    [`${base}/{intermediaryId}/cases`]: async () => ({ params: await fresh(false), body: { caseId, reason: '经办人认定其安排挂证' } }),
    [`${base}/{intermediaryId}/orders`]: async () => ({
      params: await fresh(false),
      body: { issuedOn: '2026-01-05', deadline: '2026-01-20', requirements: '限期整改' },
      headers: { 'idempotency-key': key() },
      expect: 201,
    }),
    [`${base}/{intermediaryId}/orders/{orderId}/findings`]: async () => ({
      params: await fresh(true),
      body: { foundOn: '2026-01-10', finding: '已核查' },
      expect: 201,
    }),
    [`${base}/{intermediaryId}/orders/{orderId}/result`]: async () => ({ params: await fresh(true), body: { result: 'rectified', resultOn: '2026-01-15' } }),
    [`${base}/{intermediaryId}/orders/{orderId}/escalation`]: async () => ({
      params: await fresh(true),
      body: { escalatedOn: '2026-01-21', reason: '情节严重', basisId: await basisId() },
    }),
    'GET /cases/{caseId}/intermediaries': async () => ({ params: { caseId } }),
    'GET /intermediary-bases': async () => ({}),
    // An order's procedure read in full (none started for a walked order: the commands are faked), its notice (made on
    // demand for an order inserted here), its documents' list and one unknown document.
    [`${get}/{intermediaryId}/orders/{orderId}/procedure`]: async () => ({ params: await fresh(true), expect: 404 }),
    [`${get}/{intermediaryId}/orders/{orderId}/notice`]: async () => ({ params: await fresh(true) }),
    [`${get}/{intermediaryId}/orders/{orderId}/procedure/documents`]: async () => ({ params: await fresh(true) }),
    [`${get}/{intermediaryId}/orders/{orderId}/procedure/documents/{documentId}`]: async () => ({
      params: { ...(await fresh(true)), documentId: '00000000-0000-4000-8000-000000000000' },
      expect: 404,
    }),
    // The escalated order's procedure (the commands are faked): an order of its own, escalated.
    ...Object.fromEntries(
      Object.entries(PROCEDURE_BODIES)
        .filter(([path]) => path !== 'ministry-answer' && path !== 'basis-recheck')
        .map(([path, body]) => [
          `${base}/{intermediaryId}/orders/{orderId}/procedure/${path}`,
          async () => {
            const params = (await fresh(true)) as Record<string, string>;
            await db.pool.query(`UPDATE intermediary_order SET status = 'escalated' WHERE id = $1`, [params.orderId]);
            return { params, body, headers: { 'idempotency-key': key() } };
          },
        ]),
    ),
  };
}

/** Issue 20: each city's on-site checks (the first worked, the second closed) and the supervision tasks, seeded in beforeAll. */
const WALK_TASKS: Record<string, { onsite: string; onsiteToClose: string; supervision: string; supervisionToClose: string }> = {
  '2201': { onsite: '1', onsiteToClose: '2', supervision: '1', supervisionToClose: '2' },
  '2202': { onsite: '3', onsiteToClose: '4', supervision: '1', supervisionToClose: '2' },
};
/** A task closes once: the responsible persons (who walk after the plain users of their roles) close tasks of their own. */
const LEADER_TASKS_TO_CLOSE = { onsite: '5', supervision: '3' };
const WALK_ATTACHMENT = { supervision: '00000000-0000-4000-8000-0000000000a1', onsite: '00000000-0000-4000-8000-0000000000a2' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function taskRequests(c: string, city: string, who: Who): Record<string, () => Req> {
  const t =
    RESPONSIBLE.has(who) && city === '2201'
      ? { ...WALK_TASKS[city], onsiteToClose: LEADER_TASKS_TO_CLOSE.onsite, supervisionToClose: LEADER_TASKS_TO_CLOSE.supervision }
      : WALK_TASKS[city];
  const sup = { campaignId: c, taskId: t.supervision };
  const onsite = { campaignId: c, cityCode: city, taskId: t.onsite };
  const base = { sup: 'GET /campaigns/{campaignId}/supervision-tasks', onsite: 'GET /campaigns/{campaignId}/cities/{cityCode}/onsite-checks' };
  const upload = { query: `fileName=${encodeURIComponent('核查记录.pdf')}`, raw: PDF, contentType: 'application/pdf', expect: 201 };
  return {
    [base.sup]: () => ({ params: { campaignId: c } }),
    'GET /campaigns/{campaignId}/supervision-tasks/{taskId}': () => ({ params: sup }),
    'PUT /campaigns/{campaignId}/supervision-tasks/{taskId}/owner': () => ({ params: sup, body: { owner: 'coordinator', dueDate: '2024-11-30' } }),
    'PUT /campaigns/{campaignId}/supervision-tasks/{taskId}/findings': () => ({ params: sup, body: { findings: '自查工作部署迟缓' } }),
    'POST /campaigns/{campaignId}/supervision-tasks/{taskId}/closing': () => ({
      params: { campaignId: c, taskId: t.supervisionToClose },
      body: { result: '已限期整改' },
    }),
    'GET /campaigns/{campaignId}/supervision-tasks/{taskId}/attachments/{attachmentId}': () => ({
      params: { ...sup, attachmentId: WALK_ATTACHMENT.supervision },
    }),
    'POST /campaigns/{campaignId}/supervision-tasks/{taskId}/attachments': () => ({ params: sup, ...upload }),
    [base.onsite]: () => ({ params: { campaignId: c, cityCode: city } }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}': () => ({ params: onsite }),
    'PUT /campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/owner': () => ({
      params: onsite,
      body: { owner: 'officer2201', dueDate: '2025-01-20' },
    }),
    'PUT /campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/findings': () => ({ params: onsite, body: { findings: '项目负责人未到岗履职' } }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/closing': () => ({
      params: { ...onsite, taskId: t.onsiteToClose },
      body: { result: '已责令整改' },
    }),
    'GET /campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/attachments/{attachmentId}': () => ({
      params: { ...onsite, attachmentId: WALK_ATTACHMENT.onsite },
    }),
    'POST /campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/attachments': () => ({ params: onsite, ...upload }),
  };
}

/** The tasks the walk works: two supervision tasks (the second ready to close), two on-site checks per city, an attachment each. */
async function seedWalkTasks(): Promise<void> {
  await db.pool.query(`INSERT INTO supervision_task (campaign_id, city_code, source, reason, created_at) VALUES
    ('walk', '2201', 'progress_notice', '逾期报送自查自纠汇总表', now()), ('walk', '2202', 'progress_notice', '自查自纠申报率偏低', now()),
    ('walk', '2203', 'progress_notice', '核查进度滞后', now())`);
  await db.pool.query(`INSERT INTO onsite_check_task (campaign_id, unit_key, city_code, unit_name, reason, violations, staff_total) VALUES
    ('walk', 'name:walk-a', '2201', '走查甲公司', 'min_violations', 3, 9), ('walk', 'name:walk-b', '2201', '走查乙公司', 'both', 4, 6),
    ('walk', 'name:walk-c', '2202', '走查丙公司', 'min_violations', 3, 9), ('walk', 'name:walk-d', '2202', '走查丁公司', 'min_share', 2, 4),
    ('walk', 'name:walk-e', '2201', '走查戊公司', 'both', 3, 5)`);
  await db.pool.query(`UPDATE supervision_task SET status = 'in_progress', owner = 'coordinator', findings = '已约谈' WHERE id IN (2, 3)`);
  await db.pool.query(`UPDATE onsite_check_task SET status = 'in_progress', owner = 'officer2201', findings = '已核查' WHERE id IN (2, 5)`);
  await db.pool.query(`UPDATE onsite_check_task SET status = 'in_progress', owner = 'officer2202', findings = '已核查' WHERE id = 4`);
  const sha256 = createHash('sha256').update(PDF).digest('hex');
  await db.pool.query('INSERT INTO attachment_content (storage_key, content) VALUES ($1, $2)', [sha256, PDF]);
  await db.pool.query(
    `INSERT INTO attachment (id, owner_kind, owner_id, file_name, content_type, size, sha256, backend, storage_key, added_by) VALUES
      ($1, 'supervision_task', '1', '督办记录.pdf', 'application/pdf', $3, $4::text, 'postgres', $4::text, 'coordinator'),
      ($2, 'onsite_check', '1', '核查记录.pdf', 'application/pdf', $3, $4::text, 'postgres', $4::text, 'officer2201')`,
    [WALK_ATTACHMENT.supervision, WALK_ATTACHMENT.onsite, PDF.length, sha256],
  );
}

async function send(route: RouteInfo, who: Who | 'leader2201', req: Req): Promise<Res> {
  const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(req.params?.[p] ?? 'x')) + (req.query ? `?${req.query}` : '');
  return call(api.url, route.method, path, {
    token: who === 'none' ? undefined : (req.token ?? tokens[who]),
    headers: req.headers,
    ...(req.raw !== undefined ? { raw: req.raw, contentType: req.contentType } : req.body !== undefined ? { body: req.body } : {}),
  });
}

function expectProblem(r: Res, status: number, code?: string): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toEqual(
    expect.objectContaining({ status, code: code ?? expect.any(String), title: expect.any(String), title_zh: expect.any(String), detail: expect.any(String) }),
  );
}

let routes: RouteInfo[];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  seeded = await seedCampaignWithCases(db.pool, { campaignId: 'walk', cities: ['2201', '2202'], persons: 2 });
  fundBatch = await createBatch(db.pool, { source: 'housing_fund', origin: 'file', fileName: 'walk-fund-own.csv', importedBy: 'fund2201' });
  // Their workflows take decisions (a decision preview is refused before that).
  await db.pool.query(`UPDATE case_file SET ready_at = now() WHERE campaign_id = 'walk'`);
  await seedWalkTasks();
  for (const city of ['2201', '2202']) {
    await raiseAlert(db.pool, {
      alertKey: `walk/${city}/overdue`,
      level: 'warning',
      kind: 'deadline_overdue',
      campaignId: 'walk',
      cityCode: city,
      message: `${city} 自查自纠汇总表逾期未报送`,
    });
  }
  for (const city of ['2201', '2202']) {
    for (const level of ['city', 'province'] as const) await seedProcedure(db.pool, { caseId: seeded.caseIds[city][0], level });
  }
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  for (const u of ['coordinator', 'officer2201', 'supervisor', 'auditor', 'leader2201', 'leader22', 'hr2201', 'fund2201', 'hr22'] as const)
    tokens[u] = await login(api.url, u, USERS[u].password);
  const doc = (await call(api.url, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, Record<string, unknown>>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      roles: op['x-roles'] as string[],
      public: op['x-public'] === true,
      cityScope: String(op['x-city-scope']),
      responsible: op['x-responsible'] === true,
    })),
  );
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('the alert stream', () => {
  it("sends a city officer their own city's new alerts as server-sent events, and no other city's", async () => {
    const ac = new AbortController();
    const res = await fetch(`${api.url}/alerts/stream?campaignId=walk`, { headers: { authorization: `Bearer ${tokens.officer2201}` }, signal: ac.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const read = async (until: RegExp) => {
      while (!until.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await read(/event: ready/);
    const raise = (city: string) =>
      raiseAlert(db.pool, {
        alertKey: `walk/${city}/live`,
        level: 'critical',
        kind: 'deadline_overdue',
        campaignId: 'walk',
        cityCode: city,
        message: `${city} 排查报告逾期`,
      });
    await raise('2202');
    await raise('2201');
    await read(/walk\/2201\/live/);
    ac.abort();
    expect(text).toMatch(/event: alert\nid: |id: .*\nevent: alert/);
    expect(text).not.toContain('walk/2202/live');
  });
});

describe('the route table', () => {
  it('lists every route with its roles, and the walk below has a request for each', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(35);
    for (const r of routes) {
      expect(Array.isArray(r.roles)).toBe(true);
      expect(await requestFor(r, 'coordinator')).toBeDefined();
    }
  });
});

describe('every route with every role', () => {
  it('answers 401 without a token, 403 to a role it does not serve, and success to the roles it serves', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const who of WHO) {
        const req = (await requestFor(route, who))!;
        const r = await send(route, who, req);
        const name = `${who} ${route.method} ${route.path}`;
        const allowed = route.public || (who !== 'none' && route.roles.includes(ROLE_OF[who]) && (!route.responsible || RESPONSIBLE.has(who)));
        if (route.public || allowed) {
          const ok = req.expect ? r.status === req.expect : r.status >= 200 && r.status < 300;
          if (!ok) failures.push(`${name}: ${r.status} ${r.text.slice(0, 200)}`);
        } else {
          const want = who === 'none' ? 401 : 403;
          if (r.status !== want) failures.push(`${name}: ${r.status}, expected ${want}`);
          else expectProblem(r, want, who === 'none' ? 'unauthenticated' : 'forbidden');
        }
      }
    }
    if (failures.length > 0) failures.push(`API log: ${api.logs().slice(-2000)}`);
    expect(failures).toEqual([]);
  });
});

describe("the responsible person's routes", () => {
  it("serve the city's responsible person (负责人), who is a city officer too", async () => {
    const theirs = routes.filter((r) => r.responsible);
    expect(theirs.length).toBeGreaterThanOrEqual(3);
    const failures: string[] = [];
    for (const route of theirs) {
      const req = (await requestFor(route, 'officer2201'))!;
      const r = await send(route, 'leader2201', req);
      const ok = req.expect ? r.status === req.expect : r.status >= 200 && r.status < 300;
      if (!ok) failures.push(`leader2201 ${route.method} ${route.path}: ${r.status} ${r.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });
});

describe("a city officer and another city's data", () => {
  it('gets 403 on every route scoped to a city or a case of city 2202', async () => {
    const scoped = routes.filter((r) => (r.cityScope === 'param' || r.cityScope === 'case') && r.roles.includes('city_officer'));
    expect(scoped.length).toBeGreaterThanOrEqual(12);
    for (const route of scoped) {
      // An approval is the responsible person's: 2201's own, asked about 2202's case.
      const who = route.responsible ? 'leader2201' : 'officer2201';
      const r = await send(route, who, (await requestFor(route, who, '2202'))!);
      if (r.status !== 403) throw new Error(`${route.method} ${route.path}: ${r.status}`);
      expectProblem(r, 403, 'other_city');
    }
  });

  it('sees only their own city in lists, and a bulk decision naming a 2202 case fails for that case alone', async () => {
    const campaign = await call(api.url, 'GET', '/campaigns/walk', { token: tokens.officer2201 });
    expect(campaign.body.cityProgress.map((c: { cityCode: string }) => c.cityCode)).toEqual(['2201']);
    const alerts = await call(api.url, 'GET', '/alerts?state=all&cityCode=2202', { token: tokens.officer2201 });
    expect(alerts.body.items.length).toBeGreaterThan(0);
    expect(new Set(alerts.body.items.map((a: { cityCode: string }) => a.cityCode))).toEqual(new Set(['2201']));
    const bulk = await call(api.url, 'POST', '/campaigns/walk/cities/2201/decisions', {
      token: tokens.officer2201,
      headers: { 'idempotency-key': key() },
      body: {
        items: [
          { caseId: seeded.caseIds['2201'][1], decision },
          { caseId: seeded.caseIds['2202'][1], decision },
        ],
      },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((x: { status: number }) => x.status)).toEqual([200, 403]);
    expect(bulk.body.results[1].problem.code).toBe('other_city');
  });

  it('lets a supervisor see every city but never a name or a full ID number', async () => {
    const list = await call(api.url, 'GET', '/campaigns/walk/cities/2202/cases', { token: tokens.supervisor });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).not.toHaveProperty('name');
    expect(list.body.items[0].idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const detail = await call(api.url, 'GET', `/cases/${seeded.caseIds['2202'][0]}`, { token: tokens.supervisor });
    expect(JSON.stringify(detail.body)).not.toContain(fixtureIdNumber(401));
  });
});

describe('both departments at the table (issue 21)', () => {
  it("refuses 长春市's 人社局 and 公积金中心 every route scoped to a city or a case of city 2202", async () => {
    for (const who of ['hr2201', 'fund2201'] as const) {
      // An approval is the responsible person's, and no responsible person of these departments is seeded: the city test above walks those.
      const scoped = routes.filter((r) => (r.cityScope === 'param' || r.cityScope === 'case') && r.roles.includes(ROLE_OF[who]) && !r.responsible);
      expect(scoped.length).toBeGreaterThanOrEqual(who === 'hr2201' ? 8 : 5);
      for (const route of scoped) {
        const r = await send(route, who, (await requestFor(route, who, '2202'))!);
        if (r.status !== 403) throw new Error(`${who} ${route.method} ${route.path}: ${r.status}`);
        expectProblem(r, 403, 'other_city');
      }
    }
  });

  it("shows 人社 the persons of its city's cases (it verifies their social insurance), and 公积金 only masks", async () => {
    const caseId = seeded.caseIds['2201'][0];
    const hr = await call(api.url, 'GET', `/cases/${caseId}`, { token: tokens.hr2201 });
    expect(hr.status).toBe(200);
    expect(JSON.stringify(hr.body)).toContain(fixtureIdNumber(1));
    const fund = await call(api.url, 'GET', `/cases/${caseId}`, { token: tokens.fund2201 });
    expect(fund.status).toBe(200);
    expect(JSON.stringify(fund.body)).not.toContain(fixtureIdNumber(1));
    const list = await call(api.url, 'GET', '/campaigns/walk', { token: tokens.hr2201 });
    expect(list.body.cityProgress.map((c: { cityCode: string }) => c.cityCode)).toEqual(['2201']);
  });

  it("keeps 人社's findings on the case, newest first, and refuses 'other unit' without the unit's name", async () => {
    const caseId = seeded.caseIds['2201'][1];
    const post = (body: unknown) => call(api.url, 'POST', `/cases/${caseId}/labour-findings`, { token: tokens.hr2201, body });
    const bad = await post({ labourRelation: 'other_unit', examUnit: 'unverifiable' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('劳动关系单位');
    expect((await post({ labourRelation: 'registered_unit', examUnit: 'unverifiable' })).status).toBe(201);
    const second = await post({
      labourRelation: 'other_unit',
      labourUnitName: '长春某劳务派遣有限公司',
      examUnit: 'other_unit',
      examUnitName: '长春某培训学校',
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ caseId, labourRelation: 'other_unit', examUnit: 'other_unit', recordedBy: 'hr2201' });
    const read = await call(api.url, 'GET', `/cases/${caseId}/labour-findings`, { token: tokens.coordinator });
    expect(read.body.items.map((f: { labourRelation: string }) => f.labourRelation)).toEqual(['other_unit', 'registered_unit']);
  });

  it('lets 公积金中心 upload fund data only', async () => {
    const r = await call(api.url, 'POST', `/imports?source=registrations&fileName=x.csv`, { token: tokens.fund2201, raw: csv, contentType: 'text/csv' });
    expectProblem(r, 403, 'forbidden');
    expect(r.body.detail).toContain('公积金');
  });
});
