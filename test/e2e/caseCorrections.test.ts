/**
 * Issue 19's corrections through the API on the real processes (Temporal dev server, the case
 * workflows, the API in its own process): the province's return naming a case, the city's
 * reopening and new decision (POST /cases/{id}/reopen), the province's override of an outcome
 * (POST /cases/{id}/override), who may do which, and the Chinese refusals naming the field.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { recordReview } from '../../activities/submissions/reviewSubmission';
import { recordSubmission } from '../../activities/submissions/recordSubmission';
import { shanghaiDate } from '../../domain/calendar';
import { fixtureIdNumber, fixtureUscc } from '../support/caseFixtures';
import { calendarAround, eventually, quietRuntime } from '../support/caseWorkflowEnv';
import { openScreenedCampaign, startCaseWorkflows } from '../support/screenedCampaign';
import type { TestDatabase } from '../support/database';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, type Res, logInEveryone } from './apiSupport/http';
import { type UserName } from './apiSupport/seed';

const taskQueue = `corrections-e2e-${randomBytes(4).toString('hex')}`;
// Unique per run: a dev server kept between runs remembers workflow ids.
const C = `cx-${randomBytes(3).toString('hex')}`;
const today = shanghaiDate(new Date());
const calendar = calendarAround(Date.now());
const regUnit = { name: '吉林省纠错接口测试建设有限公司', code: fixtureUscc(810) };
const PERSON = { reopened: fixtureIdNumber(801), overridden: fixtureIdNumber(802), open: fixtureIdNumber(803) };
const compliant = { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移数据滞后' };
const violation = { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位有限公司' }, evidence: '社保由实际工作单位缴纳' };
const REASON = '省级核查：社保与公积金均由实际工作单位缴纳';

let stack: ApiStack;
let db: TestDatabase;
let client: Client;
const tokens: Partial<Record<UserName, string>> = {};
const caseIds: Record<keyof typeof PERSON, string> = {} as never;
const started: string[] = [];
let keySeq = 0;
const key = () => `cx-key-${++keySeq}-${C}`;

const post = (who: UserName, path: string, body: unknown, idempotencyKey = key()): Promise<Res> =>
  call(stack.api.url, 'POST', path, { token: tokens[who], body, headers: { 'idempotency-key': idempotencyKey } });
const detail = async (who: UserName, caseId: string) => (await call(stack.api.url, 'GET', `/cases/${caseId}`, { token: tokens[who] })).body;

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  ({ db, client } = stack);
  Object.assign(tokens, await logInEveryone(stack.api.url));
  const campaign = await openScreenedCampaign(db.pool, {
    campaignId: C,
    name: '纠错接口测试',
    cities: ['2201'],
    calendar,
    persons: Object.fromEntries(Object.entries(PERSON).map(([name, idNumber]) => [name, { idNumber, regUnit }])),
  });
  Object.assign(caseIds, campaign.caseIds);
  started.push(...(await startCaseWorkflows(client, taskQueue, campaign)));
  await eventually(async () => {
    const ready = await call(stack.api.url, 'GET', `/campaigns/${C}/cities/2201/cases?ready=true&pageSize=1`, { token: tokens.officer2201 });
    expect(ready.body.total).toBe(3);
  }, 60_000);
  for (const [caseId, decision] of [
    [caseIds.reopened, compliant],
    [caseIds.overridden, violation],
  ] as const) {
    expect((await post('officer2201', `/cases/${caseId}/decision`, decision)).status).toBe(200);
  }
});

afterAll(async () => {
  await Promise.allSettled(started.map((id) => client.workflow.getHandle(id).terminate('test over')));
  await stack?.stop();
});

describe('the province returns the investigation report naming cases to reopen', () => {
  const review = (body: unknown, kind = 'investigation') => post('coordinator', `/campaigns/${C}/cities/2201/submissions/${kind}/1/review`, body);

  it('refuses, naming the field in Chinese, a case not decided yet, a case of no campaign, and naming cases in an approval', async () => {
    const undecided = await review({ decision: 'return', comments: '请重新核查', reopenCaseIds: [caseIds.reopened, caseIds.open, 'no-such-case'] });
    expect(undecided.status).toBe(400);
    expect(undecided.body.errors).toEqual([
      { path: 'body.reopenCaseIds.1', message: `「需重新办理的案件」第2项（${caseIds.open}）尚未作出核查结论，无需重新办理` },
      { path: 'body.reopenCaseIds.2', message: '「需重新办理的案件」第3项（no-such-case）不是本市（州）本次专项治理的案件' },
    ]);
    const approving = await review({ decision: 'approve', reopenCaseIds: [caseIds.reopened] });
    expect(approving.status).toBe(400);
    expect(approving.body.errors[0]).toMatchObject({ path: 'body.reopenCaseIds', message: expect.stringMatching(/^只有退回时才能列出「需重新办理的案件」/) });
    const selfCheck = await review({ decision: 'return', comments: '请补充', reopenCaseIds: [caseIds.reopened] }, 'self_check');
    expect(selfCheck.status).toBe(400);
    expect(selfCheck.body.errors[0].path).toBe('body.reopenCaseIds');
  });
});

describe('the city reopens a named case and decides it again', () => {
  it('refuses a case the province has not named, and a coordinator, then reopens the named one through a new run of its workflow', async () => {
    const notNamed = await post('officer2201', `/cases/${caseIds.reopened}/reopen`, { reason: '自行发现结论有误' });
    expect([notNamed.status, notNamed.body.code]).toEqual([409, 'conflict']);
    expect(notNamed.body.detail).toMatch(/未被省级在退回的排查报告中列为需重新办理的案件/);
    expect((await post('coordinator', `/cases/${caseIds.reopened}/reopen`, { reason: '省厅' })).status).toBe(403);

    // The return as the city workflow records it (its review update's activity).
    const at = new Date().toISOString();
    await recordSubmission(db.pool, {
      campaignId: C,
      cityCode: '2201',
      kind: 'investigation',
      version: 1,
      submittedAt: at,
      submittedBy: 'officer2201',
      late: false,
    });
    await recordReview(db.pool, {
      campaignId: C,
      cityCode: '2201',
      kind: 'investigation',
      version: 1,
      decision: 'return',
      comments: '请重新核查所列案件',
      reviewedBy: 'coordinator',
      at,
      reopenCaseIds: [caseIds.reopened],
    });
    const named = `reopen-${C}`;
    const reopened = await post('officer2201', `/cases/${caseIds.reopened}/reopen`, { reason: '省厅退回：实际工作单位待核实' }, named);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      caseId: caseIds.reopened,
      previousOutcome: 'COMPLIANT',
      submissionVersion: 1,
      reopenedOn: today,
      withdrawnPenaltyIds: [],
    });
    const replay = await post('officer2201', `/cases/${caseIds.reopened}/reopen`, { reason: '省厅退回：实际工作单位待核实' }, named);
    expect([replay.status, replay.body, replay.headers.get('idempotent-replay')]).toEqual([200, reopened.body, 'true']);
    expect(await detail('officer2201', caseIds.reopened)).toMatchObject({ status: 'open', outcome: null, reopenings: 1 });

    const again = await post('officer2201', `/cases/${caseIds.reopened}/decision`, violation);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'VIOLATION', liability: 'liable' });
    const d = await detail('officer2201', caseIds.reopened);
    expect(d).toMatchObject({ status: 'closed', outcome: 'VIOLATION', reopenings: 1 });
    expect(d.timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['decide', 'named_for_reopening', 'reopen']));
    expect(d.timeline.filter((t: { kind: string }) => t.kind === 'decide')).toHaveLength(2);
  });
});

describe("the province overrides a city's outcome", () => {
  it('is refused to a city officer and to a text naming the person by ID number', async () => {
    expect((await post('officer2201', `/cases/${caseIds.overridden}/override`, { ...compliant, reason: REASON })).status).toBe(403);
    const named = await post('coordinator', `/cases/${caseIds.overridden}/override`, { ...compliant, reason: `${PERSON.overridden} 非挂证` });
    expect(named.status).toBe(422);
    expect(named.text).not.toContain(PERSON.overridden);
    const missing = await post('coordinator', `/cases/${caseIds.overridden}/override`, { outcome: 'COMPLIANT', ground: 'DATA_LAG', reason: REASON });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('body.justification');
  });

  it("withdraws the city's penalties, records the province's outcome with its reason, and shows both in the case", async () => {
    const before = await detail('coordinator', caseIds.overridden);
    // Liable, but nothing in effect: the city's penalty procedure has not served a decision (docs/procedure.md).
    expect(before).toMatchObject({ liability: 'liable', penalties: [] });
    const r = await post('coordinator', `/cases/${caseIds.overridden}/override`, { ...compliant, reason: REASON });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'COMPLIANT', previousOutcome: 'VIOLATION', liability: 'none', penaltyIds: [], overriddenOn: today });
    expect([...r.body.withdrawnPenaltyIds].sort()).toEqual(before.penalties.map((p: { penaltyId: string }) => p.penaltyId).sort());
    const after = await detail('coordinator', caseIds.overridden);
    expect(after).toMatchObject({ outcome: 'COMPLIANT', overridden: true, penalties: [], ban: null });
    expect(after.withdrawnPenalties).toHaveLength(before.penalties.length);
    expect(after.timeline.find((t: { kind: string }) => t.kind === 'override').detail.payload.reason).toBe(REASON);
    // A supervisor sees that the province overrode, not its words.
    const supervisor = await detail('supervisor', caseIds.overridden);
    expect(supervisor.timeline.map((t: { kind: string }) => t.kind)).toContain('override');
    expect(JSON.stringify(supervisor)).not.toContain(REASON.slice(0, 8));
    // The figures count the province's outcome.
    const city = await call(stack.api.url, 'GET', `/campaigns/${C}/cities/2201`, { token: tokens.coordinator });
    expect(city.body.figures).toMatchObject({ overriddenByProvince: 1, reopened: 1 });
  });
});
