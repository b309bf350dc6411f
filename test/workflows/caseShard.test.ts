import { WorkflowFailedError, WorkflowUpdateStage } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { listCaseIds } from '../../activities/cases/listCaseIds';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import type { CaseDecisionInput } from '../../domain/outcomes';
import type { caseShardWorkflow } from '../../workflows/caseShard';
import { caseStateQuery, caseWorkflowId, decideCaseUpdate } from '../../workflows/messages/case';
import { extendShardDueSignal, MAX_SHARD_CASES } from '../../workflows/messages/caseShard';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, DAY, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';

const CAMPAIGN = 'wf-shard';
const CITY = '2203';
const officer = { userId: 'officer-2203', role: 'city_officer' as const, cityCode: CITY };
const settings = { reminderAfterDays: 5, escalateAfterDays: 10 };
const DECISIONS: CaseDecisionInput[] = [
  { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位' }, evidence: '社保由外单位缴纳' },
  { outcome: 'COMPLIANT', ground: 'BRANCH', justification: '分公司缴纳社保' },
  { outcome: 'DEREGISTERED', deregisteredOn: '2024-10-15' },
];

describe('a case shard (time-skipping, small bounds)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;
  let caseIds: string[];

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    const regUnit = { name: '四平某建设有限公司', code: fixtureUscc(40) };
    const { runId } = await seedScreenedCity(
      db.pool,
      CITY,
      [1, 2, 3, 4].map((n) => ({ idNumber: fixtureIdNumber(n), regUnit })),
    );
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, screeningRunId: runId, dueAt: new Date().toISOString(), shardSize: 3 });
    caseIds = await listCaseIds(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, limit: 3 });
    worker = await startWorker(env, bundle, db.pool);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  const startShard = async (workflowId: string, ids: string[], extra: object = {}) => {
    const now = await env.currentTimeMs();
    return env.client.workflow.start<typeof caseShardWorkflow>('caseShardWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId,
      args: [
        {
          campaignId: CAMPAIGN,
          cityCode: CITY,
          shardIndex: 0,
          caseIds: ids,
          caseSettings: settings,
          calendar: calendarAround(now),
          dueAt: new Date(now + 30 * DAY).toISOString(),
          ...extra,
        },
      ],
    });
  };

  it('starts a case per id, forwards a deadline extension, and returns when every case is closed', async () => {
    const shard = await startShard(`campaign/${CAMPAIGN}/city/${CITY}/shard/0`, caseIds);
    const cases = caseIds.map((id) => env.client.workflow.getHandle(caseWorkflowId(CAMPAIGN, CITY, id)));
    await eventually(() => Promise.all(cases.map((c) => c.query(caseStateQuery))));
    const later = new Date((await env.currentTimeMs()) + 45 * DAY).toISOString();
    await shard.signal(extendShardDueSignal, { dueAt: later });
    await eventually(async () => {
      for (const c of cases) expect((await c.query(caseStateQuery)).dueAt).toBe(later);
    });
    for (const [i, c] of cases.entries()) {
      const u = await c.startUpdate(decideCaseUpdate, { args: [{ decision: DECISIONS[i], officer }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await u.result();
    }
    // The violation stays open for phase 3 and reports its closure by signal; the others complete.
    expect(await shard.result()).toEqual({
      shardIndex: 0,
      closed: 3,
      byOutcome: { VIOLATION: 1, COMPLIANT: 1, DEREGISTERED: 1 },
      alreadyStarted: 0,
      failed: 0,
    });
    const statuses = await db.pool.query('SELECT status FROM case_file WHERE case_id = ANY ($1) ORDER BY case_id', [caseIds]);
    expect(statuses.rows.map((r) => r.status)).toEqual(['closed', 'closed', 'closed']);
  });

  it('never reopens a case when a shard is run again over the same ids', async () => {
    const again = await startShard(`campaign/${CAMPAIGN}/city/${CITY}/shard/0-again`, caseIds);
    expect(await again.result()).toMatchObject({ closed: 0, alreadyStarted: 3, failed: 0 });
    const log = await db.pool.query('SELECT count(*)::int AS n FROM decision_log WHERE case_id = ANY ($1)', [caseIds]);
    expect(log.rows[0].n).toBe(3);
  });

  it(`refuses more than ${MAX_SHARD_CASES} cases`, async () => {
    const tooMany = Array.from({ length: MAX_SHARD_CASES + 1 }, (_, i) => `x-${i}`);
    const shard = await startShard(`campaign/${CAMPAIGN}/city/${CITY}/shard/too-big`, tooMany);
    const err = await shard.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toMatch(/caseIds/);
  });
});
