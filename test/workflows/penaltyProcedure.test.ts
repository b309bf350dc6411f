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
    for (let seq = 1; seq <= 12; seq++) {
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
    await procedure.recordStatement(deps(), {
      ...at(1),
      requestId: rid(),
      args: { officer, receivedOn: '2026-02-26', statement: await text('procedure.statement', '当事人称已与注册单位解除劳动关系') },
    });
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
});
