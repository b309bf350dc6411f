/**
 * 情节严重 (issue 21 item 2): an intermediary's rectification order escalated runs the due-process
 * procedure with the intermediary as the party, on the time-skipping server with the real activities:
 * the escalation starts it once (a second escalation is refused and starts nothing), the proposal is
 * checked against the intermediary basis (the fine's minimum, a 住建 measure refused), the responsible
 * person's approval numbers the notice with the city 人社局's prefix, the notice names the intermediary
 * by name and credit code; the decision (its basis read back, numbered by the 人社局) served puts the
 * measures in effect and a redress revokes them, and no `penalty` row is ever written.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { docxText } from '../activities/documents/docxText';
import { procedureDocumentData } from '../../activities/procedure/documentData';
import { shanghaiDate, addDays } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import type { Officer } from '../../domain/officer';
import type { OfficerTextKind } from '../../domain/officerText';
import { intermediaryProcedureIdOf, intermediaryProcedureSubject } from '../../domain/procedureId';
import type { MeasureChoiceInput } from '../../domain/penaltyProcedure';
import type { ProcedureState } from '../../domain/procedureState';
import { intermediaryDetail } from '../../readModel/intermediaries';
import { createIntermediary, escalate, issueOrder } from '../../services/intermediaries';
import { storeOfficerText } from '../../services/officerTexts';
import * as procedure from '../../services/penaltyProcedure';
import { procedureStateQuery } from '../../workflows/messages/penaltyProcedure';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';

const C = 'im-proc';
const CITY = '2201';
const AT = { campaignId: C, cityCode: CITY };
const officer: Officer = { userId: 'hr-officer-2201', role: 'city_hr_officer', cityCode: CITY };
const head: Officer = { userId: 'hr-head-2201', role: 'city_hr_officer', cityCode: CITY, responsible: true };
const AGENCY = { name: '长春市程序测试人力资源服务有限公司', uscc: fixtureUscc(720) };

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let db: TestDatabase;
let worker: RunningWorker;
let today: string;
let requests = 0;
const rid = () => `im-req-${++requests}`;

beforeAll(async () => {
  [env, bundle, db] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows(), createTestDatabase()]);
  worker = await startWorker(env, bundle, db.pool);
  const now = await env.currentTimeMs();
  today = shanghaiDate(new Date(now));
  const { snapshotId } = await seedScreenedCity(db.pool, CITY, [
    { idNumber: fixtureIdNumber(700), regUnit: { name: '吉林省程序测试建设有限公司', code: fixtureUscc(721) } },
  ]);
  const config = CampaignConfig.parse({ id: C, name: '中介处罚程序', cities: [CITY], dataSources: { snapshotId }, calendar: calendarAround(now) });
  await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'seed', workflowId: `campaign/${C}`, at: new Date(now).toISOString() });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await db?.drop();
});

const deps = () => ({ client: env.client });
const watch = () => ({ client: env.client, taskQueue: worker.taskQueue });
const text = (kind: OfficerTextKind, t: string) => storeOfficerText(db.pool, { kind, text: t, createdBy: 'test' });

test('an escalated order runs the procedure with the intermediary as the party: the 人社局 numbers its notice and decision, the measures take effect and are revoked without any penalty row', async () => {
  const id = await createIntermediary(
    db.pool,
    AT,
    { name: AGENCY.name, uscc: AGENCY.uscc, kind: 'hr_agency', address: '长春市测试区测试路1号' },
    'hr-officer-2201',
  );
  const orderId = await issueOrder(
    db.pool,
    watch(),
    AT,
    id,
    { issuedOn: today, deadline: addDays(today, 10), requirements: '限期整改' },
    'hr-officer-2201',
    null,
  );
  const basis = await db.pool.query<{ id: string }>(`SELECT id FROM intermediary_basis_version WHERE violation = 'HR_SERVICE_IMPROPER'`);
  const basisId = Number(basis.rows[0].id);
  await escalate(db.pool, watch(), AT, id, orderId, { escalatedOn: today, reason: '安排挂证多人，情节严重', basisId }, 'hr-officer-2201');

  const procedureId = intermediaryProcedureIdOf(C, orderId);
  expect(procedureId).toBe(`penalty-procedure/intermediary-order/${C}/${orderId}/city`);
  const handle = env.client.workflow.getHandle(procedureId);
  const opened = await eventually(async () => {
    const s: ProcedureState = await handle.query(procedureStateQuery);
    expect(s.awaiting).toEqual(['submit_proposal']);
    return s;
  });
  expect(opened).toMatchObject({
    party: { kind: 'intermediary', intermediaryId: id, orderId, basisId },
    caseId: intermediaryProcedureSubject(C, orderId),
    level: 'city',
    authorityCode: 'hr-2201',
    violation: 'HR_SERVICE_IMPROPER',
    legalBasisId: basisId,
    hearingApplies: true,
    openedOn: today,
  });
  const firstRun = (await handle.describe()).runId;

  // A second escalation is refused and starts nothing new.
  await expect(escalate(db.pool, watch(), AT, id, orderId, { escalatedOn: today, reason: '再次', basisId }, 'hr-officer-2201')).rejects.toMatchObject({
    code: 'IntermediaryOrderClosed',
  });
  expect((await handle.describe()).runId).toBe(firstRun);

  const at = { caseId: intermediaryProcedureSubject(C, orderId), level: 'city' as const };
  const propose = async (measures: MeasureChoiceInput[]) =>
    procedure.submitProposal(deps(), {
      ...at,
      requestId: rid(),
      args: {
        officer,
        measures,
        facts: await text('procedure.facts', '该机构为多名人员安排挂证并收取费用'),
        evidence: await text('procedure.evidence', '社会保险代缴记录\n询问笔录'),
      },
    });
  // The basis's fine is 1万元以上5万元以下: below its minimum is refused, naming the field; a 住建 measure is not in it.
  await expect(propose([{ kind: 'FINE', amountYuan: 5000 }])).rejects.toThrow(/「罚款金额（元）」5000低于处罚依据的下限10000元/);
  await expect(propose([{ kind: 'REVOKE_REGISTRATION' }])).rejects.toThrow(/不在本级适用的处罚依据之内/);
  // Only the city's officers act on it.
  await expect(
    procedure.approveProposal(deps(), {
      ...at,
      requestId: rid(),
      args: { officer: { userId: 'p', role: 'province_coordinator', responsible: true }, approved: true },
    }),
  ).rejects.toMatchObject({ code: 'RoleCannotAct' });

  const proposed = await propose([{ kind: 'FINE', amountYuan: 20_000 }, { kind: 'CONFISCATE_GAINS' }]);
  expect(proposed.measures).toEqual([
    expect.objectContaining({ kind: 'FINE', authority: 'CITY_HR_BUREAU', amountYuan: 20_000, status: 'proposed' }),
    expect.objectContaining({ kind: 'CONFISCATE_GAINS', authority: 'CITY_HR_BUREAU', status: 'proposed' }),
  ]);
  await expect(procedure.approveProposal(deps(), { ...at, requestId: rid(), args: { officer, approved: true } })).rejects.toMatchObject({
    code: 'ResponsiblePersonRequired',
  });
  const approved = await procedure.approveProposal(deps(), { ...at, requestId: rid(), args: { officer: head, approved: true } });
  const year = today.slice(0, 4);
  expect(approved).toMatchObject({ step: 'notice', awaiting: ['serve_notice'], notice: { kind: 'penalty_notice', number: `长人社罚告〔${year}〕第0001号` } });

  // The notice names the intermediary (name, credit code, address) and the city's 人社局; it cites the intermediary basis.
  const data = (await procedureDocumentData(db.pool, { kind: 'penalty_notice', subjectRef: at.caseId, documentNumber: approved.notice!.number })) as Record<
    string,
    unknown
  >;
  expect(data).toMatchObject({
    authorityName: '长春市人力资源和社会保障局',
    partyName: `${AGENCY.name}（统一社会信用代码：${AGENCY.uscc}）`,
    partyAddress: '长春市测试区测试路1号',
    hearing: true,
  });
  expect(String(data.basis)).toContain('《人力资源市场暂行条例》');
  expect(data.measures).toEqual([{ text: '没收违法所得' }, { text: '罚款20000元' }]); // by kind, as procedure_measure lists them

  // The read model: the procedure is the order's, not a case's; the order shows its step and the notice's number.
  const row = await db.pool.query(
    'SELECT case_id, intermediary_order_id::int AS order_id, intermediary_basis_id::int AS basis_id, legal_basis_id, authority_code, step FROM penalty_procedure WHERE procedure_id = $1',
    [procedureId],
  );
  expect(row.rows[0]).toEqual({ case_id: null, order_id: orderId, basis_id: basisId, legal_basis_id: null, authority_code: 'hr-2201', step: 'notice' });
  const detail = await intermediaryDetail(db.pool, C, CITY, id);
  expect(detail?.orders[0]).toMatchObject({
    status: 'escalated',
    procedure: { procedureId, step: 'notice', stepLabel: '事先告知', awaiting: ['serve_notice'], noticeNumber: `长人社罚告〔${year}〕第0001号` },
  });

  // The notice served: the statement window runs; still no penalty row anywhere.
  const served = await procedure.recordService(deps(), {
    ...at,
    requestId: rid(),
    args: { officer, document: 'notice', method: 'direct', servedOn: today, receiver: await text('procedure.receiver', '该机构法定代表人') },
  });
  expect(served).toMatchObject({ step: 'statement', awaiting: ['await_statement'] });
  const penaltyRows = async () => (await db.pool.query('SELECT count(*)::int AS n FROM penalty')).rows[0].n as number;
  expect(await penaltyRows()).toBe(0);

  // The party waives; the decision cites the intermediary basis read back, is numbered by the 人社局 and served:
  // the measures take effect in procedure_measure, and still no penalty row.
  const waived = await procedure.waiveRights(deps(), { ...at, requestId: rid(), args: { officer, waivedOn: today } });
  expect(waived).toMatchObject({ step: 'decision', awaiting: ['approve_decision'] });
  const decided = await procedure.approveDecision(deps(), { ...at, requestId: rid(), args: { officer: head, approved: true } });
  expect(decided).toMatchObject({ awaiting: ['serve_decision'], decision: { kind: 'penalty_decision', number: `长人社罚决〔${year}〕第0001号` } });
  const inEffect = await procedure.recordService(deps(), {
    ...at,
    requestId: rid(),
    args: { officer, document: 'decision', method: 'direct', servedOn: today, receiver: await text('procedure.receiver', '该机构法定代表人') },
  });
  expect(inEffect).toMatchObject({ step: 'redress', effectiveOn: today, penaltyIds: [] });
  expect(inEffect.measures.map((m) => m.status)).toEqual(['in_effect', 'in_effect']);
  expect(await penaltyRows()).toBe(0);
  const decision = (await procedureDocumentData(db.pool, {
    kind: 'penalty_decision',
    subjectRef: at.caseId,
    documentNumber: decided.decision!.number,
  })) as Record<string, unknown>;
  expect(decision).toMatchObject({ partyName: expect.stringContaining(AGENCY.name), reviewAuthority: '长春市人民政府' });
  // What was rendered: the unit's kinds (the activity swaps them in for the workflow's), in a unit's wording.
  const made = await db.pool.query<{ kind: string; content: Buffer }>(
    'SELECT kind, content FROM generated_document WHERE subject_ref = $1 ORDER BY created_at',
    [at.caseId],
  );
  expect(made.rows.map((r) => r.kind).sort()).toEqual([
    'intermediary_order_notice', // made when the order was issued
    'intermediary_penalty_decision',
    'intermediary_penalty_notice',
    'intermediary_service_receipt',
    'intermediary_service_receipt',
  ]);
  const decisionText = docxText(made.rows.find((r) => r.kind === 'intermediary_penalty_decision')!.content);
  for (const s of [
    `当事人：${AGENCY.name}`,
    `统一社会信用代码：${AGENCY.uscc}`,
    '第四十三条',
    '没收违法所得',
    '罚款20000元',
    '60日内向长春市人民政府申请行政复议',
    '6个月内',
  ])
    expect(decisionText).toContain(s);
  expect(made.rows.map((r) => docxText(r.content)).join('')).not.toContain('身份证');

  // A redress that revokes the decision withdraws the measures; there is no penalty row to move.
  await procedure.recordRedress(deps(), { ...at, requestId: rid(), args: { officer, kind: 'administrative_review', filedOn: today } });
  const revoked = await procedure.recordRedressResult(deps(), { ...at, requestId: rid(), args: { officer, result: 'revoked', decidedOn: today } });
  expect(revoked).toMatchObject({ step: 'closed', closedBecause: 'done' });
  expect(revoked.measures.every((m) => m.status === 'withdrawn')).toBe(true);
  expect((await db.pool.query('SELECT count(*)::int AS n FROM penalty_withdrawn')).rows[0].n).toBe(0);
  await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));
}, 120_000);
