import { WorkflowUpdateFailedError, WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { shanghaiDate, type CampaignCalendar } from '../../domain/calendar';
import type { caseWorkflow } from '../../workflows/case';
import { procedureIdOf } from '../../domain/penaltyProcedure';
import { procedureStateQuery } from '../../workflows/messages/penaltyProcedure';
import {
  carryOverUpdate,
  caseStateQuery,
  caseWorkflowId,
  decideCaseUpdate,
  extendCaseDueSignal,
  imposeProvincialPenaltyUpdate,
  type CaseSettingsInput,
  type DecideCaseArgs,
} from '../../workflows/messages/case';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, DAY, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';

const CAMPAIGN = 'wf-case';
const CITY = '2201';
const officer = { userId: 'officer-2201', role: 'city_officer' as const, cityCode: CITY };
const violation: DecideCaseArgs = {
  decision: { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位有限公司' }, evidence: '社保、公积金均由实际工作单位缴纳' },
  officer,
};
const caseId = (seq: number) => `${CAMPAIGN}-${CITY}-${String(seq).padStart(6, '0')}`;

/**
 * The reason a validator gave. The time-skipping server answers startUpdate before the validator
 * has run, so the refusal arrives with the update's result.
 */
async function refusal(started: Promise<{ result(): Promise<unknown> }>): Promise<string> {
  const err = await started
    .then((h) => h.result())
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return String((err as WorkflowUpdateFailedError).cause?.message);
}

describe('the case workflow (time-skipping)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;
  // The time-skipping clock is global to the server and jumps whenever a test awaits a workflow
  // result, so each test lays its calendar around the clock as it finds it.
  let calendar: CampaignCalendar;
  let startMs: number;
  const resetClock = async () => {
    startMs = await env.currentTimeMs();
    calendar = calendarAround(startMs);
  };

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    const regUnit = { name: '吉林省测试建设有限公司', code: fixtureUscc(30) };
    const { runId } = await seedScreenedCity(
      db.pool,
      CITY,
      [1, 2, 3, 4].map((n) => ({ idNumber: fixtureIdNumber(n), regUnit, riskScore: 100 - n })),
    );
    await resetClock();
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, screeningRunId: runId, dueAt: new Date(startMs + 60 * DAY).toISOString() });
    worker = await startWorker(env, bundle, db.pool);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  const start = (seq: number, settings: CaseSettingsInput, dueAt?: string): Promise<WorkflowHandle<typeof caseWorkflow>> =>
    env.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: caseWorkflowId(CAMPAIGN, CITY, caseId(seq)),
      args: [{ campaignId: CAMPAIGN, cityCode: CITY, caseId: caseId(seq), settings, calendar, dueAt }],
    });
  const caseRow = async (seq: number) =>
    (await db.pool.query('SELECT status, reminders, escalated_at, overdue_at FROM case_file WHERE case_id = $1', [caseId(seq)])).rows[0];

  it('reminds the officer at day N (then every R days), escalates at day M, and follows an extended deadline', async () => {
    await resetClock();
    const handle = await start(1, { reminderAfterDays: 3, escalateAfterDays: 7, reminderRepeatDays: 2 }, new Date(startMs + 10 * DAY).toISOString());
    await env.sleep(3.5 * DAY);
    await eventually(async () => expect(await caseRow(1)).toMatchObject({ reminders: 1, escalated_at: null }));
    await env.sleep(2 * DAY);
    await eventually(async () => expect(await caseRow(1)).toMatchObject({ reminders: 2, escalated_at: null }));
    await env.sleep(2 * DAY);
    await eventually(async () => expect((await caseRow(1)).escalated_at).not.toBeNull());
    await handle.signal(extendCaseDueSignal, { dueAt: new Date(startMs + 20 * DAY).toISOString() });
    await env.sleep(3 * DAY);
    const state = await handle.query(caseStateQuery);
    expect(state).toMatchObject({ status: 'open', escalated: true, overdue: false, reminders: 4 });
    expect((await caseRow(1)).overdue_at).toBeNull();
    await env.sleep(10 * DAY);
    await eventually(async () => expect((await caseRow(1)).overdue_at).not.toBeNull());
    const alerts = await db.pool.query(`SELECT kind, level FROM alert WHERE case_id = $1 ORDER BY kind`, [caseId(1)]);
    expect(alerts.rows.map((a) => a.kind)).toEqual(['case_escalation', 'case_overdue', 'case_reminder']);
    await handle.executeUpdate(decideCaseUpdate, { args: [{ decision: { outcome: 'TRANSFERRED', receivingAuthority: '省人社厅' }, officer }] });
    expect(await handle.result()).toEqual({ caseId: caseId(1), outcome: 'TRANSFERRED', penaltyIds: [], exempt: false });
    const open = await db.pool.query('SELECT count(*)::int AS n FROM alert WHERE case_id = $1 AND resolved_at IS NULL', [caseId(1)]);
    expect(open.rows[0].n).toBe(0);
  });

  it('applies a decision once when the same update id is sent twice, and refuses a second decision', async () => {
    await resetClock();
    const handle = await start(2, { reminderAfterDays: 30, escalateAfterDays: 45, provincialPenaltyKinds: ['REVOKE_REGISTRATION', 'REGISTRATION_BAN_3Y'] });
    const first = await handle.startUpdate(decideCaseUpdate, { args: [violation], updateId: 'decide-2', waitForStage: WorkflowUpdateStage.ACCEPTED });
    const again = await handle.startUpdate(decideCaseUpdate, { args: [violation], updateId: 'decide-2', waitForStage: WorkflowUpdateStage.ACCEPTED });
    const result = await first.result();
    expect(await again.result()).toEqual(result);
    expect(result).toMatchObject({
      caseId: caseId(2),
      updateId: 'decide-2',
      outcome: 'VIOLATION',
      decidedOn: shanghaiDate(new Date(await env.currentTimeMs())),
      exempt: false,
    });
    // No measure takes effect at the decision: it starts the city's penalty procedure (their decision's service does).
    expect(result.penaltyIds).toEqual([]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM penalty WHERE case_id = $1', [caseId(2)])).rows[0].n).toBe(0);
    const procedure = env.client.workflow.getHandle(procedureIdOf(caseId(2), 'city'));
    await eventually(async () => expect(await procedure.query(procedureStateQuery)).toMatchObject({ level: 'city', step: 'proposal' }));
    const log = await db.pool.query('SELECT count(*)::int AS n FROM decision_log WHERE case_id = $1', [caseId(2)]);
    expect(log.rows[0].n).toBe(1);
    const reason = await refusal(
      handle.startUpdate(decideCaseUpdate, { args: [violation], updateId: 'decide-2b', waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    expect(reason).toMatch(/is (decided|closed): only an open case is decided/);
    await eventually(async () => expect((await caseRow(2)).status).toBe('closed'));
  });

  it('lets the province impose its reserved penalties in phase 3 only, through its own penalty procedure', async () => {
    const handle = env.client.workflow.getHandle<typeof caseWorkflow>(caseWorkflowId(CAMPAIGN, CITY, caseId(2)));
    const coordinator = { userId: 'province-1', role: 'province_coordinator' as const };
    const early = await refusal(
      handle.startUpdate(imposeProvincialPenaltyUpdate, { args: [{ officer: coordinator }], waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    expect(early).toMatch(/phase 3/);
    expect(await refusal(handle.startUpdate(imposeProvincialPenaltyUpdate, { args: [{ officer }], waitForStage: WorkflowUpdateStage.ACCEPTED }))).toMatch(
      /only a provincial coordinator/,
    );
    await env.sleep(62 * DAY);
    const imposed = await handle.startUpdate(imposeProvincialPenaltyUpdate, {
      args: [{ officer: coordinator }],
      updateId: 'province-2',
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    const r = await imposed.result();
    expect(r.imposedOn >= calendar.provincialVerification.start).toBe(true);
    // The revocation and its bar take effect when the province's decision is served (test/workflows/penaltyProcedure.test.ts), not now.
    expect(r.penaltyIds).toEqual([]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM registration_ban WHERE case_id = $1', [caseId(2)])).rows[0].n).toBe(0);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM penalty WHERE case_id = $1', [caseId(2)])).rows[0].n).toBe(0);
    const procedure = env.client.workflow.getHandle(procedureIdOf(caseId(2), 'province'));
    await eventually(async () => expect(await procedure.query(procedureStateQuery)).toMatchObject({ level: 'province', openedOn: r.imposedOn }));
    const done = await handle.result();
    expect(done.penaltyIds).toEqual([]);
  });

  it('marks the case ready in the read model once its workflow takes decisions, so the worklist can offer it', async () => {
    await resetClock();
    const readyAt = async () => (await db.pool.query('SELECT ready_at FROM case_file WHERE case_id = $1', [caseId(4)])).rows[0].ready_at;
    expect(await readyAt()).toBeNull();
    const handle = await start(4, { reminderAfterDays: 30, escalateAfterDays: 45 });
    await eventually(async () => expect(await readyAt()).not.toBeNull());
    // Evidence gathered (a local activity), the patch marker that keeps older runs replayable,
    // then the ready mark (a local activity). The row is written by the local activity before its
    // workflow task completes: the markers reach the history a moment later.
    await eventually(async () => {
      const history = await handle.fetchHistory();
      const markers = (history.events ?? []).filter((e) => e.markerRecordedEventAttributes).map((e) => e.markerRecordedEventAttributes!.markerName);
      expect(markers).toEqual(['core_local_activity', 'core_patch', 'core_local_activity']);
    });
    expect(await handle.query(caseStateQuery)).toMatchObject({ status: 'open' });
  });

  it('refuses a wrong-city officer, a decision missing its fields, a supervisor, and an ID number in the text', async () => {
    await resetClock();
    const handle = await start(3, { reminderAfterDays: 30, escalateAfterDays: 45 });
    const send = (args: unknown) =>
      refusal(handle.startUpdate(decideCaseUpdate, { args: [args as DecideCaseArgs], waitForStage: WorkflowUpdateStage.ACCEPTED }));
    expect(await send({ ...violation, officer: { ...officer, cityCode: '2202' } })).toMatch(/city 2202 is not the case's city 2201/);
    expect(await send({ decision: { outcome: 'VIOLATION', actualEmployer: { name: '某单位' } }, officer })).toMatch(/evidence/);
    expect(await send({ decision: { outcome: 'COMPLIANT', ground: 'RETIRED' }, officer })).toMatch(/justification/);
    expect(await send({ ...violation, officer: { ...officer, role: 'supervisor' } })).toMatch(/only a city officer/);
    const refusalType = async (args: unknown) => {
      const err = await handle
        .startUpdate(decideCaseUpdate, { args: [args as DecideCaseArgs], waitForStage: WorkflowUpdateStage.ACCEPTED })
        .then((h) => h.result())
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      return ((err as WorkflowUpdateFailedError).cause as ApplicationFailure).type;
    };
    expect(await refusalType({ ...violation, officer: { ...officer, role: 'supervisor' } })).toBe('RoleCannotAct');
    // An auditor is no sender of commands at all: the message itself is refused.
    expect(await refusalType({ ...violation, officer: { ...officer, role: 'auditor' } })).toBe('UpdateRefused');
    expect(await send({ decision: { ...violation.decision, evidence: `当事人 ${fixtureIdNumber(3)} 实际在外单位工作` }, officer })).toMatch(/ID number/);
    expect(await handle.query(caseStateQuery)).toMatchObject({ status: 'open' });
    const log = await db.pool.query('SELECT count(*)::int AS n FROM decision_log WHERE case_id = $1', [caseId(3)]);
    expect(log.rows[0].n).toBe(0);
  });

  it('carries an open case over with a reason, then records an exempt phase-1 correction the person declared in the self-check, and ends', async () => {
    const handle = env.client.workflow.getHandle<typeof caseWorkflow>(caseWorkflowId(CAMPAIGN, CITY, caseId(3)));
    const carried = await handle.startUpdate(carryOverUpdate, {
      args: [{ reason: '需省人社厅协查劳动关系', officer }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await carried.result();
    expect((await caseRow(3)).status).toBe('carried_over');
    // The exemption rests on the person's self-check declaration on record, not on the date alone.
    await db.pool.query(
      `INSERT INTO campaign (id, name, config, calendar, workflow_id, launched_by) VALUES ($1, '案件测试', '{}', $2, 'campaign/' || $1, 'test')
       ON CONFLICT DO NOTHING`,
      [CAMPAIGN, JSON.stringify(calendar)],
    );
    await db.pool.query(
      `INSERT INTO self_check_declaration (request_id, campaign_id, city_code, id_number, correction, corrected_on, declared_by, received_on)
       VALUES ('decl-3', $1, $2, $3, 'moved_contributions', $4, 'person', $4)`,
      [CAMPAIGN, CITY, fixtureIdNumber(3), calendar.selfCheck.deadline],
    );
    const rectified: DecideCaseArgs = {
      decision: { outcome: 'RECTIFIED', rectifiedOn: calendar.selfCheck.deadline, how: 'moved_contributions' },
      officer,
    };
    await handle.startUpdate(decideCaseUpdate, { args: [rectified], waitForStage: WorkflowUpdateStage.ACCEPTED });
    expect(await handle.result()).toEqual({ caseId: caseId(3), outcome: 'RECTIFIED', penaltyIds: [], exempt: true });
    const row = await db.pool.query('SELECT status, liability FROM case_file WHERE case_id = $1', [caseId(3)]);
    expect(row.rows[0]).toEqual({ status: 'closed', liability: 'exempt' });
  });
});
