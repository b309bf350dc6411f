/**
 * Issue 17, finding 1, on the real processes (Temporal dev server, an in-process worker, the API
 * in its own process): a NUL in an officer's text is refused at the door and wedges nothing; text
 * the database refuses further in rolls the case or the city back with an alert; a command whose
 * workflow does not answer ends with 503; an abandoned idempotency claim is taken over.
 */
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import { caseStateQuery, caseWorkflowId } from '../../workflows/messages/case';
import { cityStateQuery, cityWorkflowId } from '../../workflows/messages/city';
import { eventually, quietRuntime } from '../support/caseWorkflowEnv';
import type { TestDatabase } from '../support/database';
import { requestHash } from '../../api/http/idempotency';
import type { RunningApi } from './apiSupport/apiProcess';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, login } from './apiSupport/http';
import { seedCampaignWithCases, USERS, type SeededCampaign } from './apiSupport/seed';

const taskQueue = `ctl-e2e-${randomBytes(4).toString('hex')}`;
// Unique per run: a dev server kept between runs remembers workflow ids.
const CASES = `ctl-${randomBytes(3).toString('hex')}`;
const CITY = `ctl-city-${randomBytes(3).toString('hex')}`;
const DAY = 86_400_000;
/** What the database is made to refuse (a CHECK constraint stands in for any data exception). */
const REFUSED_AUTHORITY = '数据库拒收的机关';
const REFUSED_SUMMARY = '数据库拒收的报送说明';
const transferred = (receivingAuthority = '省人力资源和社会保障厅') => ({ outcome: 'TRANSFERRED', receivingAuthority });

let db: TestDatabase;
let api: RunningApi;
let client: Client;
let stack: ApiStack;
const tokens: Record<string, string> = {};
const started: string[] = [];
let seeded: SeededCampaign;

const today = shanghaiDate(new Date());
const investigating = {
  selfCheck: { start: addDays(today, -90), deadline: addDays(today, -30) },
  progressNotice: { date: addDays(today, -25) },
  investigation: { start: addDays(today, -29), deadline: addDays(today, 60) },
  provincialVerification: { start: addDays(today, 61), deadline: addDays(today, 88) },
};
const selfChecking = {
  selfCheck: { start: addDays(today, -10), deadline: addDays(today, 30) },
  progressNotice: { date: addDays(today, 35) },
  investigation: { start: addDays(today, 36), deadline: addDays(today, 90) },
  provincialVerification: { start: addDays(today, 91), deadline: addDays(today, 120) },
};

const decide = (caseId: string, key: string, body: unknown) =>
  call(api.url, 'POST', `/cases/${caseId}/decision`, { token: tokens.officer2201, headers: { 'idempotency-key': key }, body });
const caseStatus = (caseId: string) =>
  client.workflow
    .getHandle(caseWorkflowId(CASES, '2201', caseId))
    .query(caseStateQuery)
    .then((s) => s.status);
const submitSelfCheck = (summary: string) =>
  call(api.url, 'POST', `/campaigns/${CITY}/cities/2202/submissions/self_check`, { token: tokens.officer2202, body: { summary } });

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue, apiEnv: { GZ_UPDATE_DEADLINE_SECONDS: '3' } });
  ({ db, client, api } = stack);
  for (const u of Object.keys(USERS) as (keyof typeof USERS)[]) tokens[u] = await login(api.url, u, USERS[u].password);

  seeded = await seedCampaignWithCases(db.pool, {
    campaignId: CASES,
    cities: ['2201'],
    persons: 4,
    calendar: investigating,
    dueAt: new Date(Date.now() + 60 * DAY).toISOString(),
  });
  const [nul, refused, , claimed] = seeded.caseIds['2201'];
  await Promise.all(
    [nul, refused, claimed].map(async (caseId) => {
      const workflowId = caseWorkflowId(CASES, '2201', caseId);
      await client.workflow.start('caseWorkflow', {
        taskQueue,
        workflowId,
        args: [{ campaignId: CASES, cityCode: '2201', caseId, settings: { reminderAfterDays: 30, escalateAfterDays: 45 }, calendar: investigating }],
      });
      started.push(workflowId);
    }),
  );
  // The third case's workflow waits on a queue no worker polls: its updates never answer.
  const stuck = seeded.caseIds['2201'][2];
  await client.workflow.start('caseWorkflow', {
    taskQueue: `${taskQueue}-nobody`,
    workflowId: caseWorkflowId(CASES, '2201', stuck),
    args: [{ campaignId: CASES, cityCode: '2201', caseId: stuck, settings: { reminderAfterDays: 30, escalateAfterDays: 45 }, calendar: investigating }],
  });
  started.push(caseWorkflowId(CASES, '2201', stuck));

  const city = await seedCampaignWithCases(db.pool, { campaignId: CITY, cities: ['2202'], persons: 1, calendar: selfChecking });
  const config = CampaignConfig.parse({
    id: CITY,
    name: '控制字符测试',
    cities: ['2202'],
    dataSources: { snapshotId: city.snapshotId },
    calendar: selfChecking,
  });
  await client.workflow.start('cityWorkflow', {
    taskQueue,
    workflowId: cityWorkflowId(CITY, '2202'),
    args: [{ campaignId: CITY, cityCode: '2202', config, snapshotId: city.snapshotId }],
  });
  started.push(cityWorkflowId(CITY, '2202'));

  await db.pool.query(`ALTER TABLE case_file ADD CONSTRAINT test_refuses_authority
    CHECK (decision->>'receivingAuthority' IS DISTINCT FROM '${REFUSED_AUTHORITY}') NOT VALID`);
  await db.pool.query(`ALTER TABLE submission ADD CONSTRAINT test_refuses_summary CHECK (summary IS DISTINCT FROM '${REFUSED_SUMMARY}') NOT VALID`);
  await eventually(async () => {
    for (const caseId of [nul, refused, claimed]) expect(await caseStatus(caseId)).toBe('open');
  }, 60_000);
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(started.map((id) => client.workflow.getHandle(id).terminate('test over')));
  await stack?.stop();
});

describe('a NUL in an officer’s text', () => {
  it('refuses the decision with 400 naming the field, and the case takes the next decision', async () => {
    const caseId = seeded.caseIds['2201'][0];
    const bad = await decide(caseId, 'nul-decision-0001', transferred('公安\u0000机关'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: expect.stringContaining('receivingAuthority'), message: expect.stringMatching(/控制字符/) }),
    ]);
    expect(await caseStatus(caseId)).toBe('open');
    const good = await decide(caseId, 'nul-decision-0002', transferred());
    expect(good.status).toBe(200);
    expect(['decided', 'closed']).toContain(await caseStatus(caseId));
  });

  it('refuses the submission with 400, and the city submits after', async () => {
    const bad = await submitSelfCheck('自查完成\u0000');
    expect(bad.status).toBe(400);
    await eventually(async () => expect((await client.workflow.getHandle(cityWorkflowId(CITY, '2202')).query(cityStateQuery)).stage).toBe('selfCheck'), 60_000);
    // Text the database refuses (past the API): the city rolls back, says so, and still takes the next version 1.
    const refused = await submitSelfCheck(REFUSED_SUMMARY);
    expect(refused.status).toBe(422);
    expect(refused.text).not.toContain(REFUSED_SUMMARY);
    const alerts = await db.pool.query("SELECT city_code, message FROM alert WHERE campaign_id = $1 AND kind = 'submission_refused'", [CITY]);
    expect(alerts.rows).toEqual([{ city_code: '2202', message: expect.stringMatching(/未能保存/) }]);
    const good = await submitSelfCheck('自查完成，汇总如附');
    expect(good.status).toBe(201);
    expect(good.body.version).toBe(1);
  });

  it('answers 4xx, not 500, at the log-in, the audit-log filters, a case path and the acknowledgements', async () => {
    expect((await call(api.url, 'POST', '/auth/login', { body: { username: 'officer\u00002201', password: 'x' } })).status).toBe(400);
    expect((await call(api.url, 'GET', '/audit-log?userId=%00', { token: tokens.auditor })).status).toBe(400);
    // Access is checked before the path: an id no case can have is no such case.
    expect((await call(api.url, 'GET', '/cases/%00', { token: tokens.officer2201 })).status).toBe(404);
    expect((await call(api.url, 'POST', '/alerts/acknowledgements', { token: tokens.supervisor, body: { alertKeys: ['a\u0000b'] } })).status).toBe(400);
  });

  it('in a path of a write is audited, the character shown by its code point', async () => {
    const r = await call(api.url, 'POST', '/cases/c%00-1/decision', {
      token: tokens.officer2201,
      headers: { 'idempotency-key': 'nul-path-0001' },
      body: transferred(),
    });
    expect(r.status).toBe(404);
    const audit = await db.pool.query("SELECT target, status FROM audit_log WHERE action = 'case.decide' AND status = 404");
    expect(audit.rows).toEqual([{ target: 'caseId=c<U+0000>-1', status: 404 }]);
  });
});

describe('a decision the database refuses', () => {
  it('rolls the case back to open with an alert for the city, and the case takes the next decision', async () => {
    const caseId = seeded.caseIds['2201'][1];
    const refused = await decide(caseId, 'refused-decision-01', transferred(REFUSED_AUTHORITY));
    expect({ status: refused.status, body: refused.body }).toMatchObject({ status: 422, body: { detail: expect.stringMatching(/未能保存/) } });
    expect(refused.text).not.toContain(REFUSED_AUTHORITY);
    expect(await caseStatus(caseId)).toBe('open');
    const row = await db.pool.query('SELECT status, outcome FROM case_file WHERE case_id = $1', [caseId]);
    expect(row.rows[0]).toEqual({ status: 'open', outcome: null });
    const alerts = await call(api.url, 'GET', `/alerts?campaignId=${CASES}&state=all`, { token: tokens.officer2201 });
    expect(alerts.body.items).toEqual([expect.objectContaining({ kind: 'decision_refused', caseId, cityCode: '2201' })]);
    const good = await decide(caseId, 'refused-decision-02', transferred());
    expect(good.status).toBe(200);
    expect(['decided', 'closed']).toContain(await caseStatus(caseId));
  });
});

describe('a command whose workflow does not answer', () => {
  it('ends with 503 unavailable and Retry-After instead of hanging', async () => {
    const r = await decide(seeded.caseIds['2201'][2], 'stuck-decision-0001', transferred());
    expect(r.status).toBe(503);
    expect(r.body.code).toBe('unavailable');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('an idempotency claim', () => {
  // The claim the API makes for this very request (same route, case and body), left behind by an
  // API process that died before answering.
  const claim = (key: string, caseId: string, body: unknown, age: string) =>
    db.pool.query(
      `INSERT INTO idempotency_key (idem_key, user_id, route, request_hash, created_at) VALUES ($1, 'officer2201', 'case.decide', $2, now() - $3::interval)`,
      [key, requestHash('case.decide', { caseId }, body), age],
    );

  it('is honoured while fresh, and taken over by the same request once older than its expiry (its API process gone)', async () => {
    const caseId = seeded.caseIds['2201'][3];
    await claim('fresh-claim-0001', caseId, transferred(), '0 seconds');
    const busy = await decide(caseId, 'fresh-claim-0001', transferred());
    expect(busy.body.code).toBe('idempotency_in_progress');
    expect(await caseStatus(caseId)).toBe('open');
    await claim('stale-claim-0001', caseId, transferred(), '10 minutes');
    // Another body never takes a key over, stale or not: its update id would differ, and a
    // command the dead process had already sent would be applied twice.
    const other = await decide(caseId, 'stale-claim-0001', transferred('另一个接收部门'));
    expect(other.body.code).toBe('idempotency_key_reused');
    const taken = await decide(caseId, 'stale-claim-0001', transferred());
    expect(taken.status).toBe(200);
    const stored = await db.pool.query("SELECT response_status FROM idempotency_key WHERE idem_key = 'stale-claim-0001'");
    expect(stored.rows[0].response_status).toBe(200);
  });
});
