/**
 * Penalties by due process (issue 19) on the case workflow, time-skipping server, real activities:
 * the two loopholes closed (a correction without a self-check declaration, a deregistration
 * applied for while the case is open) and the two corrections (the city reopens a case the
 * province named in a return; the province overrides a city's outcome), including a case whose
 * workflow had ended, which the services layer starts again.
 */
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { recordReview } from '../../activities/submissions/reviewSubmission';
import { recordSubmission } from '../../activities/submissions/recordSubmission';
import { addDays, SEED_CALENDAR } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import { DomainError } from '../../domain/errors';
import type { Officer } from '../../domain/officer';
import type { CaseDecisionInput } from '../../domain/outcomes';
import { caseDetail } from '../../readModel/caseDetail';
import { countCities } from '../../readModel/cityFigures';
import { isRegistrationFrozen } from '../../readModel/registrationFreeze';
import { overrideOutcome, reopenCase } from '../../services/caseCorrections';
import type { caseWorkflow } from '../../workflows/case';
import { procedureIdOf } from '../../domain/penaltyProcedure';
import { procedureStateQuery } from '../../workflows/messages/penaltyProcedure';
import { caseStateQuery, caseWorkflowId, decideCaseUpdate, type DecideCaseArgs, type DecideCaseResult } from '../../workflows/messages/case';
import { caseSettingsOf } from '../../workflows/messages/caseSettings';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CAMPAIGN = 'wf-fix';
const CITY = '2201';
const officer: Officer = { userId: 'officer-2201', role: 'city_officer', cityCode: CITY };
const coordinator: Officer = { userId: 'province-1', role: 'province_coordinator' };
const regUnit = { name: '吉林省纠错测试建设有限公司', code: fixtureUscc(40) };
const violation: CaseDecisionInput = { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位有限公司' }, evidence: '社保、公积金均由实际工作单位缴纳' };
const compliant: CaseDecisionInput = { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移数据滞后' };
const caseId = (seq: number) => `${CAMPAIGN}-${CITY}-${String(seq).padStart(6, '0')}`;
const kindsOf = (ids: string[]) => ids.map((p) => p.split(':')[1]).sort();

describe('penalties by due process on the case workflow (time-skipping)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;
  let config: CampaignConfig;
  const deps = () => ({ client: env.client, pool: db.pool, taskQueue: worker.taskQueue });
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
  const handleOf = (seq: number): WorkflowHandle<typeof caseWorkflow> => env.client.workflow.getHandle(caseWorkflowId(CAMPAIGN, CITY, caseId(seq)));
  const at = (seq: number) => ({ campaignId: CAMPAIGN, cityCode: CITY, caseId: caseId(seq) });

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    const { runId, snapshotId } = await seedScreenedCity(
      db.pool,
      CITY,
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ idNumber: fixtureIdNumber(n), regUnit, riskScore: 100 - n })),
    );
    // The campaign as launched: its rules reserve revocation to the province (the default), and a
    // case started again for a correction takes its settings and calendar from here.
    const calendar = calendarAround(await env.currentTimeMs());
    config = CampaignConfig.parse({ id: CAMPAIGN, name: '纠错测试', cities: [CITY], dataSources: { snapshotId }, calendar });
    expect(config.rules.provincialPenaltyKinds).toEqual(['REVOKE_REGISTRATION']);
    await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'test', workflowId: `campaign/${CAMPAIGN}`, at: new Date().toISOString() });
    const dueAt = new Date(Date.parse(calendar.investigation.deadline) + 86_400_000).toISOString();
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, screeningRunId: runId, dueAt });
    worker = await startWorker(env, bundle, db.pool);
    for (let seq = 1; seq <= 8; seq++) {
      await env.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
        taskQueue: worker.taskQueue,
        workflowId: caseWorkflowId(CAMPAIGN, CITY, caseId(seq)),
        args: [{ campaignId: CAMPAIGN, cityCode: CITY, caseId: caseId(seq), settings: caseSettingsOf(config.rules), calendar, evidenceGathered: true }],
      });
    }
    await eventually(async () => expect((await q('SELECT count(*)::int AS n FROM case_file WHERE ready_at IS NOT NULL'))[0].n).toBe(8));
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  const decide = async (seq: number, decision: CaseDecisionInput, updateId = `decide-${seq}-${Date.now()}`): Promise<DecideCaseResult> => {
    const args: DecideCaseArgs = { decision, officer };
    return (await handleOf(seq).startUpdate(decideCaseUpdate, { args: [args], updateId, waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
  };
  /** The city's investigation report, returned by the province naming these cases for reopening. */
  let version = 0;
  const returnNaming = async (seqs: number[]) => {
    version++;
    const t = new Date().toISOString();
    await recordSubmission(db.pool, {
      campaignId: CAMPAIGN,
      cityCode: CITY,
      kind: 'investigation',
      version,
      submittedAt: t,
      submittedBy: officer.userId,
      late: false,
    });
    await recordReview(db.pool, {
      campaignId: CAMPAIGN,
      cityCode: CITY,
      kind: 'investigation',
      version,
      decision: 'return',
      comments: '请重新核查所列案件',
      reviewedBy: coordinator.userId,
      at: t,
      reopenCaseIds: seqs.map(caseId),
    });
  };
  const penalties = async (seq: number) =>
    (await q('SELECT penalty_id, level FROM penalty WHERE case_id = $1 ORDER BY penalty_id', [caseId(seq)])).map((r) => r);

  it('holds a correction dated within phase 1 liable when no self-check declaration is on record, and exempts one the person declared', async () => {
    const rectifiedOn = addDays(config.calendar.selfCheck.deadline, -5);
    const rectified: CaseDecisionInput = { outcome: 'RECTIFIED', rectifiedOn, how: 'moved_contributions' };
    const undeclared = await decide(1, rectified);
    expect(undeclared).toMatchObject({ outcome: 'RECTIFIED', exempt: false, liability: 'liable', notice: { field: 'rectifiedOn' } });
    expect(undeclared.notice?.message).toMatch(/^「整改完成日期」.*未查到当事人或其注册单位在自查自纠期间的申报记录/);
    // A late correction: liable, so the city's penalty procedure starts; nothing takes effect before its decision is served.
    expect(undeclared.penaltyIds).toEqual([]);
    await eventually(async () =>
      expect(await env.client.workflow.getHandle(procedureIdOf(caseId(1), 'city')).query(procedureStateQuery)).toMatchObject({ level: 'city' }),
    );
    expect((await q('SELECT liability, liability_basis FROM case_file WHERE case_id = $1', [caseId(1)]))[0]).toEqual({
      liability: 'liable',
      liability_basis: 'no_self_check_declaration',
    });

    await db.pool.query(
      `INSERT INTO self_check_declaration (request_id, campaign_id, city_code, id_number, correction, corrected_on, declared_by, received_at, received_on)
       VALUES ('decl-2', $1, $2, $3, 'moved_contributions', $4, 'person', now(), $4)`,
      [CAMPAIGN, CITY, fixtureIdNumber(2), rectifiedOn],
    );
    const declared = await decide(2, rectified);
    expect(declared).toMatchObject({ exempt: true, liability: 'exempt', penaltyIds: [] });
    expect(declared.notice).toBeUndefined();
  });

  it('keeps a deregistration applied for during the open case inside the case: DEREGISTERED then carries the records and the ban', async () => {
    // As the intake links it (services/intakeCommands.ts): the person's case is open.
    await db.pool.query(
      `INSERT INTO deregistration_request (request_id, campaign_id, city_code, id_number, requested_by, received_on, sla_due, sla_due_at, case_id)
       VALUES ('dereg-3', $1, $2, $3, 'person', $4, $4, now() + interval '7 days', $5)`,
      [CAMPAIGN, CITY, fixtureIdNumber(3), config.calendar.investigation.start, caseId(3)],
    );
    const r = await decide(3, { outcome: 'DEREGISTERED', deregisteredOn: config.calendar.investigation.start });
    expect(r).toMatchObject({ outcome: 'DEREGISTERED', liability: 'liable', exempt: false, notice: { field: 'outcome' } });
    // Liable: its records and bar come through the city's procedure, dated from its decision's service.
    expect(r.penaltyIds).toEqual([]);
    expect(await q('SELECT case_id FROM registration_ban WHERE case_id = $1', [caseId(3)])).toHaveLength(0);
    await eventually(async () =>
      expect(await env.client.workflow.getHandle(procedureIdOf(caseId(3), 'city')).query(procedureStateQuery)).toMatchObject({ level: 'city' }),
    );
    // Liable: the case stays reachable for the province's revocation in phase 3.
    expect(await handleOf(3).query(caseStateQuery)).toMatchObject({ status: 'closed', liability: 'liable' });
    const detail = await caseDetail(db.pool, caseId(3), true);
    expect(detail?.liabilityBasis).toBe('deregistration_during_case');
    expect(detail?.timeline.map((t) => t.kind)).toContain('deregistration_request');
  });

  it('lets the city reopen a liable case the province named: the penalties withdrawn and kept, the registration frozen, a new decision recorded', async () => {
    const first = await decide(4, violation);
    expect(first.liability).toBe('liable');
    await returnNaming([4]);
    const reopened = await reopenCase(deps(), { ...at(4), reason: '省厅退回：实际工作单位认定有误', officer, requestId: 'reopen-4' });
    expect(reopened).toMatchObject({ caseId: caseId(4), previousOutcome: 'VIOLATION', submissionVersion: version });
    expect(reopened.withdrawnPenaltyIds.sort()).toEqual([...first.penaltyIds].sort());
    expect(await penalties(4)).toEqual([]);
    expect(await q('SELECT count(*)::int AS n FROM penalty_withdrawn WHERE case_id = $1', [caseId(4)])).toEqual([{ n: first.penaltyIds.length }]);
    expect(await q('SELECT count(*)::int AS n FROM registration_ban WHERE case_id = $1', [caseId(4)])).toEqual([{ n: 0 }]);
    expect(await isRegistrationFrozen(db.pool, fixtureIdNumber(4))).toBe(true);
    expect(await handleOf(4).query(caseStateQuery)).toMatchObject({ status: 'open', penaltyIds: [], reopenings: 1 });
    // The same request again (a retry) is answered as before; the naming is used up: another reopening needs another return.
    await expect(reopenCase(deps(), { ...at(4), reason: '省厅退回：实际工作单位认定有误', officer, requestId: 'reopen-4' })).resolves.toEqual(reopened);
    await expect(reopenCase(deps(), { ...at(4), reason: '省厅退回：实际工作单位认定有误', officer, requestId: 'reopen-4b' })).rejects.toThrow(
      /未被省级在退回的排查报告中列为需重新办理/,
    );

    const again = await decide(4, compliant);
    expect(again).toMatchObject({ outcome: 'COMPLIANT', liability: 'none', penaltyIds: [] });
    expect(await handleOf(4).result()).toMatchObject({ outcome: 'COMPLIANT', penaltyIds: [] });
    expect((await q('SELECT action FROM decision_log WHERE case_id = $1 ORDER BY recorded_at', [caseId(4)])).map((r) => r.action)).toEqual([
      'decide',
      'reopen',
      'decide',
    ]);
    const detail = await caseDetail(db.pool, caseId(4), true);
    expect(detail).toMatchObject({ outcome: 'COMPLIANT', reopenings: 1, status: 'closed' });
    expect(detail?.withdrawnPenalties.map((p) => p.withdrawnBecause)).toEqual(first.penaltyIds.map(() => 'reopen'));
    expect(detail?.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['named_for_reopening', 'reopen', 'decide']));
  });

  it('starts a case whose workflow ended again for a reopening, and the city decides it anew', async () => {
    await decide(5, compliant);
    expect((await handleOf(5).result()).outcome).toBe('COMPLIANT');
    const firstRun = (await handleOf(5).describe()).runId;
    await returnNaming([5]);
    const reopened = await reopenCase(deps(), { ...at(5), reason: '省厅退回：缴费单位与注册单位不一致', officer, requestId: 'reopen-5' });
    expect(reopened).toMatchObject({ previousOutcome: 'COMPLIANT', withdrawnPenaltyIds: [] });
    expect((await handleOf(5).describe()).runId).not.toBe(firstRun);
    const again = await decide(5, violation);
    expect(again).toMatchObject({ outcome: 'VIOLATION', liability: 'liable' });
    expect(kindsOf(again.penaltyIds)).not.toContain('REVOKE_REGISTRATION');
    expect(await handleOf(5).query(caseStateQuery)).toMatchObject({ status: 'closed', outcome: 'VIOLATION', liability: 'liable' });
  });

  it('refuses to reopen a case the province did not name, and one not decided yet', async () => {
    await decide(6, compliant);
    const notNamed = await reopenCase(deps(), { ...at(6), reason: '自行纠正', officer, requestId: 'reopen-6' }).catch((e: unknown) => e);
    expect(notNamed).toBeInstanceOf(DomainError);
    expect((notNamed as DomainError).code).toBe('ReopenNotNamed');
    await returnNaming([8]); // undecided: the return may not name it (recordReview skips it; the API refuses it)
    expect(await q('SELECT case_id FROM case_reopening WHERE case_id = $1', [caseId(8)])).toEqual([]);
  });

  it("lets the province override a city's outcome with a reason: the city's penalties withdrawn, the province's imposed, visible in the timeline and the figures", async () => {
    await decide(7, compliant);
    await handleOf(7).result();
    const before = (await countCities(db.pool, CAMPAIGN, [CITY], 'investigation')).get(CITY)!;
    const cityOfficerTries = await overrideOutcome(deps(), {
      ...at(7),
      decision: violation,
      reason: '省级核查：社保由其他单位缴纳',
      officer,
      requestId: 'override-7-city',
    }).catch((e: unknown) => e);
    expect((cityOfficerTries as DomainError).code).toBe('RoleCannotAct');

    const r = await overrideOutcome(deps(), {
      ...at(7),
      decision: violation,
      reason: '省级核查：社保由其他单位缴纳',
      officer: coordinator,
      requestId: 'override-7',
    });
    expect(r).toMatchObject({ outcome: 'VIOLATION', previousOutcome: 'COMPLIANT', liability: 'liable', withdrawnPenaltyIds: [] });
    // The province's outcome, the province's penalties: every kind, revocation included.
    expect(kindsOf(r.penaltyIds)).toEqual([
      'BAD_CONDUCT_PERSON',
      'BAD_CONDUCT_UNIT',
      'DYNAMIC_QUALIFICATION_CHECK',
      'REGISTRATION_BAN_3Y',
      'REVOKE_REGISTRATION',
    ]);
    expect(new Set((await penalties(7)).map((p) => p.level))).toEqual(new Set(['province']));
    const after = (await countCities(db.pool, CAMPAIGN, [CITY], 'investigation')).get(CITY)!;
    expect(after.overriddenByProvince).toBe(before.overriddenByProvince + 1);
    expect(after.confirmedHanging).toBe(before.confirmedHanging + 1);
    expect(after.penaltiesByKind.REVOKE_REGISTRATION.province).toBe(before.penaltiesByKind.REVOKE_REGISTRATION.province + 1);
    const detail = await caseDetail(db.pool, caseId(7), true);
    expect(detail).toMatchObject({ outcome: 'VIOLATION', overridden: true, liability: 'liable' });
    const entry = detail?.timeline.find((t) => t.kind === 'override');
    expect(entry?.detail).toMatchObject({ by: coordinator.userId, payload: { reason: '省级核查：社保由其他单位缴纳', previous: { outcome: 'COMPLIANT' } } });
    // A supervisor's view names the override but carries no officer's text.
    expect(JSON.stringify((await caseDetail(db.pool, caseId(7), false))?.timeline)).not.toContain('省级核查');

    // Overridden back: the province's penalties withdrawn (kept), no liability.
    const back = await overrideOutcome(deps(), {
      ...at(7),
      decision: compliant,
      reason: '复核后维持市（州）结论',
      officer: coordinator,
      requestId: 'override-7b',
    });
    expect(back).toMatchObject({ outcome: 'COMPLIANT', previousOutcome: 'VIOLATION', liability: 'none', penaltyIds: [] });
    expect(back.withdrawnPenaltyIds.sort()).toEqual([...r.penaltyIds].sort());
    expect(await penalties(7)).toEqual([]);
    expect(await q('SELECT count(*)::int AS n FROM registration_ban WHERE case_id = $1', [caseId(7)])).toEqual([{ n: 0 }]);
  });

  it('refuses every correction once provincial verification is over', async () => {
    // The seed's calendar: provincial verification ended on 2025-02-28.
    await db.pool.query(`UPDATE campaign SET config = jsonb_set(config, '{calendar}', $2::jsonb) WHERE id = $1`, [CAMPAIGN, JSON.stringify(SEED_CALENDAR)]);
    const late = await overrideOutcome(deps(), { ...at(6), decision: violation, reason: '省级核查', officer: coordinator, requestId: 'override-6' }).catch(
      (e: unknown) => e,
    );
    expect((late as DomainError).code).toBe('CorrectionsClosed');
    expect((late as DomainError).message).toMatch(/^省厅核查已于 2025-02-28 结束/);
  });
});
