/**
 * Intake stays inside the officer's city (issue 17, finding 3): a complaint, a self-check
 * declaration or a deregistration request naming a person of another city is refused exactly as
 * one naming nobody (same status, code and detail: the refusal does not tell whether the person
 * exists elsewhere), and the ban look-up tells an officer of their own city's freezes and case ids
 * only, audited with the ID number masked. Workflow commands are faked: what is proved here is
 * what the API lets through and what it answers.
 */
import { fixtureIdNumber } from '../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { CAMPAIGN, P, seedReadModel } from '../activities/reports/readModelFixture';
import { personBelongsToCity } from '../../readModel/intakeSubject';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

let db: TestDatabase;
let api: RunningApi;
const tokens: Record<string, string> = {};
/** Registered nowhere, no case: nobody. */
const NOBODY = fixtureIdNumber(777);
let seq = 0;

const intake = {
  complaint: (idNumber: string) => ({
    path: `/campaigns/${CAMPAIGN}/cities/2201/complaints`,
    body: { receivedAt: new Date().toISOString(), channel: 'phone', subjectIdNumber: idNumber, content: '举报该人员证书挂靠' },
  }),
  declaration: (idNumber: string) => ({
    path: `/campaigns/${CAMPAIGN}/cities/2201/self-check-declarations`,
    body: { idNumber, correction: 'moved_contributions', correctedOn: '2024-10-08' },
  }),
  deregistration: (idNumber: string) => ({ path: `/campaigns/${CAMPAIGN}/cities/2201/deregistration-requests`, body: { idNumber } }),
};

const send = (who: string, r: { path: string; body: unknown }) =>
  call(api.url, 'POST', r.path, { token: tokens[who], body: r.body, headers: { 'idempotency-key': `intake-scope-${++seq}` } });
const refusal = (r: Res) => ({ status: r.status, code: r.body?.code, detail: r.body?.detail, title_zh: r.body?.title_zh });

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  await seedReadModel(db.pool);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  for (const u of ['coordinator', 'officer2201'] as const) tokens[u] = await login(api.url, u, USERS[u].password);
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('a person of the city', () => {
  it("belongs to the city of their case, else to the city of their registration in the campaign's snapshot", async () => {
    const at = (cityCode: string, idNumber: string) => personBelongsToCity(db.pool, { campaignId: CAMPAIGN, cityCode, idNumber });
    expect(await at('2201', P.a[0])).toBe(true); // a case in 2201
    expect(await at('2202', P.a[0])).toBe(false);
    expect(await at('2201', P.x1)).toBe(true); // registered in 2201, no case
    expect(await at('2201', P.b[0])).toBe(false); // a case in 2202
    expect(await at('2201', P.y1)).toBe(false); // registered in 2202, no case
    expect(await at('2201', NOBODY)).toBe(false);
  });
});

describe.each(Object.keys(intake) as (keyof typeof intake)[])('the %s intake of 2201', (kind) => {
  it('takes a person of 2201, with or without a case', async () => {
    expect((await send('officer2201', intake[kind](P.a[1]))).status).toBe(201);
    expect((await send('officer2201', intake[kind](P.x1))).status).toBe(201);
  });

  it('refuses a person of 2202 (a case there, or a registration only) exactly as it refuses nobody, naming no case', async () => {
    const nobody = await send('officer2201', intake[kind](NOBODY));
    expect(nobody.status).toBe(404);
    expect(nobody.body.code).toBe('not_found');
    for (const idNumber of [P.b[0], P.y1]) {
      for (const who of ['officer2201', 'coordinator']) {
        const r = await send(who, intake[kind](idNumber));
        expect(refusal(r)).toEqual(refusal(nobody));
        expect(r.text).not.toMatch(/2202-\d{6}/);
      }
    }
  });
});

describe('the ban look-up', () => {
  const lookup = (who: string, idNumber: string) => call(api.url, 'POST', '/bans/lookup', { token: tokens[who], body: { idNumber, onDate: '2025-06-01' } });

  beforeAll(async () => {
    // A ban from 2202's case, as settling a VIOLATION writes it.
    const caseId = (await db.pool.query('SELECT case_id FROM case_file WHERE id_number = $1', [P.b[2]])).rows[0].case_id as string;
    await db.pool.query("INSERT INTO registration_ban (id_number, case_id, start_date, end_date) VALUES ($1, $2, '2025-01-01', '2027-12-31')", [
      P.b[2],
      caseId,
    ]);
  });

  it("tells a 2201 officer of 2201's freezes, not of another city's investigation, nor its case ids", async () => {
    expect((await lookup('officer2201', P.a[7])).body.frozen).toBe(true); // open in 2201
    const other = await lookup('officer2201', P.b[2]); // open in 2202, banned by its case
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ frozen: false, banned: true, until: '2027-12-31', bans: [{ caseId: null, start: '2025-01-01', end: '2027-12-31' }] });
    expect(other.text).not.toMatch(/2202-\d{6}/);
    expect((await lookup('officer2201', NOBODY)).body).toMatchObject({ frozen: false, banned: false });
  });

  it('tells a coordinator of every city', async () => {
    const r = await lookup('coordinator', P.b[2]);
    expect(r.body).toMatchObject({ frozen: true, banned: true, bans: [{ caseId: expect.stringMatching(/-2202-\d{6}$/) }] });
  });

  it('is audited with the person masked', async () => {
    const { rows } = await db.pool.query<{ target: string; detail: unknown }>(
      "SELECT target, detail FROM audit_log WHERE action = 'ban.lookup' AND user_id IS NOT NULL ORDER BY id",
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.target).toMatch(/^person=\d{6}\*{8}\d{3}[\dX]$/);
      expect(JSON.stringify(r)).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
    }
  });
});
