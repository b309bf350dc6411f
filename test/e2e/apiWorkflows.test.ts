/**
 * The API on the real processes (Temporal dev server, workflows and activities in an in-process
 * worker, the API in its own process): the three roles' story through the audit log, 100
 * concurrent decisions recorded exactly once, and one decision sent twice with one key.
 */
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { addDays, shanghaiDate, SEED_CALENDAR } from '../../domain/calendar';
import { caseStateQuery, caseWorkflowId } from '../../workflows/messages/case';
import { campaignWorkflowId } from '../../workflows/messages/campaign';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { eventually, quietRuntime } from '../support/caseWorkflowEnv';
import type { TestDatabase } from '../support/database';
import type { RunningApi } from './apiSupport/apiProcess';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, login } from './apiSupport/http';
import { seedCampaignWithCases, USERS, type SeededCampaign } from './apiSupport/seed';

const taskQueue = `api-e2e-${randomBytes(4).toString('hex')}`;
const transferred = { outcome: 'TRANSFERRED', receivingAuthority: '省人力资源和社会保障厅' };
const DAY = 86_400_000;
// Unique per run: a dev server kept between runs remembers workflow ids.
const SCN = `scn-${randomBytes(3).toString('hex')}`;
const DEC = `dec-${randomBytes(3).toString('hex')}`;

let db: TestDatabase;
let api: RunningApi;
let client: Client;
let stack: ApiStack;
const tokens: Record<string, string> = {};
const started: string[] = [];

beforeAll(async () => {
  // Alerts go to the log channel at WARN; this test reads them from the API instead.
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  ({ db, client, api } = stack);
  for (const u of Object.keys(USERS) as (keyof typeof USERS)[]) tokens[u] = await login(api.url, u, USERS[u].password);
});

afterAll(async () => {
  await Promise.allSettled(started.map((id) => client.workflow.getHandle(id).terminate('test over')));
  await stack?.stop();
});

describe('a coordinator, an officer, a supervisor and an auditor', () => {
  it('launch a campaign, decide a case, see and acknowledge an alert, and find all three in the audit log', async () => {
    const regUnit = { name: '吉林省情景测试建设有限公司', code: fixtureUscc(500) };
    const ssUnit = { name: '情景实际工作单位有限公司', code: fixtureUscc(501) };
    const { snapshotId } = await seedScreenedCity(
      db.pool,
      '2201',
      [901, 902, 903].map((n) => ({ idNumber: fixtureIdNumber(n), regUnit, ssUnit })),
    );
    // The seed calendar compressed to a minute per day and started 62 "days" ago: the self-check
    // deadline has just passed unmet and the investigation is under way.
    const start = new Date(Date.now() - 62 * 60_000).toISOString();
    const launch = await call(api.url, 'POST', '/campaigns', {
      token: tokens.coordinator,
      body: {
        id: SCN,
        name: '情景测试',
        cities: ['2201'],
        dataSources: { snapshotId },
        calendar: SEED_CALENDAR,
        clock: { kind: 'compressed', start, minutesPerDay: 1 },
      },
    });
    expect(launch.status).toBe(201);
    started.push(campaignWorkflowId(SCN));

    const alert = await eventually(async () => {
      const r = await call(api.url, 'GET', `/alerts?campaignId=${SCN}&state=all`, { token: tokens.supervisor });
      expect(r.body.items.length).toBeGreaterThan(0);
      return r.body.items[0] as { alertKey: string; cityCode: string };
    }, 60_000);
    expect(alert.cityCode).toBe('2201');

    const decided = await eventually(async () => {
      const cases = await call(api.url, 'GET', `/campaigns/${SCN}/cities/2201/cases`, { token: tokens.officer2201 });
      expect(cases.body.total).toBe(3);
      const r = await call(api.url, 'POST', `/cases/${cases.body.items[0].caseId}/decision`, {
        token: tokens.officer2201,
        headers: { 'idempotency-key': `scn-${cases.body.items[0].caseId}` },
        body: transferred,
      });
      expect(r.status).toBe(200);
      return r.body as { caseId: string; outcome: string };
    }, 60_000);
    expect(decided.outcome).toBe('TRANSFERRED');
    const row = await db.pool.query('SELECT outcome, decided_by FROM case_file WHERE case_id = $1', [decided.caseId]);
    expect(row.rows[0]).toEqual({ outcome: 'TRANSFERRED', decided_by: 'officer2201' });

    const ack = await call(api.url, 'POST', '/alerts/acknowledgements', { token: tokens.supervisor, body: { alertKeys: [alert.alertKey] } });
    expect(ack.body).toMatchObject({ acknowledged: [alert.alertKey], unknown: [], results: [{ alertKey: alert.alertKey, result: 'acknowledged' }] });

    // By action: the worklist polled above is audited too (a read of personal data), one row per poll.
    const seen: string[] = [];
    for (const action of ['campaign.launch', 'case.decide', 'alert.acknowledge']) {
      const audit = await call(api.url, 'GET', `/audit-log?pageSize=100&result=ok&action=${action}`, { token: tokens.auditor });
      seen.push(...audit.body.items.map((e: { userId: string; action: string; target: string }) => `${e.userId} ${e.action} ${e.target}`));
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        `coordinator campaign.launch campaign=${SCN}`,
        `officer2201 case.decide caseId=${decided.caseId}`,
        `supervisor alert.acknowledge alert=${alert.alertKey}`,
      ]),
    );
  });
});

describe('decisions', () => {
  let seeded: SeededCampaign;

  beforeAll(async () => {
    const today = shanghaiDate(new Date());
    const calendar = {
      selfCheck: { start: addDays(today, -90), deadline: addDays(today, -30) },
      progressNotice: { date: addDays(today, -25) },
      investigation: { start: addDays(today, -29), deadline: addDays(today, 60) },
      provincialVerification: { start: addDays(today, 61), deadline: addDays(today, 88) },
    };
    // 104 cases in the read model; the last one's workflow is never started (a shard still starting its cases).
    seeded = await seedCampaignWithCases(db.pool, {
      campaignId: DEC,
      cities: ['2201'],
      persons: 104,
      calendar,
      dueAt: new Date(Date.now() + 60 * DAY).toISOString(),
    });
    await Promise.all(
      seeded.caseIds['2201'].slice(0, 103).map(async (caseId) => {
        const workflowId = caseWorkflowId(DEC, '2201', caseId);
        await client.workflow.start('caseWorkflow', {
          taskQueue,
          workflowId,
          args: [{ campaignId: DEC, cityCode: '2201', caseId, settings: { reminderAfterDays: 30, escalateAfterDays: 45 }, calendar }],
        });
        started.push(workflowId);
      }),
    );
    // A case takes decisions once its evidence is in and its workflow has marked it ready: the
    // worklist's ready filter shows exactly the 103 started ones.
    await eventually(async () => {
      const ready = await call(api.url, 'GET', `/campaigns/${DEC}/cities/2201/cases?status=open&ready=true&pageSize=1`, { token: tokens.officer2201 });
      expect(ready.body.total).toBe(103);
    }, 60_000);
    for (const caseId of seeded.caseIds['2201'].slice(0, 103)) {
      expect((await client.workflow.getHandle(caseWorkflowId(DEC, '2201', caseId)).query(caseStateQuery)).status).toBe('open');
    }
  });

  it('records 100 concurrent decisions on distinct cases exactly once each', async () => {
    const ids = seeded.caseIds['2201'].slice(0, 100);
    const responses = await Promise.all(
      ids.map((caseId) =>
        call(api.url, 'POST', `/cases/${caseId}/decision`, {
          token: tokens.officer2201,
          headers: { 'idempotency-key': `concurrent-${caseId}` },
          body: transferred,
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(ids.map(() => 200));
    const log = await db.pool.query(`SELECT case_id, count(*)::int AS n FROM decision_log WHERE case_id = ANY($1) AND action = 'decide' GROUP BY case_id`, [
      ids,
    ]);
    expect(log.rows).toHaveLength(100);
    expect(log.rows.every((r) => r.n === 1)).toBe(true);
    const cases = await db.pool.query(`SELECT count(*)::int AS n FROM case_file WHERE case_id = ANY($1) AND outcome = 'TRANSFERRED'`, [ids]);
    expect(cases.rows[0].n).toBe(100);
    const audit = await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.decide' AND result = 'ok' AND target = ANY($1)`, [
      ids.map((id) => `caseId=${id}`),
    ]);
    expect(audit.rows[0].n).toBe(100);
  });

  it('applies the same decision sent twice with one Idempotency-Key once, and refuses the key for another decision', async () => {
    const caseId = seeded.caseIds['2201'][100];
    const send = (body: unknown, key = 'same-key-0001') =>
      call(api.url, 'POST', `/cases/${caseId}/decision`, { token: tokens.officer2201, headers: { 'idempotency-key': key }, body });
    const first = await send(transferred);
    const again = await send(transferred);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replay')).toBe('true');
    const log = await db.pool.query('SELECT count(*)::int AS n FROM decision_log WHERE case_id = $1', [caseId]);
    expect(log.rows[0].n).toBe(1);
    const other = await send({ outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '数据滞后' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    const second = await send({ outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '数据滞后' }, 'another-key-0002');
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('conflict');
    expect(second.body.detail).toMatch(/no longer open/);
  });

  it('tells an officer to try again, not that the case was decided, while its workflow has not started', async () => {
    const notStarted = seeded.caseIds['2201'][103];
    const r = await call(api.url, 'POST', `/cases/${notStarted}/decision`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': 'not-started-0001' },
      body: transferred,
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('conflict');
    expect(r.body.detail).toMatch(/not ready for decisions yet/);
    expect(r.body.detail).not.toMatch(/decided and closed/);
    expect(r.headers.get('retry-after')).toBe('5');
    const stored = await db.pool.query('SELECT status, outcome FROM case_file WHERE case_id = $1', [notStarted]);
    expect(stored.rows[0]).toEqual({ status: 'open', outcome: null });
    // The worklist says so before anyone tries: the case is open and not ready, and the ready list leaves it out.
    const preparing = await call(api.url, 'GET', `/campaigns/${DEC}/cities/2201/cases?ready=false`, { token: tokens.officer2201 });
    expect(preparing.body.items.map((i: { caseId: string; ready: boolean }) => [i.caseId, i.ready])).toEqual([[notStarted, false]]);
    const ready = await call(api.url, 'GET', `/campaigns/${DEC}/cities/2201/cases?ready=true&pageSize=500`, { token: tokens.officer2201 });
    expect(ready.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(notStarted);
    expect(ready.body.items.every((i: { ready: boolean }) => i.ready)).toBe(true);
    const detail = await call(api.url, 'GET', `/cases/${notStarted}`, { token: tokens.officer2201 });
    expect(detail.body).toMatchObject({ status: 'open', ready: false, readyAt: null });
  });

  it('decides many cases in one request with a result per case', async () => {
    const [a, b] = seeded.caseIds['2201'].slice(101, 103);
    const decidedAlready = seeded.caseIds['2201'][0];
    const r = await call(api.url, 'POST', `/campaigns/${DEC}/cities/2201/decisions`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': 'bulk-key-0001' },
      body: { items: [a, b, decidedAlready].map((caseId) => ({ caseId, decision: transferred })) },
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: number }) => x.status)).toEqual([200, 200, 409]);
    expect(r.body).toMatchObject({ succeeded: 2, failed: 1 });
  });
});
