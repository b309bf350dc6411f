/**
 * Issue 20 item 4, assignment through the API on a real database and the API in its own process:
 * the city's responsible person (负责人) assigns one case, a district rule over the unassigned cases
 * (previewed, applied once per Idempotency-Key), and reassigns with a reason; the history keeps every
 * assignment; worklists filter by 承办人 (me, unassigned, an officer); the audit log names the 承办人
 * under whose assignment each case action was taken. Decisions go to a fake command port (the
 * workflows have their own tests): what is tested of them here is who may send them and their audit entries.
 */
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { createUser } from '../../api/users/createUser';
import { CampaignConfig } from '../../domain/campaignConfig';
import { usccCheckCharacter } from '../../domain/uscc';
import { fixtureIdNumber, seedScreenedCity } from '../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { LEADER, seedUsers, USERS } from './apiSupport/seed';

const C = 'assign';
const OFFICERS = { wang2201: 'pw-wang-2201-ok', li2201: 'pw-li-2201-okay' } as const;
type Who = keyof typeof USERS | keyof typeof OFFICERS | 'leader2201';

/** A registration unit registered in a district (its USCC carries the division code). */
const unitIn = (district: string, n: number) => {
  const first17 = `91${district}MA${String(n).padStart(7, '0')}`;
  return { name: `吉林省${district}测试建设有限公司${n}`, code: first17 + usccCheckCharacter(first17)! };
};
// Case numbers follow this order: 0 and 1, 3 in 南关区 (220102), 2 and 4 in 宽城区 (220103), 5 registered outside the city without a social-insurance region.
const DISTRICTS = ['220102', '220102', '220103', '220102', '220103', '220202'];

let db: TestDatabase;
let api: RunningApi;
const tokens: Partial<Record<Who, string>> = {};
let cases: string[] = [];
let keySeq = 0;
const key = () => `assign-key-${++keySeq}`;

const req = (who: Who, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res> =>
  call(api.url, method, path, { token: tokens[who], body, headers });
const assign = (who: Who, caseId: string, body: unknown) => req(who, 'POST', `/cases/${caseId}/assignment`, body);
const worklist = async (who: Who, query: string) => {
  const r = await req(who, 'GET', `/campaigns/${C}/cities/2201/cases?sort=caseNo&${query}`);
  expect(r.status).toBe(200);
  return r.body as { total: number; items: { caseId: string; assignee: string | null; assigneeName: string | null }[] };
};
const byDistrict = {
  rule: {
    kind: 'district',
    groups: [
      { match: '220102', officers: ['wang2201', 'li2201'] },
      { match: '220103', officers: ['officer2201'] },
    ],
  },
};

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  for (const [username, password] of Object.entries(OFFICERS)) {
    await createUser(db.pool, { username, role: 'city_officer', cityCode: '2201', password, displayName: `经办人${username.slice(0, -4)}` });
  }
  const { snapshotId, runId } = await seedScreenedCity(
    db.pool,
    '2201',
    DISTRICTS.map((d, i) => ({ idNumber: fixtureIdNumber(700 + i), regUnit: unitIn(d, 500 + i) })),
  );
  await db.pool.query(`UPDATE screening_result SET ss_region_code = NULL WHERE id_number = $1`, [fixtureIdNumber(705)]);
  await openCasesFromScreening(db.pool, {
    campaignId: C,
    cityCode: '2201',
    screeningRunId: runId,
    dueAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
  });
  await recordCampaignStart(db.pool, {
    config: CampaignConfig.parse({ id: C, name: '分配测试', cities: ['2201'], dataSources: { snapshotId } }),
    snapshotId,
    launchedBy: 'seed',
    workflowId: `campaign/${C}`,
    at: new Date().toISOString(),
  });
  await db.pool.query(`UPDATE case_file SET ready_at = now() WHERE campaign_id = $1`, [C]);
  const idOrder = DISTRICTS.map((_, i) => fixtureIdNumber(700 + i));
  const { rows } = await db.pool.query<{ case_id: string; id_number: string }>('SELECT case_id, id_number FROM case_file WHERE campaign_id = $1', [C]);
  cases = idOrder.map((id) => rows.find((r) => r.id_number === id)!.case_id);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  for (const u of Object.keys(USERS) as (keyof typeof USERS)[]) tokens[u] = await login(api.url, u, USERS[u].password);
  for (const [u, pw] of Object.entries(OFFICERS)) tokens[u as Who] = await login(api.url, u, pw);
  tokens.leader2201 = await login(api.url, LEADER.username, LEADER.password);
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe("the city's officers", () => {
  it('lists the active local officers of the city, the responsible person marked, none of another city', async () => {
    const r = await req('officer2201', 'GET', `/campaigns/${C}/cities/2201/officers`);
    expect(r.status).toBe(200);
    expect(r.body.officers.map((o: { userId: string; responsible: boolean }) => [o.userId, o.responsible])).toEqual([
      ['leader2201', true],
      ['li2201', false],
      ['officer2201', false],
      ['wang2201', false],
    ]);
  });
});

describe('assigning one case', () => {
  it('is for the responsible person alone, to an officer of the city, recorded once', async () => {
    const refused = await assign('officer2201', cases[0], { assignee: 'wang2201' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');

    const other = await assign('leader2201', cases[0], { assignee: 'officer2202' });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: 'body.assignee', message: expect.stringMatching(/^「承办人」应为本市（州）在用的经办人/) }]);

    const r = await assign('leader2201', cases[0], { assignee: 'wang2201' });
    expect(r.status).toBe(200);
    expect(r.body.changed).toBe(true);
    expect(r.body.assignment).toMatchObject({ assignee: 'wang2201', assigneeName: '经办人wang' });
    expect(r.body.assignment.history).toEqual([expect.objectContaining({ assignee: 'wang2201', previous: null, assignedBy: 'leader2201', method: 'manual' })]);

    const again = await assign('leader2201', cases[0], { assignee: 'wang2201' });
    expect(again.body.changed).toBe(false);
    expect(again.body.assignment.history).toHaveLength(1);
  });
});

describe('assigning by district', () => {
  it('previews the unassigned open cases per officer and per district, recording nothing', async () => {
    const r = await req('leader2201', 'POST', `/campaigns/${C}/cities/2201/assignments/preview`, byDistrict);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rule: 'district', cases: 5, assigned: 4, unmatched: 1, reassigned: 0, withoutKey: 1 });
    expect(r.body.perOfficer).toEqual([
      { officer: 'wang2201', cases: 1 },
      { officer: 'li2201', cases: 1 },
      { officer: 'officer2201', cases: 2 },
    ]);
    expect(r.body.keys).toEqual([
      { key: '220102', label: '南关区', cases: 2 },
      { key: '220103', label: '宽城区', cases: 2 },
    ]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM case_assignment_event')).rows[0].n).toBe(1);
  });

  it('applies the preview once per Idempotency-Key; a later run finds nothing left to assign', async () => {
    const path = `/campaigns/${C}/cities/2201/assignments`;
    expect((await req('leader2201', 'POST', path, byDistrict)).body.code).toBe('idempotency_key_required');
    const k = key();
    const first = await req('leader2201', 'POST', path, byDistrict, { 'idempotency-key': k });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ changed: 4, assigned: 4, batchKey: k });
    const replay = await req('leader2201', 'POST', path, byDistrict, { 'idempotency-key': k });
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const later = await req('leader2201', 'POST', path, byDistrict, { 'idempotency-key': key() });
    expect(later.body).toMatchObject({ cases: 1, changed: 0, unmatched: 1 });
    // Round-robin inside 南关区 in case-number order, 宽城区 to its one officer, the case without a district untouched.
    const list = await worklist('officer2201', '');
    expect(list.items.map((i) => i.assignee)).toEqual(['wang2201', 'wang2201', 'officer2201', 'li2201', 'officer2201', null]);
    const events = await db.pool.query(`SELECT method, batch_key FROM case_assignment_event WHERE batch_key = $1`, [k]);
    expect(events.rows).toHaveLength(4);
    expect(new Set(events.rows.map((e) => e.method))).toEqual(new Set(['rule']));
  });
});

describe('reassignment', () => {
  it('needs a reason, and keeps the earlier assignment in the history', async () => {
    const bare = await assign('leader2201', cases[1], { assignee: 'officer2201' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toEqual([{ path: 'body.reason', message: expect.stringMatching(/^「理由」必填/) }]);

    const r = await assign('leader2201', cases[1], { assignee: 'officer2201', reason: '王某休假，改由本人承办' });
    expect(r.status).toBe(200);
    expect(r.body.assignment.history).toEqual([
      expect.objectContaining({ assignee: 'wang2201', previous: null, method: 'rule', rule: 'district', batchKey: expect.any(String) }),
      expect.objectContaining({ assignee: 'officer2201', previous: 'wang2201', method: 'manual', reason: '王某休假，改由本人承办' }),
    ]);
    const detail = await req('officer2201', 'GET', `/cases/${cases[1]}`);
    expect(detail.body.assignment.assignee).toBe('officer2201');
    expect(detail.body.assignment.history).toHaveLength(2);
    // Supervisors see who and when, not the officers' free text.
    const watched = await req('supervisor', 'GET', `/cases/${cases[1]}`);
    expect(watched.body.assignment.history[1]).not.toHaveProperty('reason');
    // The history is append-only, whoever asks.
    await expect(db.pool.query('UPDATE case_assignment_event SET reason = NULL')).rejects.toThrow(/append-only/);
  });
});

describe('worklists by 承办人', () => {
  it('lists mine, the unassigned and an officer’s cases', async () => {
    expect((await worklist('officer2201', 'assignee=me')).items.map((i) => i.caseId)).toEqual([cases[1], cases[2], cases[4]]);
    expect((await worklist('wang2201', 'assignee=me')).items.map((i) => i.caseId)).toEqual([cases[0]]);
    expect((await worklist('supervisor', 'assignee=unassigned')).items.map((i) => i.caseId)).toEqual([cases[5]]);
    const li = await worklist('coordinator', 'assignee=li2201');
    expect(li.items).toEqual([expect.objectContaining({ caseId: cases[3], assignee: 'li2201', assigneeName: '经办人li' })]);
    const bad = await req('officer2201', 'GET', `/campaigns/${C}/cities/2201/cases?assignee=Wang`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({ path: 'querystring.assignee', message: expect.stringContaining('「承办人」') });
  });
});

describe('the audit trail', () => {
  it('names the 承办人 under whose assignment each case action was taken, and the auditor filters by it', async () => {
    // wang2201's case read by wang, decided by li (decisions stay open to every officer of the city), in bulk by officer2201.
    expect((await req('wang2201', 'GET', `/cases/${cases[0]}`)).status).toBe(200);
    const decision = { outcome: 'TRANSFERRED', receivingAuthority: '省人力资源和社会保障厅' };
    expect((await req('li2201', 'POST', `/cases/${cases[0]}/decision`, decision, { 'idempotency-key': key() })).status).toBe(200);
    const bulk = await req(
      'officer2201',
      'POST',
      `/campaigns/${C}/cities/2201/decisions`,
      { items: [{ caseId: cases[3], decision }] },
      { 'idempotency-key': key() },
    );
    expect(bulk.body.succeeded).toBe(1);

    const rows = await db.pool.query(
      `SELECT user_id, action, target, assignee FROM audit_log WHERE action IN ('case.read', 'case.decide', 'case.assign') ORDER BY id`,
    );
    expect(rows.rows).toEqual(
      expect.arrayContaining([
        { user_id: 'wang2201', action: 'case.read', target: `caseId=${cases[0]}`, assignee: 'wang2201' },
        { user_id: 'li2201', action: 'case.decide', target: `caseId=${cases[0]}`, assignee: 'wang2201' },
        { user_id: 'officer2201', action: 'case.decide', target: `caseId=${cases[3]}`, assignee: 'li2201' },
        { user_id: 'leader2201', action: 'case.assign', target: `caseId=${cases[1]}`, assignee: 'officer2201' },
      ]),
    );
    const reassigned = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'case.assign' AND result = 'ok' AND target = $1`, [
      `caseId=${cases[1]}`,
    ]);
    expect(reassigned.rows.at(-1)!.detail).toEqual({ assignee: 'officer2201', previous: 'wang2201', changed: true });

    const log = await req('auditor', 'GET', '/audit-log?assignee=wang2201&pageSize=50');
    expect(log.status).toBe(200);
    const entries = log.body.items as { userId: string; action: string; assignee: string }[];
    expect(entries.every((e) => e.assignee === 'wang2201')).toBe(true);
    expect(entries.map((e) => `${e.userId} ${e.action}`)).toEqual(expect.arrayContaining(['wang2201 case.read', 'li2201 case.decide']));
    const bulkRun = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'case.assign_bulk' AND result = 'ok' ORDER BY id LIMIT 1`);
    expect(bulkRun.rows[0].detail).toMatchObject({ rule: 'district', changed: 4 });
  });
});

describe('assigning by a filter', () => {
  it("moves a district's cases round-robin to other officers, only with a reason", async () => {
    const body = { cases: { district: '220103', unassignedOnly: false }, rule: { kind: 'roundRobin', officers: ['li2201', 'wang2201'] } };
    const preview = await req('leader2201', 'POST', `/campaigns/${C}/cities/2201/assignments/preview`, body);
    // Cases 2 and 4 (宽城区) are open and officer2201's: dealt in case-number order.
    expect(preview.body).toMatchObject({
      cases: 2,
      assigned: 2,
      reassigned: 2,
      perOfficer: [
        { officer: 'li2201', cases: 1 },
        { officer: 'wang2201', cases: 1 },
      ],
    });
    const path = `/campaigns/${C}/cities/2201/assignments`;
    const bare = await req('leader2201', 'POST', path, body, { 'idempotency-key': key() });
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0].path).toBe('body.reason');
    const moved = await req('leader2201', 'POST', path, { ...body, reason: '宽城区案件集中办理' }, { 'idempotency-key': key() });
    expect(moved.body).toMatchObject({ changed: 2 });
    const detail = await req('officer2201', 'GET', `/cases/${cases[2]}`);
    expect(detail.body.assignment.history.at(-1)).toMatchObject({
      assignee: 'li2201',
      previous: 'officer2201',
      method: 'rule',
      rule: 'roundRobin',
      reason: '宽城区案件集中办理',
    });
  });
});
