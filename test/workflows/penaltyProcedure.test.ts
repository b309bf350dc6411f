/**
 * The penalty procedure (issue 19, docs/procedure.md) on the time-skipping server with the real
 * activities: the whole path with a statement window across 春节 2026 (Feb 15–23 off, Sat Feb 14 and
 * Sat Feb 28 worked) and one across the adjusted working Saturday; a hearing requested in time and
 * one too late; art. 45 (no heavier measure after a statement); no penalty row before the decision
 * is served, the bar from the service date; the ministry's step for 一级 categories; a redress that
 * revokes the decision; art. 60's alerts; a missing basis that does not leave the procedure stuck;
 * and the case workflow starting the city's procedure at a liable decision.
 *
 * The procedures run on a campaign clock whose calendar date is chosen per test (a compressed clock
 * at one day per day), so the server's "today" can be a day of February 2026.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { settleCaseDecision } from '../../activities/cases/settleCaseDecision';
import { addDays, type CampaignCalendar } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import type { Officer } from '../../domain/officer';
import type { OfficerTextKind } from '../../domain/officerText';
import { procedureIdOf, type MeasureChoiceInput, type ProcedureLevel } from '../../domain/penaltyProcedure';
import type { ProcedureState } from '../../domain/procedureState';
import { storeOfficerText } from '../../services/officerTexts';
import * as procedure from '../../services/penaltyProcedure';
import { setProcedureSettings } from '../../services/penaltyProcedure';
import { publishLegalBasis } from '../../services/legalBases';
import type { penaltyProcedureWorkflow } from '../../workflows/penaltyProcedure';
import { procedureStateQuery, type PenaltyProcedureInput } from '../../workflows/messages/penaltyProcedure';
import type { caseWorkflow } from '../../workflows/case';
import { caseWorkflowId, decideCaseUpdate } from '../../workflows/messages/case';
import { recordReview } from '../../activities/submissions/reviewSubmission';
import { recordSubmission } from '../../activities/submissions/recordSubmission';
import { postgresAttachmentStore } from '../../services/attachments/attachmentStore';
import { reopenCase } from '../../services/caseCorrections';
import { replaceWorkingDayOverrides } from '../../services/workingDayOverrides';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CAMPAIGN = 'wf-proc';
const CITY = '2201';
const officer: Officer = { userId: 'officer-2201', role: 'city_officer', cityCode: CITY };
const head: Officer = { userId: 'head-2201', role: 'city_officer', cityCode: CITY, responsible: true };
const provinceOfficer: Officer = { userId: 'province-1', role: 'province_coordinator' };
const provinceHead: Officer = { userId: 'province-head', role: 'province_coordinator', responsible: true };
const regUnit = { name: '吉林省程序测试建设有限公司', code: fixtureUscc(60) };
const caseId = (seq: number) => `${CAMPAIGN}-${CITY}-${String(seq).padStart(6, '0')}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the penalty procedure (time-skipping)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
  const deps = () => ({ client: env.client });
  const text = async (kind: OfficerTextKind, t: string) => storeOfficerText(db.pool, { kind, text: t, createdBy: 'test' });
  let requests = 0;
  const rid = () => `req-${++requests}`;

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    const persons = Array.from({ length: 12 }, (_, i) => ({ idNumber: fixtureIdNumber(200 + i), regUnit, riskScore: 90 - i }));
    const { runId, snapshotId } = await seedScreenedCity(db.pool, CITY, persons);
    const calendar = calendarAround(await env.currentTimeMs());
    const config = CampaignConfig.parse({ id: CAMPAIGN, name: '程序测试', cities: [CITY], dataSources: { snapshotId }, calendar });
    await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'test', workflowId: `campaign/${CAMPAIGN}`, at: new Date().toISOString() });
    await openCasesFromScreening(db.pool, {
      campaignId: CAMPAIGN,
      cityCode: CITY,
      screeningRunId: runId,
      dueAt: new Date(Date.now() + 90 * DAY).toISOString(),
    });
    // The city's liable decisions, recorded without penalties as the case workflow now records them.
    for (let seq = 1; seq <= 10; seq++) {
      await settleCaseDecision(
        db.pool,
        caseId(seq),
        `decide-${seq}`,
        { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位有限公司' }, evidence: '社保由实际工作单位缴纳' },
        officer,
        { decidedAt: new Date().toISOString(), decidedOn: calendar.investigation.start },
        { calendar, kinds: [] },
      );
    }
    // Case 4 holds a 一级 registration (the ministry registers it); case 5 a 一级注册建筑师's, for a violation no basis covers yet.
    await db.pool.query(`UPDATE case_evidence SET payload = replace(payload::text, 'CONSTRUCTOR_2', 'CONSTRUCTOR_1')::jsonb WHERE case_id = $1`, [caseId(4)]);
    await db.pool.query(`UPDATE case_evidence SET payload = replace(payload::text, 'CONSTRUCTOR_2', 'ARCHITECT_1')::jsonb WHERE case_id = $1`, [caseId(5)]);
    worker = await startWorker(env, bundle, db.pool);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  /** A campaign clock on which the server's present is 10:00 (+08:00) on `today`. */
  const clockAt = async (today: string): Promise<{ clock: PenaltyProcedureInput['clock']; calendar: CampaignCalendar }> => {
    const now = await env.currentTimeMs();
    return {
      clock: { kind: 'compressed', start: new Date(now - 10 * HOUR).toISOString(), minutesPerDay: 1440 },
      calendar: {
        selfCheck: { start: today, deadline: addDays(today, 5) },
        progressNotice: { date: addDays(today, 6) },
        investigation: { start: addDays(today, 6), deadline: addDays(today, 60) },
        provincialVerification: { start: addDays(today, 61), deadline: addDays(today, 90) },
      },
    };
  };
  const start = async (seq: number, level: ProcedureLevel, today: string, extra: Partial<PenaltyProcedureInput> = {}) => {
    const handle = await env.client.workflow.start<typeof penaltyProcedureWorkflow>('penaltyProcedureWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: procedureIdOf(caseId(seq), level),
      args: [{ caseId: caseId(seq), campaignId: CAMPAIGN, cityCode: CITY, level, openedOn: today, ...(await clockAt(today)), ...extra }],
    });
    return handle;
  };
  const stateOf = (h: WorkflowHandle) => h.query(procedureStateQuery);
  const awaiting = async (h: WorkflowHandle, action: ProcedureState['awaiting'][number]) =>
    eventually(async () => {
      const s = await stateOf(h);
      expect(s.awaiting).toContain(action);
      return s;
    });
  /** Moves the server's clock on by whole days (timers due meanwhile fire). */
  const days = (n: number) => env.sleep(n * DAY);
  const at = (seq: number, level: ProcedureLevel = 'city') => ({ caseId: caseId(seq), level });
  const penalties = async (seq: number) =>
    q(`SELECT kind, level, to_char(imposed_on, 'YYYY-MM-DD') AS imposed_on FROM penalty WHERE case_id = $1 ORDER BY kind, penalty_id`, [caseId(seq)]);
  const propose = async (seq: number, level: ProcedureLevel, measures: MeasureChoiceInput[], by = officer) =>
    procedure.submitProposal(deps(), {
      ...at(seq, level),
      requestId: rid(),
      args: {
        officer: by,
        measures,
        facts: await text('procedure.facts', '当事人注册单位与社保缴纳单位不一致，实际在其他单位工作'),
        evidence: await text('procedure.evidence', '社会保险缴费记录\n注册信息'),
      },
    });
  const serve = async (seq: number, level: ProcedureLevel, document: 'notice' | 'hearing_notice' | 'decision', servedOn: string, by = officer) =>
    procedure.recordService(deps(), {
      ...at(seq, level),
      requestId: rid(),
      args: { officer: by, document, method: 'direct', servedOn, receiver: await text('procedure.receiver', '当事人本人') },
    });

  // First: its months of skipped time run while no other procedure has timers or activities in flight.
  it('reminds before the art. 60 time limit and alerts when it has passed; an extension by the responsible person moves it', async () => {
    const h = await start(6, 'city', '2026-03-09');
    const s = await awaiting(h, 'submit_proposal');
    expect(s.timeLimitOn).toBe('2026-06-07');
    const alerts = async () =>
      (await q(`SELECT kind FROM alert WHERE case_id = $1 AND kind LIKE 'procedure_%' ORDER BY raised_at`, [caseId(6)])).map((a) => a.kind);
    await days(81); // 29 May: ten days before
    await eventually(async () => expect(await alerts()).toEqual(['procedure_due']));
    await days(10); // 8 June: the limit has passed
    await eventually(async () => expect(await alerts()).toEqual(['procedure_due', 'procedure_overdue']));
    expect(await stateOf(h)).toMatchObject({ overdue: true });
    const reason = await text('procedure.extensionReason', '案情复杂，经负责人批准延长');
    await expect(procedure.extendTimeLimit(deps(), { ...at(6), requestId: rid(), args: { officer, timeLimitOn: '2026-07-07', reason } })).rejects.toMatchObject(
      {
        code: 'ResponsiblePersonRequired',
      },
    );
    const extended = await procedure.extendTimeLimit(deps(), { ...at(6), requestId: rid(), args: { officer: head, timeLimitOn: '2026-07-07', reason } });
    expect(extended).toMatchObject({ timeLimitOn: '2026-07-07', timeLimitExtended: true, overdue: false });
    await h.terminate('test done');
  });
  it('runs the whole procedure with the statement window across 春节 2026: a hearing requested in time, a heavier measure refused, the measures in effect from the decision’s service', async () => {
    const h = await start(1, 'city', '2026-02-13');
    const first = await awaiting(h, 'submit_proposal');
    expect(first).toMatchObject({ step: 'proposal', certCategory: 'CONSTRUCTOR_2', hearingApplies: true, timeLimitOn: '2026-05-14' });
    // A fine above the basis's cap (10 000 yuan without gains) is refused, naming the field.
    await expect(propose(1, 'city', [{ kind: 'FINE', amountYuan: 20_000 }])).rejects.toThrow(/「罚款金额（元）」20000超过处罚依据的上限10000元/);
    // Revocation of a 二级 registration is the province's, not the city's.
    await expect(propose(1, 'city', [{ kind: 'REVOKE_REGISTRATION' }])).rejects.toThrow(/不在本级适用的处罚依据之内/);
    await propose(1, 'city', [{ kind: 'FINE', amountYuan: 5000 }, { kind: 'BAD_CONDUCT_RECORD' }]);
    await expect(procedure.approveProposal(deps(), { ...at(1), requestId: rid(), args: { officer, approved: true } })).rejects.toMatchObject({
      code: 'ResponsiblePersonRequired',
    });
    const approved = await procedure.approveProposal(deps(), { ...at(1), requestId: rid(), args: { officer: head, approved: true } });
    expect(approved).toMatchObject({
      step: 'notice',
      awaiting: ['serve_notice'],
      notice: { kind: 'penalty_notice', number: '长建罚告〔2026〕第0001号', servedOn: null },
    });

    // Served on Friday 13 February: Sat 14 worked, 15–23 off; the fifth working day is Friday 27 February.
    const served = await serve(1, 'city', 'notice', '2026-02-13');
    expect(served).toMatchObject({ step: 'statement', statementDeadline: '2026-02-27', hearingRequestDeadline: '2026-02-27' });
    expect(await penalties(1)).toEqual([]);
    await days(14); // Friday 27 February, 10:00: the last day
    // The party's written statement, uploaded, referenced by id.
    const file = await procedure.storeProcedureAttachment(db.pool, postgresAttachmentStore(db.pool), {
      ...at(1),
      fileName: '陈述申辩书.pdf',
      bytes: Buffer.from('%PDF-1.4 statement'),
      uploadedBy: officer.userId,
    });
    await procedure.recordStatement(deps(), {
      ...at(1),
      requestId: rid(),
      args: {
        officer,
        receivedOn: '2026-02-26',
        statement: await text('procedure.statement', '当事人称已与注册单位解除劳动关系'),
        attachmentIds: [file.attachmentId],
      },
    });
    expect(await procedure.procedureState(deps(), at(1))).toMatchObject({ statements: 1, step: 'statement' });
    const requested = await procedure.requestHearing(deps(), { ...at(1), requestId: rid(), args: { officer, requestedOn: '2026-02-27' } });
    expect(requested).toMatchObject({ step: 'hearing', awaiting: ['schedule_hearing'] });

    // The hearing notice 7 working days ahead: from Friday 27 February (Saturday 28 worked) the earliest day is Monday 9 March.
    const hearingArgs = async (hearingDate: string) => ({
      officer,
      hearingDate,
      hearingTime: '09:30',
      place: await text('procedure.hearingPlace', '长春市住房和城乡建设局第三会议室'),
      presidingOfficer: await text('procedure.presidingOfficer', '法制科负责人'),
    });
    await expect(procedure.scheduleHearing(deps(), { ...at(1), requestId: rid(), args: await hearingArgs('2026-03-06') })).rejects.toMatchObject({
      code: 'DeadlinePassed',
    });
    const scheduled = await procedure.scheduleHearing(deps(), { ...at(1), requestId: rid(), args: await hearingArgs('2026-03-09') });
    expect(scheduled.hearing).toMatchObject({
      date: '2026-03-09',
      earliestDate: '2026-03-09',
      notice: { kind: 'hearing_notice', number: '长建听通〔2026〕第0001号' },
    });
    await serve(1, 'city', 'hearing_notice', '2026-02-27');
    await days(10); // Monday 9 March
    const held = await procedure.recordHearing(deps(), {
      ...at(1),
      requestId: rid(),
      args: {
        officer,
        heldOn: '2026-03-09',
        record: await text('procedure.hearingRecord', '听证笔录'),
        participants: await text('procedure.participants', '当事人、承办人'),
      },
    });
    expect(held).toMatchObject({ step: 'review', awaiting: ['review_statement'] });

    // art. 45: after the statement and the hearing the fine may not rise.
    const reasons = await text('procedure.reviewReasons', '当事人陈述的事实与社保记录不符，不予采纳；考虑其配合调查，减轻罚款');
    await expect(
      procedure.reviewStatement(deps(), {
        ...at(1),
        requestId: rid(),
        args: { officer, adopted: false, reasons, measures: [{ kind: 'FINE', amountYuan: 8000 }, { kind: 'BAD_CONDUCT_RECORD' }] },
      }),
    ).rejects.toMatchObject({ code: 'HeavierMeasureRefused' });
    const reviewed = await procedure.reviewStatement(deps(), {
      ...at(1),
      requestId: rid(),
      args: { officer, adopted: false, reasons, measures: [{ kind: 'FINE', amountYuan: 3000 }, { kind: 'BAD_CONDUCT_RECORD' }] },
    });
    expect(reviewed).toMatchObject({ step: 'decision', awaiting: ['approve_decision'] });
    expect(reviewed.measures.find((m) => m.kind === 'FINE')).toMatchObject({ amountYuan: 3000, status: 'proposed' });

    const decided = await procedure.approveDecision(deps(), { ...at(1), requestId: rid(), args: { officer: head, approved: true } });
    expect(decided).toMatchObject({ awaiting: ['serve_decision'], decision: { kind: 'penalty_decision', number: '长建罚决〔2026〕第0001号' } });
    expect(await penalties(1)).toEqual([]);

    await days(1); // Tuesday 10 March
    const inEffect = await serve(1, 'city', 'decision', '2026-03-10');
    expect(inEffect).toMatchObject({ step: 'redress', effectiveOn: '2026-03-10', redressPeriodEndsOn: '2026-09-10', awaiting: ['await_redress'] });
    expect(inEffect.measures.map((m) => [m.kind, m.status])).toEqual(
      expect.arrayContaining([
        ['FINE', 'in_effect'],
        ['BAD_CONDUCT_RECORD', 'in_effect'],
      ]),
    );
    const rows = await penalties(1);
    expect(rows.map((r) => r.kind)).toEqual(['BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT', 'DYNAMIC_QUALIFICATION_CHECK']);
    expect(rows.every((r) => r.imposed_on === '2026-03-10' && r.level === 'city')).toBe(true);

    // The remedy periods run out (6 months): the procedure closes.
    const result = await h.result();
    expect(result).toMatchObject({ step: 'closed', closedBecause: 'done', overdue: false });
    const docs = await q(`SELECT kind, number FROM generated_document WHERE subject_ref = $1 ORDER BY created_at`, [caseId(1)]);
    expect(docs.map((d) => d.kind)).toEqual(['penalty_notice', 'service_receipt', 'hearing_notice', 'penalty_decision', 'service_receipt']);
    const services = await q(
      `SELECT served_document, method, to_char(served_on, 'YYYY-MM-DD') AS served_on FROM procedure_service WHERE procedure_id = $1 ORDER BY served_on, served_document`,
      [procedureIdOf(caseId(1), 'city')],
    );
    expect(services).toEqual([
      { served_document: 'notice', method: 'direct', served_on: '2026-02-13' },
      { served_document: 'hearing_notice', method: 'direct', served_on: '2026-02-27' },
      { served_document: 'decision', method: 'direct', served_on: '2026-03-10' },
    ]);
    const events = await q('SELECT action FROM procedure_event WHERE procedure_id = $1 ORDER BY recorded_at, event_id', [procedureIdOf(caseId(1), 'city')]);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'submitProposal',
        'approveProposal',
        'recordService',
        'recordHearing',
        'reviewStatement',
        'approveDecision',
        'redressPeriodsEnded',
      ]),
    );
  });
  it('counts the adjusted working Saturday (28 February 2026), refuses a hearing requested after its 5 working days, and withdraws the measures when a redress revokes the decision', async () => {
    // The province's statement period (a setting, default 5) set to 10 working days: the window outlasts the hearing request period.
    await setProcedureSettings(db.pool, { statementWorkingDays: 10 }, 'province-1');
    const h = await start(2, 'city', '2026-02-25');
    await awaiting(h, 'submit_proposal');
    await setProcedureSettings(db.pool, {}, 'province-1');
    await propose(2, 'city', [{ kind: 'WARNING' } as never, { kind: 'BAD_CONDUCT_RECORD' }]).catch(() => undefined); // WARNING is not in this basis
    await propose(2, 'city', [{ kind: 'FINE', amountYuan: 2000 }, { kind: 'BAD_CONDUCT_RECORD' }]);
    await procedure.approveProposal(deps(), { ...at(2), requestId: rid(), args: { officer: head, approved: true } });
    // Served Wednesday 25 February: Thu 26, Fri 27, Sat 28 (worked), Mon 2, Tue 3 March is the fifth working day; the tenth is Tuesday 10 March.
    const served = await serve(2, 'city', 'notice', '2026-02-25');
    expect(served).toMatchObject({ statementDeadline: '2026-03-10', hearingRequestDeadline: '2026-03-03' });
    await days(7); // Wednesday 4 March
    await expect(procedure.requestHearing(deps(), { ...at(2), requestId: rid(), args: { officer, requestedOn: '2026-03-04' } })).rejects.toMatchObject({
      code: 'DeadlinePassed',
      message: expect.stringContaining('2026-03-03'),
    });
    const waived = await procedure.waiveRights(deps(), { ...at(2), requestId: rid(), args: { officer, waivedOn: '2026-03-04' } });
    expect(waived).toMatchObject({ step: 'decision', rightsWaived: true, awaiting: ['approve_decision'] });
    await procedure.approveDecision(deps(), { ...at(2), requestId: rid(), args: { officer: head, approved: true } });
    await serve(2, 'city', 'decision', '2026-03-04');
    expect((await penalties(2)).map((r) => r.kind)).toEqual(['BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT', 'DYNAMIC_QUALIFICATION_CHECK']);

    await procedure.recordRedress(deps(), { ...at(2), requestId: rid(), args: { officer, kind: 'administrative_review', filedOn: '2026-03-04' } });
    const revoked = await procedure.recordRedressResult(deps(), { ...at(2), requestId: rid(), args: { officer, result: 'revoked', decidedOn: '2026-03-04' } });
    expect(revoked).toMatchObject({ step: 'closed', closedBecause: 'done', penaltyIds: [], redress: { kind: 'administrative_review', result: 'revoked' } });
    expect(revoked.measures.every((m) => m.status === 'withdrawn')).toBe(true);
    expect(await penalties(2)).toEqual([]);
    const withdrawn = await q(`SELECT kind, withdrawn_because FROM penalty_withdrawn WHERE case_id = $1 ORDER BY kind`, [caseId(2)]);
    expect(withdrawn.map((w) => w.withdrawn_because)).toEqual(['redress', 'redress', 'redress']);
    // The measures' trail stays: each row withdrawn, none deleted.
    const trail = await q(`SELECT kind, version, status FROM procedure_measure WHERE procedure_id = $1 ORDER BY kind, version`, [
      procedureIdOf(caseId(2), 'city'),
    ]);
    expect(trail).toEqual([
      { kind: 'BAD_CONDUCT_RECORD', version: 1, status: 'withdrawn' },
      { kind: 'FINE', version: 1, status: 'withdrawn' },
    ]);
  });

  it('lets the province revoke a 二级 registration only once its decision is served: the 3-year bar runs from the service date', async () => {
    const h = await start(3, 'province', '2026-03-02');
    await awaiting(h, 'submit_proposal');
    await expect(propose(3, 'province', [{ kind: 'REVOKE_REGISTRATION' }])).rejects.toMatchObject({ code: 'RoleCannotAct' });
    await propose(3, 'province', [{ kind: 'REVOKE_REGISTRATION' }], provinceOfficer);
    const approved = await procedure.approveProposal(deps(), { ...at(3, 'province'), requestId: rid(), args: { officer: provinceHead, approved: true } });
    expect(approved.notice).toMatchObject({ kind: 'revocation_notice', number: '吉建撤告〔2026〕第0001号' });
    await serve(3, 'province', 'notice', '2026-03-02', provinceOfficer);
    await procedure.waiveRights(deps(), { ...at(3, 'province'), requestId: rid(), args: { officer: provinceOfficer, waivedOn: '2026-03-02' } });
    const decided = await procedure.approveDecision(deps(), { ...at(3, 'province'), requestId: rid(), args: { officer: provinceHead, approved: true } });
    expect(decided.decision).toMatchObject({ kind: 'revocation_decision', number: '吉建撤决〔2026〕第0001号' });
    expect(await penalties(3)).toEqual([]);
    expect(await q('SELECT 1 FROM registration_ban WHERE case_id = $1', [caseId(3)])).toEqual([]);
    await days(2);
    await serve(3, 'province', 'decision', '2026-03-04', provinceOfficer);
    expect(await penalties(3)).toEqual([
      { kind: 'REGISTRATION_BAN_3Y', level: 'province', imposed_on: '2026-03-04' },
      { kind: 'REVOKE_REGISTRATION', level: 'province', imposed_on: '2026-03-04' },
    ]);
    expect(
      await q(`SELECT to_char(start_date, 'YYYY-MM-DD') AS start, to_char(end_date, 'YYYY-MM-DD') AS end FROM registration_ban WHERE case_id = $1`, [
        caseId(3),
      ]),
    ).toEqual([{ start: '2026-03-04', end: '2029-03-03' }]);
  });

  it('sends a 一级 registration to the ministry: the 处理建议 numbered, the revocation only on the ministry’s revoking answer', async () => {
    const city = await start(4, 'city', '2026-03-04');
    expect((await awaiting(city, 'submit_proposal')).certCategory).toBe('CONSTRUCTOR_1');
    const h = await start(4, 'province', '2026-03-04');
    await awaiting(h, 'submit_proposal');
    await propose(4, 'province', [{ kind: 'REVOKE_REGISTRATION' }], provinceOfficer);
    await procedure.approveProposal(deps(), { ...at(4, 'province'), requestId: rid(), args: { officer: provinceHead, approved: true } });
    await serve(4, 'province', 'notice', '2026-03-04', provinceOfficer);
    await procedure.waiveRights(deps(), { ...at(4, 'province'), requestId: rid(), args: { officer: provinceOfficer, waivedOn: '2026-03-04' } });
    const referred = await procedure.approveDecision(deps(), { ...at(4, 'province'), requestId: rid(), args: { officer: provinceHead, approved: true } });
    expect(referred).toMatchObject({
      step: 'ministry',
      awaiting: ['ministry_answer'],
      decision: null,
      ministry: { proposal: { kind: 'ministry_proposal', number: '吉建建议〔2026〕第0001号' }, answer: null },
    });
    expect((await penalties(4)).filter((p) => p.level === 'province')).toEqual([]);
    await days(3);
    const answered = await procedure.recordMinistryAnswer(deps(), {
      ...at(4, 'province'),
      requestId: rid(),
      args: { officer: provinceOfficer, revoked: true, answeredOn: '2026-03-06', effectiveOn: '2026-03-07', ministryDocumentNumber: '建市罚〔2026〕12号' },
    });
    expect(answered).toMatchObject({ step: 'closed', closedBecause: 'done', effectiveOn: '2026-03-07' });
    expect((await penalties(4)).filter((p) => p.level === 'province')).toEqual([
      { kind: 'REGISTRATION_BAN_3Y', level: 'province', imposed_on: '2026-03-07' },
      { kind: 'REVOKE_REGISTRATION', level: 'province', imposed_on: '2026-03-07' },
    ]);
    // (Its end is read by query: awaiting the result of a finished run upsets the test server's time skipping.)
    expect(await stateOf(h)).toMatchObject({ closedBecause: 'done' });
    await city.terminate('test done');
  });

  it('does not leave a procedure without a published basis stuck: the province is alerted, and a published basis lets it go on', async () => {
    const h = await start(5, 'city', '2026-03-09', { violation: 'LENDING_CERTIFICATE' });
    const waiting = await awaiting(h, 'publish_basis');
    expect(waiting).toMatchObject({ step: 'proposal', certCategory: 'ARCHITECT_1', legalBasisId: null });
    await eventually(async () =>
      expect(await q(`SELECT kind, level FROM alert WHERE case_id = $1 AND kind = 'procedure_basis_missing'`, [caseId(5)])).toEqual([
        { kind: 'procedure_basis_missing', level: 'warning' },
      ]),
    );
    await expect(propose(5, 'city', [{ kind: 'BAD_CONDUCT_RECORD' }])).rejects.toMatchObject({ code: 'ProcedureStepRefused' });
    const basis = await publishLegalBasis(
      db.pool,
      {
        certCategory: 'ARCHITECT_1',
        violation: 'LENDING_CERTIFICATE',
        citations: [{ instrument: '《测试依据》', article: '第一条', quote: '', sourceUrl: null, verified: false, note: '测试' }],
        measures: [{ kind: 'BAD_CONDUCT_RECORD', authority: 'CITY_BUREAU' }],
        hearing: { applies: false, note: '' },
        effectiveFrom: '2020-01-01',
        reason: '测试发布',
      },
      'province-1',
    );
    await procedure.recheckBasis(deps(), { ...at(5), requestId: rid(), args: { officer } });
    const ready = await awaiting(h, 'submit_proposal');
    expect(ready).toMatchObject({ legalBasisId: basis.id, hearingApplies: false });
    await h.terminate('test done');
  });

  it('starts the city procedure when the case workflow records a liable decision, with no penalty recorded at the decision', async () => {
    // The case's campaign clock in 2026, as the procedures' (the working-day calendar knows 2026).
    const { clock, calendar } = await clockAt('2026-04-01');
    const handle = await env.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: caseWorkflowId(CAMPAIGN, CITY, caseId(11)),
      args: [
        {
          campaignId: CAMPAIGN,
          cityCode: CITY,
          caseId: caseId(11),
          settings: { reminderAfterDays: 20, escalateAfterDays: 40 },
          calendar,
          clock,
          evidenceGathered: true,
        },
      ],
    });
    await eventually(async () => expect((await q('SELECT ready_at FROM case_file WHERE case_id = $1', [caseId(11)]))[0].ready_at).not.toBeNull());
    const decided = await handle.executeUpdate(decideCaseUpdate, {
      args: [
        {
          decision: {
            outcome: 'VIOLATION',
            actualEmployer: { name: await text('decision.actualEmployer', '实际工作单位有限公司'), code: null },
            evidence: await text('decision.evidence', '社保记录'),
          },
          officer,
        },
      ],
      updateId: 'decide-11',
    });
    expect(decided).toMatchObject({ outcome: 'VIOLATION', liability: 'liable', penaltyIds: [] });
    expect(await penalties(11)).toEqual([]);
    const city = env.client.workflow.getHandle(procedureIdOf(caseId(11), 'city'));
    expect(await awaiting(city, 'submit_proposal')).toMatchObject({ level: 'city', authorityCode: CITY, openedOn: decided.decidedOn });
    // The child outlives the case (ParentClosePolicy ABANDON): ended here by hand.
    await handle.terminate('test done');
    expect((await city.describe()).status.name).toBe('RUNNING');
    await city.terminate('test done');
  });
  it('withdraws the procedure when the city reopens the case, and opens it anew (new numbers) when the case is decided liable again', async () => {
    // The case's campaign clock in 2026, as the procedures' (the working-day calendar knows 2026).
    const { clock, calendar } = await clockAt('2026-04-01');
    const handle = await env.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: caseWorkflowId(CAMPAIGN, CITY, caseId(12)),
      args: [
        {
          campaignId: CAMPAIGN,
          cityCode: CITY,
          caseId: caseId(12),
          settings: { reminderAfterDays: 20, escalateAfterDays: 40 },
          calendar,
          clock,
          evidenceGathered: true,
        },
      ],
    });
    await eventually(async () => expect((await q('SELECT ready_at FROM case_file WHERE case_id = $1', [caseId(12)]))[0].ready_at).not.toBeNull());
    const violation = async () => ({
      decision: {
        outcome: 'VIOLATION' as const,
        actualEmployer: { name: await text('decision.actualEmployer', '实际工作单位有限公司'), code: null },
        evidence: await text('decision.evidence', '社保记录'),
      },
      officer,
    });
    await handle.executeUpdate(decideCaseUpdate, { args: [await violation()], updateId: 'decide-12' });
    const city = env.client.workflow.getHandle(procedureIdOf(caseId(12), 'city'));
    await awaiting(city, 'submit_proposal');
    await propose(12, 'city', [{ kind: 'BAD_CONDUCT_RECORD' }]);
    const first = await procedure.approveProposal(deps(), { ...at(12), requestId: rid(), args: { officer: head, approved: true } });

    // The province returns the report naming the case; the city reopens it.
    const t = new Date().toISOString();
    await recordSubmission(db.pool, {
      campaignId: CAMPAIGN,
      cityCode: CITY,
      kind: 'investigation',
      version: 1,
      submittedAt: t,
      submittedBy: officer.userId,
      late: false,
    });
    await recordReview(db.pool, {
      campaignId: CAMPAIGN,
      cityCode: CITY,
      kind: 'investigation',
      version: 1,
      decision: 'return',
      comments: '请重新核查',
      reviewedBy: provinceOfficer.userId,
      at: t,
      reopenCaseIds: [caseId(12)],
    });
    await reopenCase(
      { client: env.client, pool: db.pool, taskQueue: worker.taskQueue },
      { campaignId: CAMPAIGN, cityCode: CITY, caseId: caseId(12), officer, reason: await text('reopen.reason', '省厅退回'), requestId: 'reopen-12' },
    );
    const withdrawn = await eventually(async () => {
      const st = await stateOf(city);
      expect(st).toMatchObject({ step: 'closed', closedBecause: 'withdrawn', awaiting: [] });
      return st;
    });
    expect(withdrawn.measures.map((m) => m.status)).toEqual(['withdrawn']);

    await handle.executeUpdate(decideCaseUpdate, { args: [await violation()], updateId: 'decide-12b' });
    const again = env.client.workflow.getHandle(procedureIdOf(caseId(12), 'city'));
    await eventually(async () => expect(await stateOf(again)).toMatchObject({ step: 'proposal', awaiting: ['submit_proposal'], closedBecause: null }));
    await propose(12, 'city', [{ kind: 'BAD_CONDUCT_RECORD' }]);
    const second = await procedure.approveProposal(deps(), { ...at(12), requestId: rid(), args: { officer: head, approved: true } });
    expect(second.notice!.number).not.toBe(first.notice!.number);
    expect(await q('SELECT runs, step FROM penalty_procedure WHERE procedure_id = $1', [procedureIdOf(caseId(12), 'city')])).toEqual([
      { runs: 2, step: 'notice' },
    ]);
    await handle.terminate('test done');
    await again.terminate('test done');
  });
  it('refuses a notice whose deadlines fall in a year the calendar does not know, leaves the procedure as it was, and goes on once the year is entered', async () => {
    const h = await start(7, 'city', '2027-01-05');
    await awaiting(h, 'submit_proposal');
    await propose(7, 'city', [{ kind: 'BAD_CONDUCT_RECORD' }]);
    await expect(procedure.approveProposal(deps(), { ...at(7), requestId: rid(), args: { officer: head, approved: true } })).rejects.toMatchObject({
      code: 'CalendarYearUnknown',
    });
    expect(await stateOf(h)).toMatchObject({ step: 'proposal', awaiting: ['approve_proposal'], notice: null });
    // The province enters 2027 (here: no holiday in the days that matter), and the approval goes through with the number taken first.
    await replaceWorkingDayOverrides(db.pool, { year: 2027, days: [{ date: '2027-01-01', working: false, name: '元旦' }] }, 'province-1');
    const approved = await procedure.approveProposal(deps(), { ...at(7), requestId: rid(), args: { officer: head, approved: true } });
    expect(approved).toMatchObject({ step: 'notice', notice: { kind: 'penalty_notice', number: '长建罚告〔2027〕第0001号' } });
    const served = await serve(7, 'city', 'notice', '2027-01-05');
    expect(served).toMatchObject({ step: 'statement', statementDeadline: '2027-01-12' });
    await h.terminate('test done');
  });
  /** Proposal (a fine of 5 000 yuan and the bad-conduct record), approval, the notice served on `today`. */
  const throughNotice = async (seq: number, today: string) => {
    const h = await start(seq, 'city', today);
    await awaiting(h, 'submit_proposal');
    await propose(seq, 'city', [{ kind: 'FINE', amountYuan: 5000 }, { kind: 'BAD_CONDUCT_RECORD' }]);
    await procedure.approveProposal(deps(), { ...at(seq), requestId: rid(), args: { officer: head, approved: true } });
    await serve(seq, 'city', 'notice', today);
    return h;
  };
  const waive = (seq: number, waivedOn: string) => procedure.waiveRights(deps(), { ...at(seq), requestId: rid(), args: { officer, waivedOn } });
  const approveDecision = (seq: number, approved: boolean) =>
    procedure.approveDecision(deps(), { ...at(seq), requestId: rid(), args: { officer: head, approved } });
  const docsOf = async (seq: number) => q(`SELECT kind, number FROM generated_document WHERE subject_ref = $1 ORDER BY created_at, kind`, [caseId(seq)]);

  it('sends a decision the responsible person does not approve back to the officer: revised never heavier than notified, approved again, then served', async () => {
    const h = await throughNotice(8, '2026-03-16');
    await waive(8, '2026-03-16');
    const sentBack = await approveDecision(8, false);
    expect(sentBack).toMatchObject({ step: 'decision', awaiting: ['revise_decision'], decision: null });
    await expect(approveDecision(8, true)).rejects.toMatchObject({ code: 'ProcedureStepRefused' });
    const reasons = await text('procedure.revisionReasons', '按负责人意见减轻罚款，不记不良行为');
    // art. 45: not heavier than the notice told of (5 000 yuan).
    await expect(
      procedure.reviseDecision(deps(), { ...at(8), requestId: rid(), args: { officer, reasons, measures: [{ kind: 'FINE', amountYuan: 8000 }] } }),
    ).rejects.toMatchObject({ code: 'HeavierMeasureRefused' });
    // Within the basis: a fine above its cap is refused too.
    await expect(
      procedure.reviseDecision(deps(), { ...at(8), requestId: rid(), args: { officer, reasons, measures: [{ kind: 'FINE', amountYuan: 20_000 }] } }),
    ).rejects.toThrow(/上限10000元/);
    const revised = await procedure.reviseDecision(deps(), {
      ...at(8),
      requestId: rid(),
      args: { officer, reasons, measures: [{ kind: 'FINE', amountYuan: 3000 }] },
    });
    expect(revised).toMatchObject({ step: 'decision', awaiting: ['approve_decision'] });
    expect(revised.measures.map((m) => [m.kind, m.status, m.amountYuan])).toEqual(
      expect.arrayContaining([
        ['FINE', 'proposed', 3000],
        ['BAD_CONDUCT_RECORD', 'dropped', null],
      ]),
    );
    const decided = await approveDecision(8, true);
    expect(decided).toMatchObject({ awaiting: ['serve_decision'], decision: { kind: 'penalty_decision' } });
    const inEffect = await serve(8, 'city', 'decision', '2026-03-16');
    expect(inEffect).toMatchObject({ step: 'redress', effectiveOn: '2026-03-16' });
    // The bad-conduct record was dropped in the revision: no bad-conduct row.
    expect((await penalties(8)).map((r) => r.kind)).not.toContain('BAD_CONDUCT_PERSON');
    const trail = await q(`SELECT kind, version, status, amount_yuan FROM procedure_measure WHERE procedure_id = $1 ORDER BY kind, version`, [
      procedureIdOf(caseId(8), 'city'),
    ]);
    expect(trail).toEqual([
      { kind: 'BAD_CONDUCT_RECORD', version: 1, status: 'changed', amount_yuan: null },
      { kind: 'BAD_CONDUCT_RECORD', version: 2, status: 'dropped', amount_yuan: null },
      { kind: 'FINE', version: 1, status: 'changed', amount_yuan: 5000 },
      { kind: 'FINE', version: 2, status: 'in_effect', amount_yuan: 3000 },
    ]);
    const events = await q('SELECT action FROM procedure_event WHERE procedure_id = $1 ORDER BY recorded_at, event_id', [procedureIdOf(caseId(8), 'city')]);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['approveDecision', 'reviseDecision', 'decisionIssued']));
    await h.terminate('test done');
  });

  it('issues a numbered 不予行政处罚决定书 when the review drops every measure: approved, served, then closed no_penalty with no penalty row', async () => {
    const h = await throughNotice(9, '2026-03-16');
    await procedure.recordStatement(deps(), {
      ...at(9),
      requestId: rid(),
      args: { officer, receivedOn: '2026-03-16', statement: await text('procedure.statement', '当事人提交了在注册单位实际工作的劳动合同和工资记录') },
    });
    await waive(9, '2026-03-16');
    const reviewed = await procedure.reviewStatement(deps(), {
      ...at(9),
      requestId: rid(),
      args: { officer, adopted: true, noPenalty: true, reasons: await text('procedure.reviewReasons', '陈述申辩成立，违法事实不能成立') },
    });
    expect(reviewed).toMatchObject({ step: 'decision', awaiting: ['approve_decision'], closedBecause: null, review: { noPenalty: true } });
    expect(reviewed.measures.every((m) => m.status === 'dropped')).toBe(true);
    const decided = await approveDecision(9, true);
    expect(decided).toMatchObject({
      step: 'decision',
      awaiting: ['serve_decision'],
      decision: { kind: 'no_penalty_decision', number: '长建不罚〔2026〕第0001号', servedOn: null },
    });
    const served = await serve(9, 'city', 'decision', '2026-03-16');
    expect(served).toMatchObject({ step: 'closed', closedBecause: 'no_penalty', effectiveOn: null, penaltyIds: [], decision: { servedOn: '2026-03-16' } });
    expect(await h.result()).toMatchObject({ step: 'closed', closedBecause: 'no_penalty' });
    expect(await penalties(9)).toEqual([]);
    expect((await docsOf(9)).map((d) => d.kind)).toEqual(expect.arrayContaining(['penalty_notice', 'no_penalty_decision']));
    expect((await docsOf(9)).filter((d) => d.kind === 'service_receipt')).toHaveLength(2);
    const row = (
      await q(`SELECT to_char(decision_served_on, 'YYYY-MM-DD') AS served, closed_because FROM penalty_procedure WHERE procedure_id = $1`, [
        procedureIdOf(caseId(9), 'city'),
      ])
    )[0];
    expect(row).toEqual({ served: '2026-03-16', closed_because: 'no_penalty' });
  });

  it('lets a revised decision drop every measure: the 不予行政处罚决定书 takes the next number', async () => {
    const h = await throughNotice(10, '2026-03-16');
    await waive(10, '2026-03-16');
    await approveDecision(10, false);
    const revised = await procedure.reviseDecision(deps(), {
      ...at(10),
      requestId: rid(),
      args: { officer, noPenalty: true, reasons: await text('procedure.revisionReasons', '违法行为轻微并及时改正，依法不予行政处罚') },
    });
    expect(revised).toMatchObject({ awaiting: ['approve_decision'] });
    expect(revised.measures.every((m) => m.status === 'dropped')).toBe(true);
    const decided = await approveDecision(10, true);
    expect(decided.decision).toMatchObject({ kind: 'no_penalty_decision', number: '长建不罚〔2026〕第0002号' });
    await serve(10, 'city', 'decision', '2026-03-16');
    expect(await h.result()).toMatchObject({ closedBecause: 'no_penalty' });
    expect(await penalties(10)).toEqual([]);
  });
});
